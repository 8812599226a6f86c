using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Runs;

public sealed class VersionDiffTests
{
    private static readonly string?[] ExpectedSources = ["mean, n=1, x", "mean, n=2, x, y", "mean, n=1, x"];

    [Fact]
    public void Provenance_items_are_read_even_when_a_pin_reason_holds_separators()
    {
        var spec = With(Brunel.Create(0.1, seed: 1), "E", "tau_m=20 [mean, n=2, doi:10.1/a, doi:10.1/b]; v_th=-50.5 [pinned: a; b] c]; firing_rate=1.5E-05 [median, n=3, x]");

        var estimates = VersionDiff.Estimates(spec);

        Assert.Equal((20.0, "mean, n=2, doi:10.1/a, doi:10.1/b"), estimates[("population E", "tau_m")]);
        Assert.Equal((-50.5, "pinned: a; b] c"), estimates[("population E", "v_th")]);
        Assert.Equal(1.5e-5, estimates[("population E", "firing_rate")].Value);
        Assert.Equal(3, estimates.Count);
    }

    [Fact]
    public void Only_estimates_whose_values_differ_are_listed_with_each_versions_value()
    {
        var a = With(Brunel.Create(0.1, seed: 1), "E", "tau_m=20 [mean, n=1, x]; v_th=-50 [mean, n=1, x]");
        var b = With(Brunel.Create(0.1, seed: 1), "E", "tau_m=12 [mean, n=2, x, y]; v_th=-50 [mean, n=1, x]; firing_rate=3 [mean, n=1, z]");
        var c = With(Brunel.Create(0.1, seed: 1), "E", "tau_m=20 [mean, n=1, x]; v_th=-50.0000001 [mean, n=1, x]");

        var changes = VersionDiff.Compare([a, b, c]);

        Assert.Equal(2, changes.Count);
        Assert.Equal(new double?[] { 20, 12, 20 }, changes[0].Values);
        Assert.Equal(("population E", "tau_m"), (changes[0].Target, changes[0].Parameter));
        Assert.Equal(ExpectedSources, changes[0].Provenance);
        Assert.Equal(("population E", "firing_rate"), (changes[1].Target, changes[1].Parameter));
        Assert.Equal(new double?[] { null, 3, null }, changes[1].Values);
        Assert.Empty(VersionDiff.Compare([a, c]));
    }

    [Fact]
    public void Reference_rates_and_the_poisson_background_come_from_the_spec_where_the_provenance_lacks_them()
    {
        var a = With(Brunel.Create(0.1, seed: 1), "E", "tau_m=20 [mean, n=1, x]");
        var b = a with
        {
            Populations = [a.Populations[0] with { ReferenceRateHz = 5 }, .. a.Populations.Skip(1)],
            Stimuli = [new PoissonInput("E", 8, 100, 87.8, 1.5)],
        };

        var changes = VersionDiff.Compare([a, b]);

        Assert.Equal(["firing_rate", "background_rate", "external_in_degree", "background_weight"], changes.Select(c => c.Parameter));
        Assert.All(changes, c => Assert.Equal("population E", c.Target));
        Assert.Equal(new double?[] { null, 5 }, changes[0].Values);
        Assert.Equal(new double?[] { null, 100 }, changes[2].Values);
        Assert.Equal(VersionDiff.SpecSource, changes[3].Provenance[1]);
    }

    [Fact]
    public void Projections_are_named_by_source_and_target()
    {
        var spec = Brunel.Create(0.1, seed: 1);
        var projection = spec.Projections[0] with { Provenance = "delay=1.5 [mean, n=1, x]" };
        var changed = spec with { Projections = [projection with { Provenance = "delay=2 [mean, n=1, y]" }, .. spec.Projections.Skip(1)] };

        var change = Assert.Single(VersionDiff.Compare([spec with { Projections = [projection, .. spec.Projections.Skip(1)] }, changed]));

        Assert.Equal($"projection {projection.Source} → {projection.Target}", change.Target);
        Assert.Equal(new double?[] { 1.5, 2 }, change.Values);
    }

    private static NetworkSpec With(NetworkSpec spec, string population, string provenance) => spec with
    {
        Populations = spec.Populations.Select(p => p with { Provenance = p.Name == population ? provenance : null, ReferenceRateHz = null }).ToList(),
        Projections = spec.Projections.Select(p => p with { Provenance = null }).ToList(),
        Stimuli = [],
    };
}

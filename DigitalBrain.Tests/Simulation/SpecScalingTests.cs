using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

public sealed class SpecScalingTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Scaling_the_full_microcircuit_gives_NESTs_down_scaled_microcircuit(double scale)
    {
        var scaled = SpecScaling.Scale(Microcircuit.Create(1.0), scale);
        var expected = Microcircuit.Create(scale);

        Assert.Equal(expected.Populations.Select(p => (p.Name, p.Size)), scaled.Populations.Select(p => (p.Name, p.Size)));
        for (var i = 0; i < expected.Populations.Count; i++)
        {
            // The example's DC compensation; tolerance covers the rounded full-scale synapse totals.
            Assert.Equal(expected.Populations[i].Parameters.ExternalCurrentPa, scaled.Populations[i].Parameters.ExternalCurrentPa, 1e-3);
            Assert.True(expected.Populations[i].Parameters.ExternalCurrentPa > 1, "a down-scaled microcircuit needs DC compensation");
        }
        var byPair = expected.Projections.ToDictionary(p => (p.Source, p.Target));
        Assert.Equal(byPair.Count, scaled.Projections.Count);
        foreach (var projection in scaled.Projections)
        {
            var reference = byPair[(projection.Source, projection.Target)];
            Assert.InRange(projection.Rule.Count, reference.Rule.Count - 1, reference.Rule.Count + 1);
            Assert.Equal(reference.Synapse.Weight.Mean, projection.Synapse.Weight.Mean, 1e-9);
            Assert.Equal(reference.Synapse.Weight.Sd, projection.Synapse.Weight.Sd, 1e-9);
        }
        Assert.Equal(
            expected.Stimuli.OfType<PoissonInput>().Select(p => (p.Target, p.Indegree, Math.Round(p.WeightPa, 9))),
            scaled.Stimuli.OfType<PoissonInput>().Select(p => (p.Target, p.Indegree, Math.Round(p.WeightPa, 9))));
    }

    [Fact]
    public void Scale_one_returns_the_spec_unchanged_and_out_of_range_scales_are_refused()
    {
        var spec = Microcircuit.Create(1.0);
        Assert.Same(spec, SpecScaling.Scale(spec, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecScaling.Scale(spec, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecScaling.Scale(spec, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecScaling.Scale(spec, 1.5));
    }
}

using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Seeding;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Versions;

public sealed class VersionServiceTests(PostgresFixture postgres)
{
    private static readonly Actor Admin = new("admin", IsAdmin: true);

    [Fact]
    public async Task The_curated_microcircuit_compiles_to_the_engines_microcircuit()
    {
        var (factory, modelId) = await SeededMicrocircuitAsync();

        var (version, created) = await new VersionService(factory).CreateAsync(Admin, modelId, ct: TestContext.Current.CancellationToken);
        var (_, spec) = await new VersionService(factory).GetAsync(Admin, version.Id, TestContext.Current.CancellationToken);
        var builtin = Microcircuit.Create(1.0);

        Assert.True(created);
        Assert.Equal(1, version.Number);
        Assert.Equal(77_169, version.NeuronCount);
        Assert.Equal(builtin.Populations.Select(p => (p.Name, p.Size)), spec.Populations.Select(p => (p.Name, p.Size)));
        Assert.Equal(Microcircuit.FullScaleRatesHz, spec.Populations.Select(p => p.ReferenceRateHz!.Value));
        Assert.All(spec.Populations, p => Assert.Equal(builtin.Populations[0].Parameters with { ExternalCurrentPa = 0 }, p.Parameters));
        var expected = builtin.Projections.ToDictionary(p => (p.Source, p.Target));
        Assert.Equal(expected.Count, spec.Projections.Count);
        foreach (var projection in spec.Projections)
        {
            var reference = expected[(projection.Source, projection.Target)];
            Assert.Equal(reference.Rule.Kind, projection.Rule.Kind);
            Assert.InRange(projection.Rule.Count, reference.Rule.Count - 1, reference.Rule.Count + 1);
            Assert.Equal(reference.Synapse.Weight.Mean, projection.Synapse.Weight.Mean, 1e-9);
            Assert.Equal(reference.Synapse.Weight.Sd, projection.Synapse.Weight.Sd, 1e-9);
            Assert.Equal(reference.Synapse.DelayMs, projection.Synapse.DelayMs);
            Assert.Contains("doi:10.1093/cercor/bhs358", projection.Provenance, StringComparison.Ordinal);
        }
        var poisson = spec.Stimuli.OfType<PoissonInput>().ToList();
        Assert.Equal(builtin.Stimuli.OfType<PoissonInput>().Select(p => (p.Target, p.Indegree, p.RateHz)), poisson.Select(p => (p.Target, p.Indegree, p.RateHz)));
        Assert.Contains("neuron_count=20683 [mean, n=1, doi:10.1093/cercor/bhs358]", spec.Populations[0].Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unchanged_estimates_give_the_same_version_and_a_changed_estimate_a_new_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededMicrocircuitAsync();
        var versions = new VersionService(factory);
        var (first, _) = await versions.CreateAsync(Admin, modelId, ct: ct);

        var (again, createdAgain) = await versions.CreateAsync(Admin, modelId, ct: ct);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);

        var population = await FirstPopulationAsync(factory, modelId);
        await new EntryService(factory).AddAsync(Admin, modelId, EstimateTarget.ForPopulation(population),
            new EntryInput { ParameterKey = "tau_m", Value = 12, Doi = "10.1000/other" }, ct);
        var (second, created) = await versions.CreateAsync(Admin, modelId, ct: ct);

        Assert.True(created);
        Assert.Equal(2, second.Number);
        Assert.NotEqual(first.ContentHash, second.ContentHash);
        Assert.Equal(2, (await versions.ListAsync(Admin, modelId, ct)).Count);
    }

    [Fact]
    public async Task A_missing_estimate_fails_compilation_with_the_list_and_stores_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededMicrocircuitAsync();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var population = await FirstPopulationAsync(factory, modelId);
            var tauM = await db.ParameterDefinitions.SingleAsync(d => d.Key == "tau_m", ct);
            await db.CollectiveEstimates.Where(e => e.PopulationId == population && e.ParameterDefinitionId == tauM.Id).ExecuteDeleteAsync(ct);
        }

        var error = await Assert.ThrowsAsync<CompilationException>(() => new VersionService(factory).CreateAsync(Admin, modelId, ct: ct));

        Assert.Equal(["population L23E: tau_m"], error.Missing);
        await using var check = await factory.CreateDbContextAsync(ct);
        Assert.Equal(0, await check.ModelVersions.CountAsync(ct));
    }

    [Fact]
    public async Task The_whole_brain_skeleton_reports_its_gaps_instead_of_inventing_values()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("ver"));
        await new CurationSeeder(factory).SeedAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var skeleton = await db.BrainModels.SingleAsync(m => m.SeedKey != MicrocircuitSeed.SeedKey, ct);

        var error = await Assert.ThrowsAsync<CompilationException>(() => new VersionService(factory).CreateAsync(Admin, skeleton.Id, ct: ct));

        Assert.NotEmpty(error.Missing);
    }

    private async Task<(Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.AppDbContext> Factory, Guid ModelId)> SeededMicrocircuitAsync()
    {
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("ver"));
        await new CurationSeeder(factory).SeedAsync(TestContext.Current.CancellationToken);
        await using var db = await factory.CreateDbContextAsync();
        await using (var users = await factory.CreateDbContextAsync())
        {
            users.Users.Add(new Core.Accounts.AppUser { Id = "admin", UserName = "admin", NormalizedUserName = "ADMIN" });
            await users.SaveChangesAsync();
        }
        return (factory, (await db.BrainModels.SingleAsync(m => m.SeedKey == MicrocircuitSeed.SeedKey)).Id);
    }

    private static async Task<Guid> FirstPopulationAsync(Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.AppDbContext> factory, Guid modelId)
    {
        await using var db = await factory.CreateDbContextAsync();
        return (await db.Populations.SingleAsync(p => p.ModelId == modelId && p.Name == "L23E")).Id;
    }
}

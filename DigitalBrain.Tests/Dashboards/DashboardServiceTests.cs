using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Overview;
using DigitalBrain.Core.Runs;
using DigitalBrain.Core.Seeding;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Dashboards;

/// <summary>The dashboards' reads on the seeded microcircuit: two versions that differ in one
/// firing-rate estimate, a stored finished run of each.</summary>
public sealed class DashboardServiceTests(PostgresFixture postgres)
{
    private static readonly Actor Admin = new("admin", IsAdmin: true);

    [Fact]
    public async Task Two_runs_compare_side_by_side_with_the_changed_estimate_and_references_from_their_versions()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededMicrocircuitAsync();
        var versions = new VersionService(factory);
        var runs = new RunService(factory, versions, new RunLifecycle(factory));
        var (v1, _) = await versions.CreateAsync(Admin, modelId, ct: ct);
        var l23e = await PopulationIdAsync(factory, modelId, "L23E");
        await new EntryService(factory).AddAsync(Admin, modelId, EstimateTarget.ForPopulation(l23e),
            new EntryInput { ParameterKey = "firing_rate", Value = 1.903, Doi = "10.1000/second-rate" }, ct);
        var (v2, _) = await versions.CreateAsync(Admin, modelId, ct: ct);
        var run1 = await StoreFinishedRunAsync(factory, modelId, v1.Id, 1.0, DateTimeOffset.UtcNow.AddMinutes(-5));
        var run2 = await StoreFinishedRunAsync(factory, modelId, v2.Id, 2.0, DateTimeOffset.UtcNow);
        CollectiveEstimate estimate;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var firingRate = await db.ParameterDefinitions.SingleAsync(d => d.Key == "firing_rate", ct);
            estimate = await db.CollectiveEstimates.SingleAsync(e => e.PopulationId == l23e && e.ParameterDefinitionId == firingRate.Id, ct);
        }

        var view = await new RunDashboardService(factory, runs).CompareAsync(Admin, modelId, [run1, run2], ct);

        var change = Assert.Single(view.Changes);
        Assert.Equal(("population L23E", "firing_rate"), (change.Target, change.Parameter));
        Assert.Equal(0.903, change.Values[0]!.Value, 9);
        Assert.Equal((0.903 + 1.903) / 2, change.Values[1]!.Value, 5);
        Assert.Equal(Microcircuit.PopulationNames, view.Populations.Select(p => p.Population));
        Assert.All(view.Populations, p => Assert.Equal(2.0, p.RatioToFirst[1]!.Value, 6));
        // Run 1's version froze 0.903 Hz; the estimate moved since, so its interval does not apply.
        var first = view.Runs[0].Populations[0].Comparison.Reference!;
        Assert.Equal(new ReferenceRate(0.903, null, null, ReferenceSource.VersionValueOnly), first);
        // Run 2's version froze the current mean: the reference carries the estimate's 95 % interval.
        var second = view.Runs[1].Populations[0].Comparison.Reference!;
        Assert.Equal(ReferenceSource.Version, second.Source);
        Assert.Equal(estimate.Value!.Value, second.ValueHz, 9);
        Assert.Equal((estimate.CiLow, estimate.CiHigh), (second.LowHz, second.HighHz));
        Assert.True(second.LowHz < second.ValueHz && second.ValueHz < second.HighHz);
        Assert.NotNull(view.Runs[1].Populations[0].Comparison.Region);
        Assert.Equal(2, view.Summaries.Count);
        Assert.All(view.Summaries, s => Assert.Equal(8, s.Compared));
    }

    [Fact]
    public async Task The_overview_sums_neurons_by_region_maps_connection_probabilities_and_shows_the_latest_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededMicrocircuitAsync();
        var versions = new VersionService(factory);
        var runs = new RunService(factory, versions, new RunLifecycle(factory));
        var (v1, _) = await versions.CreateAsync(Admin, modelId, ct: ct);
        await StoreFinishedRunAsync(factory, modelId, v1.Id, 1.0, DateTimeOffset.UtcNow.AddMinutes(-5));
        var latest = await StoreFinishedRunAsync(factory, modelId, v1.Id, 3.0, DateTimeOffset.UtcNow);

        var overview = await new ModelOverviewService(factory, new CoverageService(factory), runs).GetAsync(Admin, modelId, ct);

        Assert.Equal(Microcircuit.FullScaleSizes.Sum(), overview.Neurons.Sum(n => n.Neurons));
        Assert.Equal(Microcircuit.PopulationNames, overview.Neurons.Select(n => n.Population));
        var matrix = overview.Connectivity!;
        Assert.Equal("connection_probability", matrix.Parameter);
        Assert.Equal(Microcircuit.PopulationNames, matrix.Populations);
        var p = Microcircuit.ConnectionProbabilities;
        for (var t = 0; t < 8; t++)
        {
            for (var s = 0; s < 8; s++)
                Assert.Equal(p[t, s] > 0 ? p[t, s] : null, matrix.Values[t][s]);
        }
        Assert.Equal(latest, overview.LatestRun!.RunId);
        // 3 × the reference rate: every population is more than a factor 2 off.
        Assert.Equal(8, overview.LatestRun.Summary.Outside);
        Assert.Equal(Math.Log10(3), overview.LatestRun.Summary.MeanAbsLog10Ratio!.Value, 5);
        Assert.True(overview.Coverage.TotalParameters > 0);
    }

    [Fact]
    public async Task Distributions_and_comparisons_follow_the_run_access_rule()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededMicrocircuitAsync();
        var versions = new VersionService(factory);
        var dashboards = new RunDashboardService(factory, new RunService(factory, versions, new RunLifecycle(factory)));
        var (v1, _) = await versions.CreateAsync(Admin, modelId, ct: ct);
        var run = await StoreFinishedRunAsync(factory, modelId, v1.Id, 1.0, DateTimeOffset.UtcNow);
        await using (var db = await factory.CreateDbContextAsync(ct))
            await db.BrainModels.Where(m => m.Id == modelId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsPublic, false), ct);

        var distributions = await dashboards.DistributionsAsync(Admin, run, ct);

        Assert.Equal([0.903f * 0.5f, 0.903f * 1.5f], distributions[0].NeuronRatesHz);
        Assert.Equal([1.0f], distributions[0].NeuronCvIsi);
        var stranger = new Actor("stranger");
        await Assert.ThrowsAsync<NotFoundException>(() => dashboards.DistributionsAsync(stranger, run, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => dashboards.CompareAsync(stranger, modelId, [run, run, Guid.NewGuid()], ct));
        await Assert.ThrowsAsync<Core.Validation.ValidationException>(() => dashboards.CompareAsync(Admin, modelId, [run, run], ct));
        await Assert.ThrowsAsync<NotFoundException>(() => dashboards.CompareAsync(Admin, Guid.NewGuid(), [run, Guid.NewGuid()], ct));
    }

    /// <summary>A succeeded run whose populations fired at <paramref name="factor"/> × the
    /// microcircuit's reference rates, two recorded neurons each at 0.5 and 1.5 × that.</summary>
    private static async Task<Guid> StoreFinishedRunAsync(IDbContextFactory<AppDbContext> factory, Guid modelId, Guid versionId, double factor,
        DateTimeOffset finishedAt)
    {
        await using var db = await factory.CreateDbContextAsync();
        var run = new SimulationRun
        {
            Id = Guid.NewGuid(), ModelVersionId = versionId, BrainModelId = modelId, CreatedById = "admin", CreatedAt = finishedAt,
            UpdatedAt = finishedAt, FinishedAt = finishedAt, SimulateMs = 100, Seed = 1, Scale = 0.01, Backend = BackendKind.Cpu,
            Queue = RunQueues.Small, Status = RunStatus.Succeeded, Progress = 1,
        };
        db.SimulationRuns.Add(run);
        for (var i = 0; i < 8; i++)
        {
            var rate = (float)(Microcircuit.FullScaleRatesHz[i] * factor);
            db.RunPopulationResults.Add(new RunPopulationResult
            {
                RunId = run.Id, Population = Microcircuit.PopulationNames[i], Order = i, Size = 2, RecordedNeurons = 2,
                RateHz = Microcircuit.FullScaleRatesHz[i] * factor, RateSdHz = 0.1, BinMs = 10, RateSeries = [rate],
                NeuronRates = [(float)(Microcircuit.FullScaleRatesHz[i] * 0.5), (float)(Microcircuit.FullScaleRatesHz[i] * 1.5)], NeuronCvs = [1.0f],
            });
        }
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task<(IDbContextFactory<AppDbContext> Factory, Guid ModelId)> SeededMicrocircuitAsync()
    {
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("dash"));
        await new CurationSeeder(factory).SeedAsync(TestContext.Current.CancellationToken);
        await using (var users = await factory.CreateDbContextAsync())
        {
            users.Users.Add(new Core.Accounts.AppUser { Id = "admin", UserName = "admin", NormalizedUserName = "ADMIN" });
            await users.SaveChangesAsync();
        }
        await using var db = await factory.CreateDbContextAsync();
        return (factory, (await db.BrainModels.SingleAsync(m => m.SeedKey == MicrocircuitSeed.SeedKey)).Id);
    }

    private static async Task<Guid> PopulationIdAsync(IDbContextFactory<AppDbContext> factory, Guid modelId, string name)
    {
        await using var db = await factory.CreateDbContextAsync();
        return (await db.Populations.SingleAsync(p => p.ModelId == modelId && p.Name == name)).Id;
    }
}

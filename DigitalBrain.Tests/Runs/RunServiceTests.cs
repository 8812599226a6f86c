using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Runs;
using DigitalBrain.Core.Seeding;
using DigitalBrain.Core.Validation;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Runs;

/// <summary>Launching, reading and cancelling runs on real PostgreSQL with the seeded microcircuit.</summary>
public sealed class RunServiceTests(PostgresFixture postgres)
{
    private static readonly Actor Curator = new("curator");
    private static readonly Actor Viewer = new("viewer");
    private static readonly RunSettings Settings = new(200, 50, 7, 0.02, BackendKind.Cpu);

    [Fact]
    public async Task Launching_freezes_a_version_stores_a_queued_run_and_reuses_the_unchanged_version()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededAsync();
        var runs = Service(factory);

        var first = await runs.LaunchAsync(Curator, modelId, Settings, ct);
        var second = await runs.LaunchAsync(Curator, modelId, Settings with { Seed = 8 }, ct);

        await using var db = await factory.CreateDbContextAsync(ct);
        var version = await db.ModelVersions.SingleAsync(ct);
        var stored = await db.SimulationRuns.SingleAsync(r => r.Id == first, ct);
        Assert.Equal(77_169, version.NeuronCount);
        Assert.Equal(version.Id, stored.ModelVersionId);
        Assert.Equal(version.Id, (await db.SimulationRuns.SingleAsync(r => r.Id == second, ct)).ModelVersionId);
        Assert.Equal((RunStatus.Queued, 200.0, 50.0, 7UL, 0.02, BackendKind.Cpu, "curator"),
            (stored.Status, stored.SimulateMs, stored.PresimMs, stored.Seed, stored.Scale, stored.Backend, stored.CreatedById));
        // 77 169 · 0.02 neurons for 0.25 s is ≈ 386 neuron·s: far below the large-queue threshold.
        Assert.Equal(RunQueues.Small, stored.Queue);
        var listed = await runs.ListAsync(Viewer, modelId, ct);
        Assert.Equal([second, first], listed.Select(r => r.Id));
        Assert.All(listed, r => Assert.Equal(version.ContentHash, r.VersionHash));
    }

    [Theory]
    [InlineData(0, 500, 1.0, "simulateMs")]
    [InlineData(3_600_001, 500, 1.0, "simulateMs")]
    [InlineData(double.NaN, 500, 1.0, "simulateMs")]
    [InlineData(1000, -1, 1.0, "presimMs")]
    [InlineData(1000, double.PositiveInfinity, 1.0, "presimMs")]
    [InlineData(1000, 500, 0, "scale")]
    [InlineData(1000, 500, 1.5, "scale")]
    public void Bad_settings_are_refused_naming_the_field(double simulateMs, double presimMs, double scale, string field)
    {
        var error = Assert.Throws<ValidationException>(() => RunService.Validate(new RunSettings(simulateMs, presimMs, 1, scale, BackendKind.Auto)));

        Assert.Equal([(field, "range")], error.Errors.Select(e => (e.Field, e.Rule)));
    }

    [Fact]
    public async Task A_viewer_can_read_runs_but_not_launch_or_cancel_and_bad_settings_write_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededAsync();
        var runs = Service(factory);

        await Assert.ThrowsAsync<AccessDeniedException>(() => runs.LaunchAsync(Viewer, modelId, Settings, ct));
        await Assert.ThrowsAsync<ValidationException>(() => runs.LaunchAsync(Curator, modelId, Settings with { Scale = 0 }, ct));
        var runId = await runs.LaunchAsync(Curator, modelId, Settings, ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => runs.CancelAsync(Viewer, runId, ct));
        // The same rule as the API's: another curator cannot stop this curator's run.
        await Assert.ThrowsAsync<AccessDeniedException>(() => runs.CancelAsync(new Actor("curator2"), runId, ct));

        await using var db = await factory.CreateDbContextAsync(ct);
        Assert.Equal(1, await db.SimulationRuns.CountAsync(ct));
        Assert.Equal(RunStatus.Queued, (await runs.GetAsync(Viewer, runId, ct)).Run.Status);
    }

    [Fact]
    public async Task Cancelling_a_queued_run_cancels_it_at_once_and_a_second_cancel_reports_it_finished()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededAsync();
        var runs = Service(factory);
        var runId = await runs.LaunchAsync(Curator, modelId, Settings, ct);

        Assert.True(await runs.CancelAsync(Curator, runId, ct));
        Assert.False(await runs.CancelAsync(Curator, runId, ct));

        var run = (await runs.GetAsync(Viewer, runId, ct)).Run;
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.True(run.CancelRequested);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task Results_are_compared_with_the_versions_reference_rates_decoded_and_exported_as_csv()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, runs, runId) = await RunWithResultsAsync();
        // The seeded references are the full-scale rates of the PyNEST example: L23E 0.903 Hz, so
        // 0.9 Hz lies within the 10 % point tolerance; L23I 2.965 Hz, so 10 Hz is more than a factor 2 off.

        var details = await runs.GetAsync(Viewer, runId, ct);
        var spikes = await runs.SpikesAsync(Viewer, runId, ct);
        var csv = await runs.ExportCsvAsync(Viewer, runId, ct);

        Assert.Equal(Microcircuit.FullScaleRatesHz[0], details.Populations[0].Comparison.Reference!.ValueHz);
        Assert.Equal([RateAgreement.InsideInterval, RateAgreement.Outside], details.Populations.Select(p => p.Comparison.Agreement));
        Assert.Equal([1, 3, 2], spikes[0].Neurons);
        Assert.Equal([1.5f, 2.0f, 7.5f], spikes[0].TimesMs);
        Assert.Empty(spikes[1].Neurons);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("L23E,100,3,0.9,0.25,1.25,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",InsideInterval", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_models_runs_and_their_figures_are_read_by_members_and_do_not_exist_for_outsiders()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId, runs, runId) = await RunWithResultsAsync();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            (await db.BrainModels.SingleAsync(m => m.Id == modelId, ct)).IsPublic = false;
            await db.SaveChangesAsync(ct);
        }

        Assert.Equal(Settings.Seed, (await runs.GetFactsAsync(Curator, runId, ct)).Seed);
        Assert.Equal([runId], (await runs.ListFactsAsync(Curator, modelId, ct)).Select(r => r.Id));
        Assert.Equal([("L23E", 0.9), ("L23I", 10.0)], (await runs.ResultsAsync(Curator, runId, ct)).Select(p => (p.Population, p.RateHz)));
        // "viewer" is no member: it read the runs only while the model was public.
        await Assert.ThrowsAsync<NotFoundException>(() => runs.GetFactsAsync(Viewer, runId, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => runs.ListFactsAsync(Viewer, modelId, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => runs.ResultsAsync(Viewer, runId, ct));
    }

    /// <summary>A queued run of the seeded model with stored results of two populations, the second
    /// (L23I, order 1) written before the first (L23E, order 0).</summary>
    private async Task<(IDbContextFactory<AppDbContext> Factory, Guid ModelId, RunService Runs, Guid RunId)> RunWithResultsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var (factory, modelId) = await SeededAsync();
        var runs = Service(factory);
        var runId = await runs.LaunchAsync(Curator, modelId, Settings, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.RunPopulationResults.AddRange(Result(runId, "L23I", 1, 10, [], []), Result(runId, "L23E", 0, 0.9, [1, 3, 2], [1.5f, 2.0f, 7.5f]));
        await db.SaveChangesAsync(ct);
        return (factory, modelId, runs, runId);
    }

    private static RunPopulationResult Result(Guid runId, string population, int order, double rateHz, int[] neurons, float[] timesMs) => new()
    {
        RunId = runId, Population = population, Order = order, Size = 100, RecordedNeurons = 3, RateHz = rateHz, RateSdHz = 0.25,
        CvIsi = 1.25, BinMs = 5, RateSeries = [1, 2], SpikeSample = SpikeCodec.Encode(neurons, timesMs, 0.1),
    };

    private static RunService Service(IDbContextFactory<AppDbContext> factory) =>
        new(factory, new VersionService(factory), new RunLifecycle(factory));

    private async Task<(IDbContextFactory<AppDbContext> Factory, Guid ModelId)> SeededAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("runs"));
        await new CurationSeeder(factory).SeedAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Users.AddRange(
            new Core.Accounts.AppUser { Id = "curator", UserName = "curator", NormalizedUserName = "CURATOR" },
            new Core.Accounts.AppUser { Id = "viewer", UserName = "viewer", NormalizedUserName = "VIEWER" },
            new Core.Accounts.AppUser { Id = "curator2", UserName = "curator2", NormalizedUserName = "CURATOR2" });
        var model = await db.BrainModels.SingleAsync(m => m.SeedKey == MicrocircuitSeed.SeedKey, ct);
        db.ModelMembers.Add(new ModelMember { ModelId = model.Id, UserId = "curator", Role = ModelRole.Curator, AddedAt = DateTimeOffset.UtcNow });
        db.ModelMembers.Add(new ModelMember { ModelId = model.Id, UserId = "curator2", Role = ModelRole.Curator, AddedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(ct);
        return (factory, model.Id);
    }
}

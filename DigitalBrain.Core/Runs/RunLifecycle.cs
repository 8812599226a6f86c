using DigitalBrain.Core.Data;
using DigitalBrain.Core.Live;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Versions;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Runs;

/// <summary>
/// The database side of a run's life on a worker: claim, progress, and the final write. Every
/// transition is guarded by the run's current status inside a row lock, so a re-executed job (a
/// worker killed mid-run, a PostgreSQL restart) can neither run a finished run again nor store
/// its results twice.
/// </summary>
public sealed class RunLifecycle(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>A run whose worker wrote progress this recently is alive: a second fetch of its job
    /// (which sliding invisibility should already prevent) leaves it alone. Workers write progress
    /// twice a second; the Hangfire invisibility timeout that re-offers a dead worker's job is longer.</summary>
    public static readonly TimeSpan LiveLease = TimeSpan.FromSeconds(10);

    public static string Topic(Guid runId) => $"run:{runId}";

    public static string ModelRunsTopic(Guid modelId) => $"model-runs:{modelId}";

    /// <summary>Starts an attempt. Null when there is nothing to do: the run is final, or it has
    /// used up its attempts (then it is marked failed here).</summary>
    public Task<RunClaim?> ClaimAsync(Guid runId, int maxAttempts, CancellationToken ct) =>
        WriteTransaction.RunAsync<RunClaim?>(factory, async db =>
        {
            var run = await LockAsync(db, runId, ct);
            if (run is null || run.Status.IsFinal())
                return null;
            if (run.Status != RunStatus.Queued && DateTimeOffset.UtcNow - run.UpdatedAt < LiveLease)
                return null; // another worker is running it right now and reporting progress
            if (run.CancelRequested)
            {
                Finish(run, RunStatus.Cancelled, null);
                await SaveAndAnnounceAsync(db, run, ct);
                return null;
            }
            run.Attempts++;
            if (run.Attempts > maxAttempts)
            {
                Finish(run, RunStatus.Failed, $"The run stopped its worker {maxAttempts} times (crash or kill) and was given up.");
                await SaveAndAnnounceAsync(db, run, ct);
                return null;
            }
            run.Status = RunStatus.Building;
            run.Progress = 0;
            run.SimulatedMs = 0;
            run.LiveRates = null; // an earlier attempt's trace: this attempt starts over
            run.StartedAt ??= DateTimeOffset.UtcNow;
            var version = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == run.ModelVersionId, ct);
            await SaveAndAnnounceAsync(db, run, ct);
            return new RunClaim(run.Id, run.BrainModelId, version.SpecJson, run.SimulateMs, run.PresimMs, run.Seed, run.Scale, run.Backend, run.Attempts);
        }, ct);

    /// <summary>Writes live progress, and the live rate traces when <paramref name="liveRates"/> is given;
    /// returns true when a user asked to cancel.</summary>
    public Task<bool> ReportProgressAsync(Guid runId, RunStatus phase, double fraction, double simulatedMs,
        double wallSeconds, double? etaSeconds, CancellationToken ct, LiveRateTrace? liveRates = null) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var run = await LockAsync(db, runId, ct);
            if (run is null || run.Status.IsFinal())
                return true;
            run.Status = phase;
            run.Progress = Math.Clamp(fraction, 0, 1);
            run.SimulatedMs = simulatedMs;
            run.WallSeconds = wallSeconds;
            run.EtaSeconds = etaSeconds;
            if (liveRates is not null)
                run.LiveRates = liveRates.ToJson();
            await SaveAndAnnounceAsync(db, run, ct);
            return run.CancelRequested;
        }, ct);

    /// <summary>Stores the outcome exactly once: a second call for a finished run changes nothing.</summary>
    public Task<bool> CompleteAsync(Guid runId, RunOutcome outcome, CancellationToken ct) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var run = await LockAsync(db, runId, ct);
            if (run is null || run.Status.IsFinal())
                return false;
            // A killed earlier attempt never commits partial rows (everything is in this one
            // transaction), but clear defensively so a retry can never duplicate.
            await db.RunPopulationResults.Where(p => p.RunId == runId).ExecuteDeleteAsync(ct);
            await db.RunSpikeChunks.Where(c => c.RunId == runId).ExecuteDeleteAsync(ct);
            foreach (var population in outcome.Populations)
                population.RunId = runId;
            foreach (var chunk in outcome.SpikeChunks)
                chunk.RunId = runId;
            db.AddRange(outcome.Populations);
            db.AddRange(outcome.SpikeChunks);
            run.BackendUsed = outcome.Backend;
            run.Threads = outcome.Threads;
            run.Neurons = outcome.Neurons;
            run.Synapses = outcome.Synapses;
            run.BuildSeconds = outcome.BuildSeconds;
            run.SimulateSeconds = outcome.SimulateSeconds;
            run.RealTimeFactor = outcome.RealTimeFactor;
            run.PeakMemoryBytes = outcome.PeakMemoryBytes;
            run.SpikeCount = outcome.SpikeCount;
            run.SpikesTruncated = outcome.SpikesTruncated;
            run.Progress = 1;
            run.SimulatedMs = run.PresimMs + run.SimulateMs;
            run.EtaSeconds = 0;
            run.LiveRates = null;
            Finish(run, RunStatus.Succeeded, null);
            await SaveAndAnnounceAsync(db, run, ct);
            return true;
        }, ct);

    /// <summary>Asks a run to stop: a queued run is cancelled at once, a running one by its worker
    /// within a second. Returns false when the run had already finished.</summary>
    public Task<bool> RequestCancelAsync(Guid runId, CancellationToken ct) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var run = await LockAsync(db, runId, ct) ?? throw new NotFoundException($"Run {runId} does not exist.");
            if (run.Status.IsFinal())
                return false;
            run.CancelRequested = true;
            if (run.Status == RunStatus.Queued)
                Finish(run, RunStatus.Cancelled, null);
            await SaveAndAnnounceAsync(db, run, ct);
            return true;
        }, ct);

    public Task FailAsync(Guid runId, string error, CancellationToken ct) => FinishAsync(runId, RunStatus.Failed, error, ct);

    public Task MarkCancelledAsync(Guid runId, CancellationToken ct) => FinishAsync(runId, RunStatus.Cancelled, null, ct);

    private Task FinishAsync(Guid runId, RunStatus status, string? error, CancellationToken ct) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var run = await LockAsync(db, runId, ct);
            if (run is null || run.Status.IsFinal())
                return;
            Finish(run, status, error);
            await SaveAndAnnounceAsync(db, run, ct);
        }, ct);

    private static void Finish(SimulationRun run, RunStatus status, string? error)
    {
        run.Status = status;
        run.Error = error is { Length: > 4000 } ? error[..4000] : error;
        run.FinishedAt = DateTimeOffset.UtcNow;
    }

    private static Task<SimulationRun?> LockAsync(AppDbContext db, Guid runId, CancellationToken ct) =>
        db.SimulationRuns
            .FromSql($"SELECT * FROM \"SimulationRuns\" WHERE \"Id\" = {runId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);

    private static async Task SaveAndAnnounceAsync(AppDbContext db, SimulationRun run, CancellationToken ct)
    {
        run.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        await ChangeFeed.PublishAsync(db, Topic(run.Id), ct);
        await ChangeFeed.PublishAsync(db, ModelRunsTopic(run.BrainModelId), ct);
    }
}

/// <summary>What a worker needs to run one attempt.</summary>
public sealed record RunClaim(Guid RunId, Guid ModelId, string SpecJson, double SimulateMs, double PresimMs, ulong Seed,
    double Scale, Simulation.Engine.BackendKind Backend, int Attempt);

/// <summary>Everything a finished run stores, prepared off the database.</summary>
public sealed record RunOutcome(
    string Backend,
    int Threads,
    long Neurons,
    long Synapses,
    double BuildSeconds,
    double SimulateSeconds,
    double RealTimeFactor,
    long PeakMemoryBytes,
    long SpikeCount,
    bool SpikesTruncated,
    IReadOnlyList<RunPopulationResult> Populations,
    IReadOnlyList<RunSpikeChunk> SpikeChunks);

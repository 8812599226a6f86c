using DigitalBrain.Core.Models;
using DigitalBrain.Core.Runs;
using DigitalBrain.Core.Validation;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Web.Runs;

namespace DigitalBrain.Web.Api;

/// <summary>Settings of a run launched through the API (milliseconds of model time).</summary>
public sealed record RunRequest(double SimulateMs = 1000, double PresimMs = 0, ulong? Seed = null, double Scale = 1,
    BackendKind Backend = BackendKind.Auto);

public sealed record RunView(Guid Id, Guid ModelId, Guid VersionId, RunStatus Status, double Progress, double SimulateMs, double PresimMs,
    ulong Seed, double Scale, BackendKind Backend, string Queue, bool CancelRequested, string CreatedById, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, string? BackendUsed, long? Neurons, long? Synapses,
    long? SpikeCount, double? RealTimeFactor, double? SimulateSeconds, LiveRates? LiveRates = null)
{
    /// <summary>The API's view of a run; <paramref name="withLive"/> adds the live rate traces of a run in
    /// progress (one run's status, not lists).</summary>
    internal static RunView From(SimulationRun r, bool withLive = false) => new(r.Id, r.BrainModelId, r.ModelVersionId, r.Status, r.Progress, r.SimulateMs,
        r.PresimMs, r.Seed, r.Scale, r.Backend, r.Queue, r.CancelRequested, r.CreatedById, r.CreatedAt, r.StartedAt, r.FinishedAt,
        r.Error, r.BackendUsed, r.Neurons, r.Synapses, r.SpikeCount, r.RealTimeFactor, r.SimulateSeconds,
        withLive ? LiveRateTrace.FromJson(r.LiveRates)?.ToRates() : null);
}

/// <summary>Launch = freeze the model into a version (or reuse an identical latest one), create a
/// run, and hand its id to Hangfire. Reads and cancelling follow <see cref="RunService"/>'s access
/// rules; this class adds the API's settings check and its view of a run.</summary>
public sealed class RunLauncher(RunService runs, RunQueue queue)
{
    public async Task<RunView> LaunchAsync(Actor actor, Guid modelId, RunRequest request, CancellationToken ct)
    {
        var settings = new RunSettings(request.SimulateMs, request.PresimMs, request.Seed ?? (ulong)Random.Shared.Next(1, int.MaxValue),
            request.Scale, request.Backend);
        var runId = await runs.LaunchAsync(actor, modelId, settings, ct);
        await queue.EnqueueAsync(runId, ct);
        return RunView.From(await runs.GetFactsAsync(actor, runId, ct));
    }

    public async Task<RunView> GetAsync(Actor actor, Guid runId, CancellationToken ct) =>
        RunView.From(await runs.GetFactsAsync(actor, runId, ct), withLive: true);

    public async Task<IReadOnlyList<RunView>> ListAsync(Actor actor, Guid modelId, CancellationToken ct) =>
        (await runs.ListFactsAsync(actor, modelId, ct)).Select(r => RunView.From(r)).ToList();

    /// <summary>False when the run had already finished (nothing to cancel).</summary>
    public Task<bool> CancelAsync(Actor actor, Guid runId, CancellationToken ct) => runs.CancelAsync(actor, runId, ct);

    public Task<IReadOnlyList<PopulationFigures>> ResultsAsync(Actor actor, Guid runId, CancellationToken ct) => runs.ResultsAsync(actor, runId, ct);
}

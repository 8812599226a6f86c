using System.Diagnostics;
using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Spec;
using Hangfire;

namespace DigitalBrain.Web.Runs;

/// <summary>
/// The Hangfire job of a run: thin and idempotent. It takes only the run's id; everything else is
/// read from the database, and every state change goes through <see cref="RunLifecycle"/>, which
/// refuses to touch a finished run. A worker killed mid-run leaves the job to be fetched again
/// after the invisibility timeout; that attempt starts over and stores the results once.
/// </summary>
public sealed class SimulationJob(RunLifecycle lifecycle, RunAnalysis analysis,
    IConfiguration configuration, ILogger<SimulationJob> logger)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task ExecuteAsync(Guid runId, CancellationToken jobToken)
    {
        var maxAttempts = configuration.GetValue("DigitalBrain:Worker:MaxAttempts", 3);
        var claim = await lifecycle.ClaimAsync(runId, maxAttempts, jobToken);
        if (claim is null)
            return;

        using var userCancel = CancellationTokenSource.CreateLinkedTokenSource(jobToken);
        var reporter = new RunProgressReporter(lifecycle, runId, claim.PresimMs + claim.SimulateMs, userCancel, logger);
        try
        {
            var spec = SpecForRun(claim);
            var backend = SimulationBackends.Create(claim.Backend, line => logger.LogInformation("Run {RunId}: {Line}", runId, line));
            // 0: one engine thread per core; a machine that hosts several workers sets fewer.
            var threads = configuration.GetValue("DigitalBrain:Runs:Threads", 0);
            // Engine threads below the web's priority (nice 10 by default; 0 leaves them as they are),
            // so pages stay responsive while a run takes every core. Each hop onto a LongRunning
            // thread gets a thread of its own, whose priority dies with it. Live counts in the final
            // trace's bins, so the live trace and the final one agree.
            var nice = configuration.GetValue("DigitalBrain:Runs:EngineNice", 10);
            var options = new SimulationOptions(claim.SimulateMs, claim.PresimMs, threads, claim.Backend)
            {
                ThreadStart = nice > 0 ? () => ThreadNice.TrySet(nice) : null,
                LiveBinMs = RunAnalysis.RateBinMs(claim.SimulateMs),
            };
            var output = await Task.Factory.StartNew(
                () => backend.Run(spec, options, reporter, userCancel.Token),
                userCancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await reporter.FlushAsync(RunStatus.Analysing, 1, jobToken);
            var spikeCap = configuration.GetValue("DigitalBrain:Runs:SpikeCapBytes", 64L * 1024 * 1024);
            var outcome = await Task.Factory.StartNew(() =>
            {
                options.ThreadStart?.Invoke();
                return analysis.Summarise(spec, output, spikeCap);
            }, jobToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await lifecycle.CompleteAsync(runId, outcome, jobToken);
        }
        catch (OperationCanceledException) when (!jobToken.IsCancellationRequested)
        {
            await lifecycle.MarkCancelledAsync(runId, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // The worker is shutting down: leave the run to Hangfire, which hands it to another worker.
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Run {RunId} failed", runId);
            await lifecycle.FailAsync(runId, ex.Message, CancellationToken.None);
        }
        finally
        {
            await reporter.DisposeAsync();
        }
    }

    private static NetworkSpec SpecForRun(RunClaim claim)
    {
        var spec = NetworkSpecJson.Deserialize(claim.SpecJson);
        spec = claim.Scale < 1 ? SpecScaling.Scale(spec, claim.Scale) : spec;
        return spec with { Seed = claim.Seed };
    }
}

/// <summary>Turns the engine's progress callbacks into at most two database writes a second (and
/// one NOTIFY for live pages each), with the live rate traces whenever more bins completed, and turns
/// a user's cancel request into cancellation.</summary>
internal sealed class RunProgressReporter : IProgress<SimulationProgress>, IAsyncDisposable
{
    private readonly RunLifecycle _lifecycle;
    private readonly Guid _runId;
    private readonly double _totalMs;
    private readonly CancellationTokenSource _cancel;
    private readonly ILogger _logger;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly PeriodicTimer _timer = new(TimeSpan.FromMilliseconds(500));
    private readonly Task _loop;
    private SimulationProgress _latest = new(SimulationPhase.Building, 0, 0);
    private int _writtenBins = -1;

    public RunProgressReporter(RunLifecycle lifecycle, Guid runId, double totalMs, CancellationTokenSource cancel, ILogger logger)
    {
        _lifecycle = lifecycle;
        _runId = runId;
        _totalMs = totalMs;
        _cancel = cancel;
        _logger = logger;
        _loop = LoopAsync();
    }

    public void Report(SimulationProgress value) => _latest = value;

    public async Task FlushAsync(RunStatus status, double fraction, CancellationToken ct)
    {
        await _lifecycle.ReportProgressAsync(_runId, status, fraction, _latest.SimulatedMs, _wall.Elapsed.TotalSeconds, 0, ct, NewBins(_latest));
    }

    /// <summary>The live traces when bins completed since the last write; null leaves the stored ones.</summary>
    private LiveRateTrace? NewBins(SimulationProgress progress) =>
        progress.Live is { } live && live.CompletedBins != _writtenBins ? LiveRateTrace.FromCounts(live) : null;

    private async Task LoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_cancel.Token))
            {
                var progress = _latest;
                var status = progress.Phase switch
                {
                    SimulationPhase.Building => RunStatus.Building,
                    SimulationPhase.Simulating => RunStatus.Running,
                    _ => RunStatus.Analysing,
                };
                var fraction = _totalMs > 0 ? progress.SimulatedMs / _totalMs : 0;
                double? eta = fraction > 0.01 && progress.Phase == SimulationPhase.Simulating
                    ? _wall.Elapsed.TotalSeconds * (1 - fraction) / fraction
                    : null;
                try
                {
                    var live = NewBins(progress);
                    if (await _lifecycle.ReportProgressAsync(_runId, status, fraction, progress.SimulatedMs, _wall.Elapsed.TotalSeconds, eta, _cancel.Token, live))
                        await _cancel.CancelAsync();
                    if (live is not null)
                        _writtenBins = live.CompletedBins;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database hiccup (restart) must not kill the simulation: the next tick retries.
                    _logger.LogWarning("Progress of run {RunId} not written: {Reason}", _runId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Run finished or cancelled.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop;
    }
}

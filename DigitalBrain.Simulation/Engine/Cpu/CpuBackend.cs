using System.Diagnostics;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>The multi-threaded CPU engine: exact integration as NEST, counter-based randomness, threads
/// partitioned by target neuron. The same spec and seed give bit-identical spikes on any thread count.</summary>
public sealed class CpuBackend : ISimulationBackend
{
    public string Name => "cpu";

    public SimulationOutput Run(NetworkSpec spec, SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(options.SimulateMs) || options.SimulateMs < 0 || !double.IsFinite(options.PresimMs) || options.PresimMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Durations must be finite and ≥ 0 ms.");
        }

        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        progress?.Report(new SimulationProgress(SimulationPhase.Building, 0, 0));
        var clock = Stopwatch.StartNew();
        var cpu = CpuSeconds();
        var presimSteps = (long)Math.Round(options.PresimMs / spec.ResolutionMs, MidpointRounding.AwayFromZero);
        var simSteps = (long)Math.Round(options.SimulateMs / spec.ResolutionMs, MidpointRounding.AwayFromZero);
        LiveSpikeBins.Check(options, spec.ResolutionMs, simSteps);
        // The calling thread does partition 0 of the build and of every step: it takes the hook too.
        options.ThreadStart?.Invoke();
        var network = CpuNetwork.Build(spec, threads, presimSteps, ct, options.ThreadStart);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var buildCpu = CpuSeconds() - cpu;
        progress?.Report(new SimulationProgress(SimulationPhase.Building, 1, 0));

        var total = presimSteps + simSteps;
        var live = progress is null ? null : StartLiveCounts(network, options, presimSteps, simSteps);
        var lastReport = Stopwatch.StartNew();
        void Report(long done)
        {
            if (progress != null && lastReport.Elapsed.TotalSeconds >= 0.5)
            {
                lastReport.Restart();
                // Called by thread 0 between steps: every thread has finished step done − 1, so the
                // counters of all bins before the current step's bin are final.
                progress.Report(new SimulationProgress(SimulationPhase.Simulating, total == 0 ? 1 : (double)done / total, done * spec.ResolutionMs,
                    live?.Snapshot(network.Partitions.Select(p => p.LiveCounts), live.CompletedBefore(done))));
            }
        }

        // The warm-up is not timed: the real-time factor is that of the recorded part, as in NEST's example.
        network.Run(presimSteps, Report, ct, threadStart: options.ThreadStart);
        clock.Restart();
        cpu = CpuSeconds();
        network.Run(simSteps, done => Report(presimSteps + done), ct, threadStart: options.ThreadStart);
        var simulateSeconds = clock.Elapsed.TotalSeconds;
        var simulateCpu = CpuSeconds() - cpu;
        progress?.Report(new SimulationProgress(SimulationPhase.Simulating, 1, total * spec.ResolutionMs,
            live?.Snapshot(network.Partitions.Select(p => p.LiveCounts), live.Bins)));

        return OutputAssembly.Assemble(Name, network.Partitions.Length, network.Context,
            (network.SynapseCount, network.ConnectivityBytes),
            new OutputAssembly.Seconds(buildSeconds, simulateSeconds, buildCpu, simulateCpu), simSteps,
            network.Partitions.Select(p => p.RecordedSpikes));
    }

    private static LiveSpikeBins? StartLiveCounts(CpuNetwork network, SimulationOptions options, long presimSteps, long simSteps)
    {
        var context = network.Context;
        var layout = context.Layout;
        var live = LiveSpikeBins.For(options, presimSteps, simSteps, layout.StepMs,
            [.. layout.Spec.Populations.Select(p => p.Name)], context.RecordedPerPopulation);
        if (live != null)
        {
            foreach (var partition in network.Partitions)
            {
                partition.CountLive(live);
            }
        }

        return live;
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}

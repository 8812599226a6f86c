using System.Diagnostics;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// The ILGPU engine: connectivity generated on the device from the same counter-based streams as the CPU
/// backend (so the synapse set is the same), stored or regenerated per spike (<see cref="ConnectivityMode"/>),
/// iaf_psc_exp, iaf_psc_alpha and iaf_psc_delta integrated with the exact propagators of Rotter &amp; Diesmann
/// (1999) and iaf_cond_exp with RK4, as the CPU kernels, in double precision, Poisson input drawn per
/// (seed, stream, step, neuron) as on the CPU,
/// and spike delivery accumulated as 64-bit fixed-point integers, round(w·2^k) with |w|·2^k &lt; 2²³, so
/// that results do not depend on thread scheduling. Weights therefore differ from the CPU backend's by at
/// most 2^−(k+1) pA (relative ≈ 1e-6 for cortical weights), which is why spike trains agree with the CPU
/// backend's statistically, and exactly where no recurrent synapse is involved.
/// </summary>
public sealed class GpuBackend : ISimulationBackend
{
    private readonly GpuDevice _device;

    private GpuBackend(GpuDevice device) => _device = device;

    /// <summary>The backend on the first CUDA device; throws <see cref="NotSupportedException"/> without one.</summary>
    public static GpuBackend Cuda() =>
        new(GpuHost.Instance.CudaDevice ?? throw new NotSupportedException($"No CUDA device: {GpuHost.Instance.Describe()}."));

    /// <summary>The backend on ILGPU's CPU accelerator, an emulator hundreds of times slower than the CPU
    /// backend: for testing the kernels without a GPU.</summary>
    public static GpuBackend CpuAccelerator() => new(GpuHost.Instance.CpuDevice);

    public string Name => _device.Name;

    public SimulationOutput Run(NetworkSpec spec, SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(options.SimulateMs) || options.SimulateMs < 0 || !double.IsFinite(options.PresimMs) || options.PresimMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Durations must be finite and ≥ 0 ms.");
        }

        ct.ThrowIfCancellationRequested();
        lock (_device.RunLock)
        {
            return RunLocked(spec, options, progress, ct);
        }
    }

    private SimulationOutput RunLocked(NetworkSpec spec, SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new SimulationProgress(SimulationPhase.Building, 0, 0));
        var clock = Stopwatch.StartNew();
        var presimSteps = (long)Math.Round(options.PresimMs / spec.ResolutionMs, MidpointRounding.AwayFromZero);
        var simSteps = (long)Math.Round(options.SimulateMs / spec.ResolutionMs, MidpointRounding.AwayFromZero);
        LiveSpikeBins.Check(options, spec.ResolutionMs, simSteps);
        using var network = GpuNetwork.Build(_device, spec, presimSteps, options.Connectivity, ct);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        progress?.Report(new SimulationProgress(SimulationPhase.Building, 1, 0));

        var total = presimSteps + simSteps;
        var live = progress is null ? null : LiveCounter.Start(network, options, presimSteps, simSteps);
        var lastReport = Stopwatch.StartNew();
        void Report(long done)
        {
            if (progress != null && lastReport.Elapsed.TotalSeconds >= 0.5)
            {
                lastReport.Restart();
                progress.Report(new SimulationProgress(SimulationPhase.Simulating, total == 0 ? 1 : (double)done / total, done * spec.ResolutionMs,
                    live?.Snapshot(done)));
            }
        }

        network.Run(presimSteps, Report, ct);
        clock.Restart();
        network.Run(simSteps, done => Report(presimSteps + done), ct);
        var simulateSeconds = clock.Elapsed.TotalSeconds;
        progress?.Report(new SimulationProgress(SimulationPhase.Simulating, 1, total * spec.ResolutionMs, live?.Snapshot(total)));

        return OutputAssembly.Assemble(Name, 1, network.Context,
            (network.Connectivity.Count, network.Connectivity.Bytes), new OutputAssembly.Seconds(buildSeconds, simulateSeconds), simSteps,
            [network.RecordedSpikes]);
    }
}

/// <summary>Live spike counts of the GPU backend: the host counts the recorded spikes that each batch
/// copied back (steps are complete once their batch returned), scanning only what arrived since the last
/// report, so the device does no extra work.</summary>
internal sealed class LiveCounter
{
    private readonly GpuNetwork _network;
    private readonly LiveSpikeBins _bins;
    private readonly int[] _counts;
    private int _scanned;

    private LiveCounter(GpuNetwork network, LiveSpikeBins bins)
    {
        _network = network;
        _bins = bins;
        _counts = bins.NewCounter();
    }

    public static LiveCounter? Start(GpuNetwork network, SimulationOptions options, long presimSteps, long simSteps)
    {
        var context = network.Context;
        var bins = LiveSpikeBins.For(options, presimSteps, simSteps, context.Layout.StepMs,
            [.. context.Layout.Spec.Populations.Select(p => p.Name)], context.RecordedPerPopulation);
        return bins is null ? null : new LiveCounter(network, bins);
    }

    /// <summary>Counts once <paramref name="done"/> steps have run (all of them copied back).</summary>
    public LiveSpikeCounts Snapshot(long done)
    {
        var recorded = _network.RecordedSpikes;
        var context = _network.Context;
        for (; _scanned < recorded.Count; _scanned++)
        {
            var packed = recorded[_scanned];
            var bin = _bins.BinOf(context.RecordFromStep + (long)(packed >> 32));
            if (bin >= 0)
            {
                _counts[context.PopulationOf((int)(uint)packed) * _bins.Bins + bin]++;
            }
        }

        return _bins.Snapshot([_counts], _bins.CompletedBefore(done));
    }
}

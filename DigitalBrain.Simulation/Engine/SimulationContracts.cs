using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine;

/// <summary>Which engine runs a spec. <see cref="Auto"/> picks the GPU when one is present and
/// falls back to the CPU with a log line saying so.</summary>
public enum BackendKind
{
    Cpu,
    Gpu,
    Auto,
}

/// <summary>How long and how to run a spec; the spec itself carries resolution and seed.</summary>
/// <param name="SimulateMs">Model time whose spikes are recorded and analysed.</param>
/// <param name="PresimMs">Warm-up model time run first and discarded (NEST example's t_presim).</param>
/// <param name="Threads">Worker threads; 0 uses every core.</param>
/// <param name="Backend">Engine choice.</param>
public sealed record SimulationOptions(double SimulateMs, double PresimMs = 0, int Threads = 0, BackendKind Backend = BackendKind.Cpu)
{
    /// <summary>How the GPU backend holds static synapses (the CPU backend always stores them).</summary>
    public ConnectivityMode Connectivity { get; init; } = ConnectivityMode.Auto;

    /// <summary>Run by the CPU backend at the start of every thread that builds or steps the network,
    /// the calling thread included (e.g. <see cref="ThreadNice.TrySet"/> so that a web host keeps its
    /// share of the cores). Engine threads are never pool threads, so what the hook sets stays with
    /// the run; call the backend from a thread of your own when the hook changes the caller.</summary>
    public Action? ThreadStart { get; init; }

    /// <summary>Width (ms) of the bins in which progress reports count the recorded neurons' spikes
    /// (<see cref="SimulationProgress.Live"/>); 0 (the default) counts nothing. Use the width of the final
    /// rate trace so that the live trace and the final one agree bin for bin.</summary>
    public double LiveBinMs { get; init; }
}

/// <summary>How the GPU backend holds connectivity. <see cref="Procedural"/> stores no synapse of a projection
/// whose rows can be regenerated from the source side (every rule but fixed_indegree): when a neuron
/// spikes its row is redrawn from the counter-based RNG and delivered, so networks larger than device
/// memory run, at the cost of the draws per spike. <see cref="Auto"/> stores when the synapses fit the
/// device memory and goes procedural otherwise.</summary>
public enum ConnectivityMode
{
    Auto,
    Stored,
    Procedural,
}

/// <summary>Phases reported through <see cref="SimulationProgress"/>.</summary>
public enum SimulationPhase
{
    Building,
    Simulating,
    Analysing,
}

/// <summary>A progress report: phase, fraction done of that phase, model time reached and, when
/// <see cref="SimulationOptions.LiveBinMs"/> is set, the spike counts of the bins completed so far.</summary>
public readonly record struct SimulationProgress(SimulationPhase Phase, double Fraction, double SimulatedMs, LiveSpikeCounts? Live = null);

/// <summary>Spikes of the recorded neurons per population in the completed bins of the recorded window
/// (the warm-up is not counted). Bin b holds the spikes stamped in [b·w, (b+1)·w) ms after the warm-up
/// (a spike of step t is stamped (t + 1)·h), and the last bin also takes the remainder of the window
/// when its length T is not a multiple of w: the same binning as
/// <see cref="Analysis.SpikeStatistics"/>'s rate series, so that Σ_b counts = the recorded spikes and
/// counts / (recorded neurons · w) is the final rate trace.</summary>
/// <param name="BinMs">Bin width w (ms).</param>
/// <param name="TotalBins">Bins of the whole window: max(1, ⌊T / w⌋).</param>
/// <param name="Populations">Population names, in spec order.</param>
/// <param name="RecordedNeurons">Recorded neurons per population (the rate's denominator).</param>
/// <param name="Counts">Per population, the spike count of each completed bin (all of equal length).</param>
public sealed record LiveSpikeCounts(double BinMs, int TotalBins, IReadOnlyList<string> Populations,
    IReadOnlyList<int> RecordedNeurons, IReadOnlyList<long[]> Counts)
{
    /// <summary>Bins counted so far.</summary>
    public int CompletedBins => Counts.Count == 0 ? 0 : Counts[0].Length;
}

/// <summary>A simulation engine. Two real implementations: the multi-threaded CPU backend and the
/// ILGPU backend; both must pass the same conformance suite.</summary>
public interface ISimulationBackend
{
    /// <summary>Name written into results (e.g. <c>cpu</c>, <c>cuda</c>, <c>ilgpu-cpu</c>).</summary>
    string Name { get; }

    /// <summary>Builds the network of <paramref name="spec"/>, runs it and returns what was recorded.
    /// Honours <paramref name="ct"/> within a second of model time; reports progress at least
    /// every second of wall time.</summary>
    SimulationOutput Run(NetworkSpec spec, SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct);
}

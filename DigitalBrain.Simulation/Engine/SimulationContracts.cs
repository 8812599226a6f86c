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

/// <summary>A progress report: phase, fraction done of that phase, model time reached.</summary>
public readonly record struct SimulationProgress(SimulationPhase Phase, double Fraction, double SimulatedMs);

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

namespace DigitalBrain.Simulation.Engine;

/// <summary>What one run recorded, plus how long it took. Spike times exclude the warm-up and are
/// measured from its end.</summary>
public sealed record SimulationOutput(
    string Backend,
    int Threads,
    long Neurons,
    long Synapses,
    double BuildSeconds,
    double SimulateSeconds,
    long PeakRssBytes,
    double RecordedMs,
    IReadOnlyList<PopulationSpikes> Populations,
    IReadOnlyList<VoltageTrace> Voltages)
{
    /// <summary>Real-time factor: wall seconds per second of model time (lower is faster).</summary>
    public double RealTimeFactor => RecordedMs > 0 ? SimulateSeconds / (RecordedMs / 1000.0) : double.NaN;

    /// <summary>Bytes held by the connectivity (CSR rows, targets, weights, delays); 0 when unknown.</summary>
    public long ConnectivityBytes { get; init; }

    /// <summary>CPU seconds (all threads, user + system) of the build; 0 when unknown. Unlike wall time, this
    /// is not inflated when other processes share the cores.</summary>
    public double BuildCpuSeconds { get; init; }

    /// <summary>CPU seconds (all threads) of the recorded part of the simulation; 0 when unknown.</summary>
    public double SimulateCpuSeconds { get; init; }

    /// <summary>Connectivity bytes per synapse (NaN without synapses).</summary>
    public double BytesPerSynapse => Synapses > 0 ? (double)ConnectivityBytes / Synapses : double.NaN;
}

/// <summary>Spikes of the recorded neurons of one population, sorted by time.</summary>
/// <param name="Name">Population name.</param>
/// <param name="Size">Neurons in the population.</param>
/// <param name="RecordedNeurons">How many (the first n) were recorded.</param>
/// <param name="Neurons">Population-local index of the neuron of each spike.</param>
/// <param name="TimesMs">Spike times (ms after the warm-up).</param>
public sealed record PopulationSpikes(string Name, int Size, int RecordedNeurons, int[] Neurons, float[] TimesMs);

/// <summary>V_m samples of one neuron.</summary>
public sealed record VoltageTrace(string Population, int Neuron, double IntervalMs, float[] VoltageMv);

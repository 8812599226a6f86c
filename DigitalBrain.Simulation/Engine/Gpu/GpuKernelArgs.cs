using ILGPU;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>iaf_psc_exp constants of one population (see <see cref="Models.ModelConstants"/>), plus the
/// end (global index) of its recorded neurons.</summary>
internal struct PopulationParams
{
    public double P22, P21Ex, P21In, P11Ex, P11In, P20, ExternalPa, Theta, Reset, RestingMv;
    public int RefractorySteps, RecordEnd;
}

/// <summary>One Poisson background: its population, first step, key, weight and its CDF thresholds
/// at <c>Thresholds[First .. First + Count)</c>.</summary>
internal struct PoissonParams
{
    public long StartStep;
    public ulong Key;
    public double Weight;
    public int Population, First, Count;
}

/// <summary>Everything the neuron kernel touches (device views and sizes).</summary>
internal struct NeuronArgs
{
    public ArrayView<double> V, IEx, IIn;
    public ArrayView<int> Refractory, PopulationOf;
    public ArrayView<PopulationParams> Populations;
    public ArrayView<PoissonParams> Poisson;
    public ArrayView<ulong> Thresholds;
    /// <summary>Ring[(slot · R + receptor) · N + neuron], fixed point with scale 2^k.</summary>
    public ArrayView<long> Ring;
    /// <summary>Two spike lists of N entries (by step parity) and their two counters.</summary>
    public ArrayView<int> SpikeList, SpikeCount;
    /// <summary>Recorded spikes of the current batch as (step &lt;&lt; 32 | neuron), and their counter.</summary>
    public ArrayView<ulong> Recorded;
    public ArrayView<int> RecordedCount;
    /// <summary>Host-computed per (batch row, population): I_stim, generator excitatory and inhibitory input.</summary>
    public ArrayView<double> Inputs;
    public ArrayView<int> VoltageNeurons;
    public ArrayView<float> Voltages;
    public int N, PopulationCount, PoissonCount, VoltageCount, Receptors;
    /// <summary>2^−k: converts ring sums to pA.</summary>
    public double InverseScale;
}

/// <summary>Per-step values of the neuron kernel.</summary>
internal struct StepArgs
{
    public long Step, RecordFrom;
    public int Slot, Parity, Row;
}

/// <summary>Everything the delivery kernel touches.</summary>
internal struct DeliverArgs
{
    public ArrayView<int> RowStart, SpikeList, SpikeCount;
    public ArrayView<ulong> Synapses;
    public ArrayView<long> Ring;
    public int N, Slots, Receptors, Threads;
}

/// <summary>One projection as the connectivity kernel needs it (rule, ranges, keys, weight and delay law).</summary>
internal struct ProjectionParams
{
    public int Rule, SourceOffset, SourceSize, TargetOffset, TargetSize, NoAutapses, NoMultapses, Degree, Constant, ConstantDelay;
    public ulong ConnectionKey, SamplerKey;
    public double WeightMean, WeightSd, DelayMean, DelaySd, StepMs, PerStep;
}

/// <summary>Where the connectivity kernel writes: pass 0 counts per source row (and the largest delay),
/// pass 1 places each synapse into its row.</summary>
internal struct BuildArgs
{
    public ArrayView<int> RowCount, RowStart, MaxDelay;
    public ArrayView<ulong> Synapses;
    public long Base;
    public int Place;
    public double WeightScale;
}

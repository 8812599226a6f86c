using ILGPU;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>Constants of one population's neuron model (see <see cref="Models.ModelConstants"/>; Model is one of
/// <see cref="GpuKernels.PscExp"/>…<see cref="GpuKernels.CondExp"/>), plus the end (global index) of its
/// recorded neurons. iaf_cond_exp's half-step decays and their square roots are computed on the host with
/// the CPU kernel's expressions, so the device evaluates no transcendental function per step.</summary>
internal struct PopulationParams
{
    public double P22, P21Ex, P21In, P11Ex, P11In, P20, ExternalPa, Theta, Reset, RestingMv;
    public double P31Ex, P32Ex, P31In, P32In, P21AlphaEx, P21AlphaIn, AlphaInitialEx, AlphaInitialIn;
    public double CapacitancePf, LeakNs, ExReversal, InReversal, Half, DecayEx, DecayIn, SqrtDecayEx, SqrtDecayIn;
    public int Model, RefractorySteps, RecordEnd;
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
    /// <summary>V − E_L and the model's synaptic state (see <see cref="Models.NeuronState"/>: Syn3 and Syn4 hold
    /// one element unless a population is iaf_psc_alpha).</summary>
    public ArrayView<double> V, Syn1, Syn2, Syn3, Syn4;
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
    /// <summary>Procedural projections (rows regenerated per spike) and their per-source row lengths.</summary>
    public ArrayView<ProjectionParams> Procedural;
    public ArrayView<int> RowLengths;
    public int N, Slots, Receptors, Threads, ProceduralCount;
    public double WeightScale;
}

/// <summary>Where a regenerated procedural row goes: counted (Deliver = 0: its length and largest delay) or
/// added into the delay ring at <c>Slot</c> (Deliver = 1), exactly as a stored row would be.</summary>
internal struct RowArgs
{
    public ArrayView<long> Ring;
    public ArrayView<int> RowLengths;
    public int Deliver, Slot, Slots, N, Receptors;
    public double WeightScale;
}

/// <summary>Totals of the procedural scan: synapse count and largest delay in steps.</summary>
internal struct ScanArgs
{
    public ArrayView<long> Total;
    public ArrayView<int> MaxDelay;
    public RowArgs Row;
}

/// <summary>One projection as the connectivity kernel needs it (rule, ranges, keys, weight and delay law).</summary>
/// <remarks>ProceduralKey keys the source-side draws of procedural fixed_total_number and pairwise_bernoulli
/// rows; RowLengthOffset is where a procedural fixed_total_number projection's per-source row lengths start;
/// LogQ = ln(1 − p) of pairwise_bernoulli, computed on the host as the CPU backend does.</remarks>
internal struct ProjectionParams
{
    public int Rule, SourceOffset, SourceSize, TargetOffset, TargetSize, NoAutapses, NoMultapses, Degree, Constant, ConstantDelay, RowLengthOffset;
    public ulong ConnectionKey, SamplerKey, ProceduralKey;
    public double WeightMean, WeightSd, DelayMean, DelaySd, StepMs, PerStep, Probability, LogQ;
}

/// <summary>Where the connectivity kernel writes: pass 0 counts per source row (and the largest delay),
/// pass 1 places each synapse into its row; pass 2 (procedural fixed_total_number) only counts each
/// source's synapses into <c>RowCount[RowLengthOffset + local source]</c>.</summary>
internal struct BuildArgs
{
    public ArrayView<int> RowCount, RowStart, MaxDelay;
    public ArrayView<ulong> Synapses;
    public long Base;
    public int Place;
    public double WeightScale;
}

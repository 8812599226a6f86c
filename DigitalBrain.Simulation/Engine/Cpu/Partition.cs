using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DigitalBrain.Simulation.Engine.Models;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// The neurons [Lo, Hi) one worker thread owns: it integrates them, owns their ring buffers and the
/// synapses onto them, and is the only writer of all three. Ring buffer layout: slot-major,
/// <c>Ring[(slot · R + receptor) · N + local]</c>, slot = step mod (max delay + 1), in quanta 2^−k of the
/// fixed-point weights (<see cref="CompactSynapse"/>; converted when a slot is read, which saves delivery a multiply). With R = 2 the
/// receptor is the weight's sign bit (excitatory w ≥ 0, inhibitory w &lt; 0); when every population
/// filters both receptors identically (<see cref="NetworkContext.SingleReceptor"/>) R = 1 and inputs are
/// summed at once, halving the buffer that the random writes of spike delivery touch.
/// </summary>
internal sealed class Partition
{
    private readonly NetworkContext _net;
    private readonly (int Population, int First, int End, PoissonPlan[] Poisson)[] _segments;
    private readonly double[] _exIn;
    private readonly double[] _inIn;
    private readonly int[] _scratch;
    private readonly int _slots;
    private readonly int _receptors;
    private readonly (int Recorder, int Neuron, long Interval)[] _voltages;

    public Partition(NetworkContext net, int lo, int hi, PartitionSynapses synapses)
    {
        _net = net;
        (Lo, Hi, Synapses) = (lo, hi, synapses);
        var n = hi - lo;
        _slots = synapses.MaxDelaySteps + 1;
        _receptors = net.SingleReceptor ? 1 : 2;
        Ring = new float[(long)_slots * _receptors * n];
        _exIn = new double[n];
        _inIn = new double[n];
        SpikeBuffers = [new int[n], new int[n]];
        SpikeCounts = new int[2];
        var layout = net.Layout;
        var segments = new List<(int, int, int, PoissonPlan[])>();
        var largest = 0;
        for (var p = 0; p < layout.PopulationCount; p++)
        {
            var first = Math.Max(lo, layout.Offsets[p]);
            var end = Math.Min(hi, layout.Offsets[p + 1]);
            if (first < end)
            {
                segments.Add((p, first, end, net.Poisson.Where(x => x.Population == p).ToArray()));
                largest = Math.Max(largest, end - first);
            }
        }

        _segments = [.. segments];
        _scratch = new int[largest];
        _voltages = [.. net.VoltageTargets
            .Select((v, i) => (Recorder: i, v.Neuron, v.Interval))
            .Where(v => v.Neuron >= lo && v.Neuron < hi)];
    }

    public int Lo { get; }
    public int Hi { get; }
    public PartitionSynapses Synapses { get; }
    public float[] Ring { get; }
    public int[][] SpikeBuffers { get; }
    public int[] SpikeCounts { get; }
    /// <summary>Recorded spikes as (step &lt;&lt; 32 | global neuron), in step then neuron order.</summary>
    public List<ulong> RecordedSpikes { get; } = [];
    public long RingBytes => Ring.LongLength * sizeof(float);

    /// <summary>The live bins, when recorded spikes are counted per (population, bin) into <see cref="LiveCounts"/>.</summary>
    public LiveSpikeBins? LiveBins { get; private set; }
    /// <summary>This thread's live counter, written only by this thread (see <see cref="LiveSpikeBins"/>).</summary>
    public int[] LiveCounts { get; private set; } = [];

    public void CountLive(LiveSpikeBins bins) => (LiveBins, LiveCounts) = (bins, bins.NewCounter());

    /// <summary>Integrates step <paramref name="t"/>: reads and clears this step's ring slot, adds
    /// Poisson and generator input, runs the model kernels and collects the spikes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(long t)
    {
        var n = Hi - Lo;
        var slot = (int)(t % _slots);
        // The ring sums quanta of the fixed-point weights: × 2^−k is exact, so this equals summing weights.
        var quantum = (double)Synapses.InverseScale;
        var ex = Ring.AsSpan(slot * _receptors * n, n);
        for (var i = 0; i < n; i++)
        {
            _exIn[i] = ex[i] * quantum;
        }

        ex.Clear();
        if (_receptors == 2)
        {
            var inh = Ring.AsSpan((slot * 2 + 1) * n, n);
            for (var i = 0; i < n; i++)
            {
                _inIn[i] = inh[i] * quantum;
            }

            inh.Clear();
        }
        var parity = (int)(t & 1);
        var buffer = SpikeBuffers[parity];
        var count = 0;
        var state = _net.State;
        var liveBin = LiveBins?.BinOf(t) ?? -1;
        foreach (var (population, first, end, poisson) in _segments)
        {
            var offset = first - Lo;
            var length = end - first;
            foreach (var plan in poisson)
            {
                if (t >= plan.StartStep)
                {
                    AddPoisson(plan, t, first, length, plan.Weight >= 0 || _receptors == 1 ? _exIn.AsSpan(offset, length) : _inIn.AsSpan(offset, length));
                }
            }

            var (spikeEx, spikeIn) = _net.Inputs.Spikes(population, t);
            if (spikeEx != 0 || spikeIn != 0)
            {
                var inTarget = _receptors == 1 ? _exIn : _inIn;
                for (var i = offset; i < offset + length; i++)
                {
                    _exIn[i] += spikeEx;
                    inTarget[i] += spikeIn;
                }
            }

            var constants = _net.Layout.Constants[population];
            var spiked = NeuronKernels.Step(constants, state, first,
                _exIn.AsSpan(offset, length), _inIn.AsSpan(offset, length), _net.Inputs.Current(population, t), _scratch);
            var recordLimit = _net.Layout.Offsets[population] + _net.RecordedPerPopulation[population];
            for (var j = 0; j < spiked; j++)
            {
                var neuron = first + _scratch[j];
                buffer[count++] = neuron;
                if (t >= _net.RecordFromStep && neuron < recordLimit)
                {
                    RecordedSpikes.Add(((ulong)(t - _net.RecordFromStep) << 32) | (uint)neuron);
                    if (liveBin >= 0)
                    {
                        LiveCounts[population * LiveBins!.Bins + liveBin]++;
                    }
                }
            }
        }

        SpikeCounts[parity] = count;
        foreach (var (recorder, neuron, interval) in _voltages)
        {
            if (t >= _net.RecordFromStep && (t + 1 - _net.RecordFromStep) % interval == 0)
            {
                var population = _net.PopulationOf(neuron);
                _net.VoltageSamples[recorder].Add((float)(state.V[neuron] + _net.Layout.Constants[population].RestingMv));
            }
        }
    }

    /// <summary>Adds w · Poisson(λ) to each neuron's input. The uniform of neuron g in step t is
    /// <c>CounterRng.At(SubKey(key, t), g)</c>; where AVX-512 is present eight are computed at once
    /// (bit-identical to the scalar path), and only the rare non-zero counts take the scalar search.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddPoisson(PoissonPlan plan, long t, int first, int length, Span<double> target)
    {
        var stepKey = CounterRng.SubKey(plan.Key, (ulong)t);
        var thresholds = plan.Thresholds;
        var w = plan.Weight;
        var zero = thresholds[0];
        var i = 0;
        if (Vector512.IsHardwareAccelerated && length >= 8)
        {
            var golden = Vector512.Create(CounterRng.GoldenGamma);
            var lane = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8);
            var key = Vector512.Create(stepKey);
            // k = #{j : bits ≥ T_j} for the first (up to) eight thresholds, counted with vector compares;
            // only a draw beyond the eighth threshold (P(X ≥ 8) ≈ 5e-4 at λ = 2.3) takes the scalar search.
            var used = Math.Min(8, thresholds.Length - 1);
            Span<Vector512<ulong>> levels = stackalloc Vector512<ulong>[8];
            for (var j = 0; j < 8; j++)
            {
                levels[j] = Vector512.Create(j < used ? thresholds[j] : ulong.MaxValue);
            }

            var weight = Vector512.Create(w);
            ref var first0 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(target);
            for (; i + 8 <= length; i += 8)
            {
                var bits = CounterRng.Mix(key + (Vector512.Create((ulong)(first + i)) + lane) * golden);
                var count = Vector512<ulong>.Zero;
                for (var j = 0; j < used; j++)
                {
                    count -= Vector512.GreaterThanOrEqual(bits, levels[j]);
                }

                if (used < thresholds.Length - 1 && Vector512.GreaterThanOrEqualAny(bits, levels[used - 1]))
                {
                    for (var j = 0; j < 8; j++)
                    {
                        target[i + j] += PoissonPlan.Sample(thresholds, bits.GetElement(j)) * w;
                    }

                    continue;
                }

                ref var at = ref System.Runtime.CompilerServices.Unsafe.Add(ref first0, i);
                var sum = Vector512.LoadUnsafe(ref at) + Vector512.ConvertToDouble(count) * weight;
                sum.StoreUnsafe(ref at);
            }
        }

        for (; i < length; i++)
        {
            var bits = CounterRng.At(stepKey, (ulong)(first + i));
            if (bits >= zero)
            {
                target[i] += PoissonPlan.Sample(thresholds, bits) * w;
            }
        }
    }

    /// <summary>Adds the spikes every partition emitted in step <paramref name="t"/> to this partition's
    /// ring buffers, partitions in order and spikes in neuron order, so sums are partition-independent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Deliver(long t, Partition[] all)
    {
        var n = Hi - Lo;
        var parity = (int)(t & 1);
        var slots = _slots;
        fixed (int* rowStart = Synapses.RowStart)
        fixed (ulong* words = Synapses.Words)
        fixed (float* ring = Ring)
        {
            var now = (int)(t % slots);
            foreach (var source in all)
            {
                var spikes = source.SpikeBuffers[parity];
                var count = source.SpikeCounts[parity];
                for (var j = 0; j < count; j++)
                {
                    var s = spikes[j];
                    int k = rowStart[s], end = rowStart[s + 1];
                    if (_receptors == 1)
                    {
                        for (; k < end; k++)
                        {
                            var word = words[k];
                            // delay ≤ max delay < slots, so one wrap suffices.
                            var slot = now + CompactSynapse.Delay(word);
                            slot -= slot >= slots ? slots : 0;
                            ring[slot * n + CompactSynapse.Target(word)] += CompactSynapse.Quantised(word);
                        }
                    }
                    else
                    {
                        for (; k < end; k++)
                        {
                            var word = words[k];
                            var receptor = (int)(word >> 63);
                            var slot = now + CompactSynapse.Delay(word);
                            slot -= slot >= slots ? slots : 0;
                            ring[(slot * 2 + receptor) * n + CompactSynapse.Target(word)] += CompactSynapse.Quantised(word);
                        }
                    }
                }
            }
        }
    }
}

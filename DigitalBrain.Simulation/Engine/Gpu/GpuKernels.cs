using ILGPU;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// The GPU backend's kernels. Per time step two launches: <see cref="NeuronStep"/> (ring slot → input,
/// Poisson and generator input, the population's model update, spike detection into a list through an
/// atomic counter, recording) and <see cref="Deliver"/> (stored rows of the spiking sources, and the
/// regenerated rows of procedural projections, into the delay ring with 64-bit integer atomics of
/// round(w·2^k), so that sums do not depend on the order threads run in). Connectivity kernels are in
/// GpuConnectKernels.cs and GpuProceduralKernels.cs, neuron models in GpuNeuronModels.cs.
/// </summary>
internal static partial class GpuKernels
{
    public const int FixedTotal = 0, FixedIndegree = 1, FixedOutdegree = 2, OneToOne = 3, AllToAll = 4, PairwiseBernoulli = 5;
    public const int PscExp = 0, PscAlpha = 1, PscDelta = 2, CondExp = 3;
    private const int WeightBits = 24;
    public const long MaxQuantised = (1L << (WeightBits - 1)) - 1;

    public static void NeuronStep(Index1D index, NeuronArgs a, StepArgs s)
    {
        int g = index;
        var p = a.PopulationOf[g];
        var c = a.Populations[p];
        var exAt = (long)(s.Slot * a.Receptors) * a.N + g;
        var ex = a.Ring[exAt] * a.InverseScale;
        a.Ring[exAt] = 0;
        var inh = 0.0;
        if (a.Receptors == 2)
        {
            var inAt = exAt + a.N;
            inh = a.Ring[inAt] * a.InverseScale;
            a.Ring[inAt] = 0;
        }

        for (var j = 0; j < a.PoissonCount; j++)
        {
            var plan = a.Poisson[j];
            if (plan.Population != p || s.Step < plan.StartStep)
            {
                continue;
            }

            var bits = CounterRng.At(CounterRng.SubKey(plan.Key, (ulong)s.Step), (ulong)g);
            var k = 0;
            while (k < plan.Count - 1 && bits >= a.Thresholds[plan.First + k])
            {
                k++;
            }

            if (plan.Weight >= 0 || a.Receptors == 1)
            {
                ex += k * plan.Weight;
            }
            else
            {
                inh += k * plan.Weight;
            }
        }

        var inputs = (s.Row * a.PopulationCount + p) * 3;
        if (a.Receptors == 1)
        {
            ex += a.Inputs[inputs + 1] + a.Inputs[inputs + 2];
        }
        else
        {
            ex += a.Inputs[inputs + 1];
            inh += a.Inputs[inputs + 2];
        }

        var v = a.V[g];
        var refractory = a.Refractory[g];
        var stimulus = a.Inputs[inputs];
        bool spiked;
        if (c.Model == PscExp)
        {
            spiked = StepPscExp(a, c, g, ex, inh, stimulus, ref v, ref refractory);
        }
        else if (c.Model == PscAlpha)
        {
            spiked = StepPscAlpha(a, c, g, ex, inh, stimulus, ref v, ref refractory);
        }
        else if (c.Model == PscDelta)
        {
            spiked = StepPscDelta(c, ex, inh, stimulus, ref v, ref refractory);
        }
        else
        {
            spiked = StepCondExp(a, c, g, ex, inh, stimulus, ref v, ref refractory);
        }

        if (spiked)
        {
            a.SpikeList[s.Parity * a.N + Atomic.Add(ref a.SpikeCount[s.Parity], 1)] = g;
            if (s.Step >= s.RecordFrom && g < c.RecordEnd)
            {
                a.Recorded[Atomic.Add(ref a.RecordedCount[0], 1)] = ((ulong)(s.Step - s.RecordFrom) << 32) | (uint)g;
            }
        }

        a.V[g] = v;
        a.Refractory[g] = refractory;
        for (var r = 0; r < a.VoltageCount; r++)
        {
            if (a.VoltageNeurons[r] == g)
            {
                a.Voltages[s.Row * a.VoltageCount + r] = (float)(v + c.RestingMv);
            }
        }
    }

    public static void Deliver(Index1D index, DeliverArgs a, int parity, int slot)
    {
        int thread = index;
        var count = a.SpikeCount[parity];
        if (thread == 0)
        {
            // The other list was last read by the previous step's delivery, which has finished.
            a.SpikeCount[1 - parity] = 0;
        }

        var row = new RowArgs
        {
            Ring = a.Ring, RowLengths = a.RowLengths, Deliver = 1, Slot = slot, Slots = a.Slots, N = a.N, Receptors = a.Receptors, WeightScale = a.WeightScale,
        };
        for (var j = thread; j < count; j += a.Threads)
        {
            var source = a.SpikeList[parity * a.N + j];
            var end = a.RowStart[source + 1];
            for (var k = a.RowStart[source]; k < end; k++)
            {
                var packed = a.Synapses[k];
                var target = (int)(uint)packed;
                var at = slot + (int)((packed >> 32) & 0xFF);
                at -= at >= a.Slots ? a.Slots : 0;
                var q = (long)packed >> 40;
                var receptor = a.Receptors == 2 && q < 0 ? 1 : 0;
                Atomic.Add(ref a.Ring[(long)(at * a.Receptors + receptor) * a.N + target], q);
            }

            for (var pr = 0; pr < a.ProceduralCount; pr++)
            {
                var p = a.Procedural[pr];
                var local = source - p.SourceOffset;
                if ((uint)local < (uint)p.SourceSize)
                {
                    var maxDelay = 0;
                    ProceduralRow(p, row, local, ref maxDelay);
                }
            }
        }
    }

    /// <summary>round(w·2^k) clipped to the 24-bit range: the fixed-point weight of stored and procedural synapses alike.</summary>
    private static long Quantise(double weight, double scale)
    {
        var q = (long)Math.Round(weight * scale);
        return q > MaxQuantised ? MaxQuantised : q < -MaxQuantised ? -MaxQuantised : q;
    }

    /// <summary><c>Cpu.SynapseSampler.Draw</c>: sign-preserving redraw of normal weights, delays redrawn
    /// until ≥ h, then rounded to whole steps (NEST's ld_round).</summary>
    private static void Draw(ProjectionParams p, ulong key, out double weight, out int delay)
    {
        if (p.Constant != 0)
        {
            weight = (float)p.WeightMean;
            delay = p.ConstantDelay;
            return;
        }

        Normals(p.SamplerKey, key, out var z0, out var z1);
        var w = p.WeightMean + p.WeightSd * z0;
        for (ulong attempt = 1; p.WeightSd > 0 && (p.WeightMean >= 0 ? w < 0 : w > 0); attempt++)
        {
            Normals(CounterRng.SubKey(p.SamplerKey, attempt), key, out var first, out _);
            w = p.WeightMean + p.WeightSd * first;
        }

        var d = p.DelayMean + p.DelaySd * z1;
        for (ulong attempt = 1; p.DelaySd > 0 && d < p.StepMs; attempt++)
        {
            Normals(CounterRng.SubKey(p.SamplerKey, (1UL << 40) + attempt), key, out _, out var second);
            d = p.DelayMean + p.DelaySd * second;
        }

        weight = (float)w;
        delay = p.DelaySd > 0 ? (int)Math.Max(1, (long)(d * p.PerStep + 0.5)) : p.ConstantDelay;
    }

    /// <summary><see cref="CounterRng.Normals"/> with out parameters (bit-identical).</summary>
    private static void Normals(ulong key, ulong counter, out float first, out float second)
    {
        var bits = CounterRng.At(key, counter);
        for (ulong attempt = 1; ; attempt++)
        {
            var u = ((int)(uint)(bits >> 32) + 0.5f) * (1.0f / 2147483648.0f);
            var v = ((int)(uint)bits + 0.5f) * (1.0f / 2147483648.0f);
            var s = u * u + v * v;
            if (s < 1.0f && s > 0f)
            {
                var f = MathF.Sqrt(-2.0f * MathF.Log(s) / s);
                first = u * f;
                second = v * f;
                return;
            }

            bits = CounterRng.At(CounterRng.SubKey(key, attempt ^ 0x5DEECE66DUL), counter);
        }
    }
}

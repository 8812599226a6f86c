using ILGPU;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// The GPU backend's kernels. Per time step two launches: <see cref="NeuronStep"/> (ring slot → input,
/// Poisson and generator input, exact iaf_psc_exp update, spike detection into a list through an atomic
/// counter, recording) and <see cref="Deliver"/> (rows of the spiking sources into the delay ring with
/// 64-bit integer atomics of round(w·2^k), so that sums do not depend on the order threads run in).
/// </summary>
internal static class GpuKernels
{
    public const int FixedTotal = 0, FixedIndegree = 1, FixedOutdegree = 2, OneToOne = 3, AllToAll = 4;
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
        var iEx = a.IEx[g];
        var iIn = a.IIn[g];
        var refractory = a.Refractory[g];
        if (refractory == 0)
        {
            v = v * c.P22 + iEx * c.P21Ex + iIn * c.P21In + (c.ExternalPa + a.Inputs[inputs]) * c.P20;
        }
        else
        {
            refractory--;
        }

        a.IEx[g] = iEx * c.P11Ex + ex;
        a.IIn[g] = iIn * c.P11In + inh;
        if (v >= c.Theta)
        {
            refractory = c.RefractorySteps;
            v = c.Reset;
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
        }
    }

    /// <summary>One unit of a projection's rule (a synapse, a target's or a source's draws, or a pair), as
    /// <c>Cpu.SynapseEnumerator</c> draws it, so the synapse set equals the CPU backend's.</summary>
    public static void Connect(Index1D index, ProjectionParams p, BuildArgs b)
    {
        var u = b.Base + index;
        switch (p.Rule)
        {
            case FixedTotal:
                ConnectFixedTotal(p, b, (ulong)u);
                break;
            case FixedIndegree:
                ConnectFixedDegree(p, b, (int)u, p.SourceSize, inDegree: true);
                break;
            case FixedOutdegree:
                ConnectFixedDegree(p, b, (int)u, p.TargetSize, inDegree: false);
                break;
            case OneToOne:
                if (p.NoAutapses == 0)
                {
                    Emit(p, b, p.SourceOffset + (int)u, p.TargetOffset + (int)u, (ulong)u);
                }

                break;
            default:
                var local = (int)(u / p.SourceSize);
                var s = (int)(u % p.SourceSize);
                if (p.NoAutapses == 0 || s != local)
                {
                    Emit(p, b, p.SourceOffset + s, p.TargetOffset + local, (ulong)u);
                }

                break;
        }
    }

    private static void ConnectFixedTotal(ProjectionParams p, BuildArgs b, ulong k)
    {
        var h = CounterRng.At(p.ConnectionKey, k);
        var t = CounterRng.Below((uint)(h >> 32), p.TargetSize);
        if (p.NoAutapses != 0)
        {
            var s0 = CounterRng.Below((uint)h, p.SourceSize);
            for (ulong attempt = 1; s0 == t; attempt++)
            {
                h = CounterRng.At(CounterRng.SubKey(p.ConnectionKey, attempt), k);
                t = CounterRng.Below((uint)(h >> 32), p.TargetSize);
                s0 = CounterRng.Below((uint)h, p.SourceSize);
            }
        }

        Emit(p, b, p.SourceOffset + CounterRng.Below((uint)h, p.SourceSize), p.TargetOffset + t, k);
    }

    /// <summary>Fixed in- or out-degree of unit <paramref name="local"/> drawing among <paramref name="range"/>
    /// partners. Without multapses a draw is a duplicate exactly when an earlier non-autapse draw gave the
    /// same partner, so duplicates are found by recomputing earlier draws (no per-thread set needed).</summary>
    private static void ConnectFixedDegree(ProjectionParams p, BuildArgs b, int local, int range, bool inDegree)
    {
        var key = CounterRng.SubKey(p.ConnectionKey, (ulong)local);
        ulong attempt = 0;
        for (var drawn = 0; drawn < p.Degree;)
        {
            var a = attempt++;
            var other = CounterRng.Below((uint)(CounterRng.At(key, a) >> 32), range);
            if (p.NoAutapses != 0 && other == local)
            {
                continue;
            }

            var duplicate = false;
            for (ulong e = 0; p.NoMultapses != 0 && e < a && !duplicate; e++)
            {
                var earlier = CounterRng.Below((uint)(CounterRng.At(key, e) >> 32), range);
                duplicate = earlier == other && !(p.NoAutapses != 0 && earlier == local);
            }

            if (duplicate)
            {
                continue;
            }

            var synapse = (ulong)local * (ulong)p.Degree + (ulong)drawn;
            if (inDegree)
            {
                Emit(p, b, p.SourceOffset + other, p.TargetOffset + local, synapse);
            }
            else
            {
                Emit(p, b, p.SourceOffset + local, p.TargetOffset + other, synapse);
            }

            drawn++;
        }
    }

    private static void Emit(ProjectionParams p, BuildArgs b, int source, int target, ulong key)
    {
        Draw(p, key, out var weight, out var delay);
        if (b.Place == 0)
        {
            Atomic.Add(ref b.RowCount[source], 1);
            Atomic.Max(ref b.MaxDelay[0], delay);
            return;
        }

        var q = (long)Math.Round(weight * b.WeightScale);
        q = q > MaxQuantised ? MaxQuantised : q < -MaxQuantised ? -MaxQuantised : q;
        var at = b.RowStart[source] + Atomic.Add(ref b.RowCount[source], 1);
        b.Synapses[at] = ((ulong)q << 40) | ((ulong)(uint)delay << 32) | (uint)target;
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

using ILGPU;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>Stored connectivity: one kernel thread per unit of a projection's rule, drawing exactly as
/// <c>Cpu.SynapseEnumerator</c> does, so the synapse set equals the CPU backend's.</summary>
internal static partial class GpuKernels
{
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
            case PairwiseBernoulli:
                ConnectBernoulli(p, b, (int)u);
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

    /// <summary>Fixed in- or out-degree of unit <paramref name="local"/> drawing among <paramref name="range"/> partners.</summary>
    private static void ConnectFixedDegree(ProjectionParams p, BuildArgs b, int local, int range, bool inDegree)
    {
        var key = CounterRng.SubKey(p.ConnectionKey, (ulong)local);
        ulong attempt = 0;
        for (var drawn = 0; drawn < p.Degree; drawn++)
        {
            var other = NextPartner(p, key, local, range, ref attempt);
            var synapse = (ulong)local * (ulong)p.Degree + (ulong)drawn;
            if (inDegree)
            {
                Emit(p, b, p.SourceOffset + other, p.TargetOffset + local, synapse);
            }
            else
            {
                Emit(p, b, p.SourceOffset + local, p.TargetOffset + other, synapse);
            }
        }
    }

    /// <summary>The next accepted partner of a fixed-degree unit. Without multapses a draw is a duplicate
    /// exactly when an earlier non-autapse draw gave the same partner, so duplicates are found by
    /// recomputing earlier draws (O(K²) per unit, no per-thread set needed).</summary>
    private static int NextPartner(ProjectionParams p, ulong key, int local, int range, ref ulong attempt)
    {
        while (true)
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

            if (!duplicate)
            {
                return other;
            }
        }
    }

    /// <summary>pairwise_bernoulli for target <paramref name="local"/>, as <c>Cpu.SynapseEnumerator</c>: geometric
    /// skipping over the sources, gap ⌊ln(1 − u)/ln(1 − p)⌋, u from the target's sub-key of the connection stream.</summary>
    private static void ConnectBernoulli(ProjectionParams p, BuildArgs b, int local)
    {
        var targetKey = CounterRng.SubKey(p.ConnectionKey, (ulong)local);
        ulong draw = 0;
        for (long s = -1; ;)
        {
            var skip = p.Probability < 1 ? Math.Floor(Math.Log(1 - CounterRng.Uniform(CounterRng.At(targetKey, draw++))) / p.LogQ) : 0;
            s += 1 + (long)Math.Min(skip, p.SourceSize);
            if (s >= p.SourceSize)
            {
                return;
            }

            if (p.NoAutapses == 0 || s != local)
            {
                Emit(p, b, p.SourceOffset + (int)s, p.TargetOffset + local, (ulong)local * (ulong)p.SourceSize + (ulong)s);
            }
        }
    }

    private static void Emit(ProjectionParams p, BuildArgs b, int source, int target, ulong key)
    {
        if (b.Place == 2)
        {
            // Row lengths of a procedural fixed_total_number projection: its synapses are redrawn per source.
            Atomic.Add(ref b.RowCount[p.RowLengthOffset + source - p.SourceOffset], 1);
            return;
        }

        Draw(p, key, out var weight, out var delay);
        if (b.Place == 0)
        {
            Atomic.Add(ref b.RowCount[source], 1);
            Atomic.Max(ref b.MaxDelay[0], delay);
            return;
        }

        var q = Quantise(weight, b.WeightScale);
        var at = b.RowStart[source] + Atomic.Add(ref b.RowCount[source], 1);
        b.Synapses[at] = ((ulong)q << 40) | ((ulong)(uint)delay << 32) | (uint)target;
    }
}

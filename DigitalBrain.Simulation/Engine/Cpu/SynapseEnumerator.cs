using System.Runtime.CompilerServices;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>Receives the synapses of a projection whose targets lie in a partition.</summary>
internal interface ISynapseSink
{
    /// <param name="source">Global source index.</param>
    /// <param name="target">Global target index.</param>
    /// <param name="key">Index of the synapse within its projection (keys its weight and delay).</param>
    void Add(int source, int target, ulong key);
}

/// <summary>
/// Generates a projection's synapses onto targets [lo, hi) from the counter-based RNG only, so that the
/// set of synapses (and the order of those onto any one target) is the same whatever the partitioning.
/// Per-target rules (fixed_indegree, pairwise_bernoulli, one_to_one, all_to_all) visit only the
/// partition's targets; fixed_total_number and fixed_outdegree draw every pair (as NEST draws a uniform
/// source and target per synapse) and keep those that land in the partition.
/// </summary>
internal static class SynapseEnumerator
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Enumerate<TSink>(ProjectionPlan plan, int lo, int hi, ref TSink sink)
        where TSink : struct, ISynapseSink
    {
        var tFirst = Math.Max(lo, plan.TargetOffset);
        var tEnd = Math.Min(hi, plan.TargetOffset + plan.TargetSize);
        if (tFirst >= tEnd)
        {
            return;
        }

        switch (plan.Rule.Kind)
        {
            case ConnectionRuleKind.FixedTotalNumber:
                FixedTotal(plan, tFirst, tEnd, ref sink);
                break;
            case ConnectionRuleKind.FixedIndegree:
                FixedIndegree(plan, tFirst, tEnd, ref sink);
                break;
            case ConnectionRuleKind.FixedOutdegree:
                FixedOutdegree(plan, tFirst, tEnd, ref sink);
                break;
            case ConnectionRuleKind.PairwiseBernoulli:
                Bernoulli(plan, tFirst, tEnd, ref sink);
                break;
            case ConnectionRuleKind.OneToOne:
                for (var t = tFirst; t < tEnd; t++)
                {
                    var local = t - plan.TargetOffset;
                    if (!plan.SamePopulation || plan.Rule.AllowAutapses)
                    {
                        sink.Add(plan.SourceOffset + local, t, (ulong)local);
                    }
                }

                break;
            case ConnectionRuleKind.AllToAll:
                for (var t = tFirst; t < tEnd; t++)
                {
                    var local = t - plan.TargetOffset;
                    for (var s = 0; s < plan.SourceSize; s++)
                    {
                        if (plan.SamePopulation && !plan.Rule.AllowAutapses && s == local)
                        {
                            continue;
                        }

                        sink.Add(plan.SourceOffset + s, t, (ulong)local * (ulong)plan.SourceSize + (ulong)s);
                    }
                }

                break;
            default:
                throw new NotSupportedException($"Connection rule {plan.Rule.Kind} is not supported.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FixedTotal<TSink>(ProjectionPlan plan, int tFirst, int tEnd, ref TSink sink)
        where TSink : struct, ISynapseSink
    {
        var key = plan.ConnectionKey;
        int ms = plan.SourceSize, mt = plan.TargetSize;
        var loLocal = tFirst - plan.TargetOffset;
        var span = (uint)(tEnd - tFirst);
        var noAutapses = plan.SamePopulation && !plan.Rule.AllowAutapses;
        for (ulong k = 0; k < (ulong)plan.Rule.Count; k++)
        {
            var h = CounterRng.At(key, k);
            var t = CounterRng.Below((uint)(h >> 32), mt);
            if (noAutapses)
            {
                var s0 = CounterRng.Below((uint)h, ms);
                for (ulong attempt = 1; s0 == t; attempt++)
                {
                    h = CounterRng.At(CounterRng.SubKey(key, attempt), k);
                    t = CounterRng.Below((uint)(h >> 32), mt);
                    s0 = CounterRng.Below((uint)h, ms);
                }
            }

            if ((uint)(t - loLocal) < span)
            {
                sink.Add(plan.SourceOffset + CounterRng.Below((uint)h, ms), plan.TargetOffset + t, k);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FixedIndegree<TSink>(ProjectionPlan plan, int tFirst, int tEnd, ref TSink sink)
        where TSink : struct, ISynapseSink
    {
        var k = (int)plan.Rule.Count;
        var seen = plan.Rule.AllowMultapses ? null : new HashSet<int>();
        for (var t = tFirst; t < tEnd; t++)
        {
            var local = t - plan.TargetOffset;
            var targetKey = CounterRng.SubKey(plan.ConnectionKey, (ulong)local);
            seen?.Clear();
            ulong attempt = 0;
            for (var drawn = 0; drawn < k;)
            {
                var s = CounterRng.Below((uint)(CounterRng.At(targetKey, attempt++) >> 32), plan.SourceSize);
                if ((plan.SamePopulation && !plan.Rule.AllowAutapses && s == local) || (seen != null && !seen.Add(s)))
                {
                    continue;
                }

                sink.Add(plan.SourceOffset + s, t, (ulong)local * (ulong)k + (ulong)drawn);
                drawn++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FixedOutdegree<TSink>(ProjectionPlan plan, int tFirst, int tEnd, ref TSink sink)
        where TSink : struct, ISynapseSink
    {
        var k = (int)plan.Rule.Count;
        var seen = plan.Rule.AllowMultapses ? null : new HashSet<int>();
        for (var s = 0; s < plan.SourceSize; s++)
        {
            var sourceKey = CounterRng.SubKey(plan.ConnectionKey, (ulong)s);
            seen?.Clear();
            ulong attempt = 0;
            for (var drawn = 0; drawn < k;)
            {
                var t = CounterRng.Below((uint)(CounterRng.At(sourceKey, attempt++) >> 32), plan.TargetSize);
                if ((plan.SamePopulation && !plan.Rule.AllowAutapses && s == t) || (seen != null && !seen.Add(t)))
                {
                    continue;
                }

                var global = plan.TargetOffset + t;
                if (global >= tFirst && global < tEnd)
                {
                    sink.Add(plan.SourceOffset + s, global, (ulong)s * (ulong)k + (ulong)drawn);
                }

                drawn++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bernoulli<TSink>(ProjectionPlan plan, int tFirst, int tEnd, ref TSink sink)
        where TSink : struct, ISynapseSink
    {
        var p = plan.Rule.Probability;
        if (p <= 0)
        {
            return;
        }

        // Geometric skipping: the gap to the next connected source is ⌊ln(1−u)/ln(1−p)⌋.
        var logQ = p < 1 ? Math.Log(1 - p) : double.NegativeInfinity;
        for (var t = tFirst; t < tEnd; t++)
        {
            var local = t - plan.TargetOffset;
            var targetKey = CounterRng.SubKey(plan.ConnectionKey, (ulong)local);
            ulong draw = 0;
            for (long s = -1; ;)
            {
                var skip = p < 1 ? Math.Floor(Math.Log(1 - CounterRng.Uniform(CounterRng.At(targetKey, draw++))) / logQ) : 0;
                s += 1 + (long)Math.Min(skip, plan.SourceSize);
                if (s >= plan.SourceSize)
                {
                    break;
                }

                if (plan.SamePopulation && !plan.Rule.AllowAutapses && s == local)
                {
                    continue;
                }

                sink.Add(plan.SourceOffset + (int)s, t, (ulong)local * (ulong)plan.SourceSize + (ulong)s);
            }
        }
    }
}

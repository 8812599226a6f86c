using ILGPU;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// Procedural connectivity: no synapse of a procedural projection is stored; when source s spikes, its
/// row is regenerated from the counter-based RNG and delivered (as GeNN's procedural connectivity, Knight
/// &amp; Nowotny 2021, Nat. Comput. Sci. 1:136, doi:10.1038/s43588-020-00022-7). A row must be a function of
/// the source alone:
/// <list type="bullet">
/// <item>one_to_one, all_to_all and fixed_outdegree: the stored draws themselves (keys of the source and the
/// synapse index), so the synapse set, weights and delays equal stored mode's;</item>
/// <item>fixed_total_number: NEST's rule is N iid uniform (source, target) pairs, i.e. multinomial row lengths
/// and, given them, iid uniform targets. The row lengths are counted at build from the stored mode's own
/// draws (one int per source) and each row's targets, weights and delays are redrawn from the source's
/// sub-key of the procedural stream: the same law and row lengths as stored mode, another realisation;</item>
/// <item>pairwise_bernoulli: the CPU backend skips geometrically over the sources of each target; here the
/// same skipping runs over the targets of each source, from the source's sub-key of the procedural stream:
/// every pair still connects independently with probability p (same law, another realisation).</item>
/// </list>
/// fixed_indegree cannot be regenerated from the source side: the constraint is per target (exactly K
/// sources each), so a source's row depends on every other source's draws; regenerating from the target
/// side instead would cost K draws per target per step (all synapses every step). It stays stored.
/// </summary>
internal static partial class GpuKernels
{
    /// <summary>Regenerates the row of source <paramref name="local"/>; counts it (and tracks its largest
    /// delay in <paramref name="maxDelay"/>) or adds it into the ring, per <see cref="RowArgs.Deliver"/>.</summary>
    /// <returns>The row's length.</returns>
    private static int ProceduralRow(ProjectionParams p, RowArgs r, int local, ref int maxDelay)
    {
        var count = 0;
        switch (p.Rule)
        {
            case OneToOne:
                if (p.NoAutapses == 0)
                {
                    Put(p, r, p.TargetOffset + local, (ulong)local, ref count, ref maxDelay);
                }

                break;
            case AllToAll:
                for (var t = 0; t < p.TargetSize; t++)
                {
                    if (p.NoAutapses == 0 || t != local)
                    {
                        Put(p, r, p.TargetOffset + t, ((ulong)t * (ulong)p.SourceSize) + (ulong)local, ref count, ref maxDelay);
                    }
                }

                break;
            case FixedOutdegree:
                var sourceKey = CounterRng.SubKey(p.ConnectionKey, (ulong)local);
                ulong attempt = 0;
                for (var drawn = 0; drawn < p.Degree; drawn++)
                {
                    var t = NextPartner(p, sourceKey, local, p.TargetSize, ref attempt);
                    Put(p, r, p.TargetOffset + t, ((ulong)local * (ulong)p.Degree) + (ulong)drawn, ref count, ref maxDelay);
                }

                break;
            case PairwiseBernoulli:
                BernoulliRow(p, r, local, ref count, ref maxDelay);
                break;
            default:
                FixedTotalRow(p, r, local, ref count, ref maxDelay);
                break;
        }

        return count;
    }

    private static void BernoulliRow(ProjectionParams p, RowArgs r, int local, ref int count, ref int maxDelay)
    {
        var key = CounterRng.SubKey(p.ProceduralKey, (ulong)local);
        ulong draw = 0;
        for (long t = -1; ;)
        {
            var skip = p.Probability < 1 ? Math.Floor(Math.Log(1 - CounterRng.Uniform(CounterRng.At(key, draw++))) / p.LogQ) : 0;
            t += 1 + (long)Math.Min(skip, p.TargetSize);
            if (t >= p.TargetSize)
            {
                return;
            }

            if (p.NoAutapses == 0 || t != local)
            {
                Put(p, r, p.TargetOffset + (int)t, ((ulong)t * (ulong)p.SourceSize) + (ulong)local, ref count, ref maxDelay);
            }
        }
    }

    private static void FixedTotalRow(ProjectionParams p, RowArgs r, int local, ref int count, ref int maxDelay)
    {
        var length = r.RowLengths[p.RowLengthOffset + local];
        var key = CounterRng.SubKey(p.ProceduralKey, (ulong)local);
        // Without autapses (source = target population) the target is uniform over the others.
        var range = p.NoAutapses != 0 ? p.TargetSize - 1 : p.TargetSize;
        for (var j = 0; j < length; j++)
        {
            var t = CounterRng.Below((uint)(CounterRng.At(key, (ulong)j) >> 32), range);
            t += p.NoAutapses != 0 && t >= local ? 1 : 0;
            Put(p, r, p.TargetOffset + t, ((ulong)(uint)local << 32) | (uint)j, ref count, ref maxDelay);
        }
    }

    /// <summary>One regenerated synapse: weight and delay drawn as a stored synapse's, then counted or added
    /// into the ring exactly as <see cref="Deliver"/> adds a stored one.</summary>
    private static void Put(ProjectionParams p, RowArgs r, int target, ulong key, ref int count, ref int maxDelay)
    {
        Draw(p, key, out var weight, out var delay);
        count++;
        if (r.Deliver == 0)
        {
            maxDelay = delay > maxDelay ? delay : maxDelay;
            return;
        }

        var q = Quantise(weight, r.WeightScale);
        var at = r.Slot + delay;
        at -= at >= r.Slots ? r.Slots : 0;
        var receptor = r.Receptors == 2 && q < 0 ? 1 : 0;
        Atomic.Add(ref r.Ring[((long)((at * r.Receptors) + receptor) * r.N) + target], q);
    }

    /// <summary>Build-time scan of procedural source <paramref name="index"/>: adds its row length to the
    /// synapse count and its largest delay to the ring's size, without storing anything.</summary>
    public static void ScanRows(Index1D index, ProjectionParams p, ScanArgs s)
    {
        var maxDelay = 0;
        var count = ProceduralRow(p, s.Row, index, ref maxDelay);
        if (count > 0)
        {
            Atomic.Add(ref s.Total[0], count);
            Atomic.Max(ref s.MaxDelay[0], maxDelay);
        }
    }
}

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// A built network ready to step. Threads own fixed, contiguous ranges of target neurons. Each step:
/// every thread integrates its neurons (phase 1), all meet at one barrier, then every thread delivers
/// all spikes of the step into its own ring buffers (phase 2). Spike lists are double-buffered by step
/// parity, so phase 2 of step t and phase 1 of step t + 1 need no second barrier.
/// </summary>
internal sealed class CpuNetwork
{
    private CpuNetwork(NetworkContext context, Partition[] partitions)
    {
        Context = context;
        Partitions = partitions;
    }

    public NetworkContext Context { get; }
    public Partition[] Partitions { get; }
    /// <summary>Steps simulated so far.</summary>
    public long Step { get; private set; }
    public long SynapseCount => Partitions.Sum(p => p.Synapses.Count);
    public long ConnectivityBytes => Partitions.Sum(p => p.Synapses.Bytes);

    public static CpuNetwork Build(Spec.NetworkSpec spec, int threads, long recordFromStep, CancellationToken ct, Action? threadStart = null)
    {
        var context = new NetworkContext(spec, recordFromStep);
        var layout = context.Layout;
        var plans = spec.Projections.Select((p, i) => new ProjectionPlan(layout, p, i)).ToArray();
        var n = layout.NeuronCount;
        threads = Math.Clamp(threads, 1, Math.Max(1, n));
        var bounds = Enumerable.Range(0, threads + 1).Select(i => (int)((long)n * i / threads)).ToArray();
        var scale = CompactSynapse.ScaleFor(spec);
        var synapses = new PartitionSynapses[threads];
        EngineThreads.Run(threads, p => synapses[p] = PartitionSynapses.Build(plans, n, bounds[p], bounds[p + 1], scale, ct), threadStart);
        var partitions = Enumerable.Range(0, threads).Select(p => new Partition(context, bounds[p], bounds[p + 1], synapses[p])).ToArray();
        return new CpuNetwork(context, partitions);
    }

    /// <summary>Advances <paramref name="steps"/> steps; checks <paramref name="ct"/> and reports
    /// progress every <paramref name="checkEvery"/> steps. <paramref name="threadStart"/> runs first on
    /// every thread started here (the calling thread does partition 0 and is the caller's).</summary>
    public void Run(long steps, Action<long>? progress, CancellationToken ct, int checkEvery = 20, Action? threadStart = null)
    {
        var first = Step;
        var end = first + steps;
        if (Partitions.Length == 1)
        {
            var only = Partitions[0];
            for (var t = first; t < end; t++)
            {
                if ((t - first) % checkEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Invoke(t - first);
                }

                only.Update(t);
                only.Deliver(t, Partitions);
            }

            Step = end;
            return;
        }

        var barrier = new StepBarrier(Partitions.Length);
        // The step after whose barrier every thread stops. A plain flag could be seen by a slow thread
        // still between the previous barrier and its check, which then left one step early while the
        // others waited for it at the next barrier for ever.
        var stopAfter = long.MaxValue;
        void Work(int p)
        {
            var sense = 0;
            var partition = Partitions[p];
            for (var t = first; t < end; t++)
            {
                if (p == 0 && (t - first) % checkEvery == 0)
                {
                    if (ct.IsCancellationRequested)
                    {
                        Volatile.Write(ref stopAfter, t);
                    }

                    progress?.Invoke(t - first);
                }

                partition.Update(t);
                barrier.SignalAndWait(ref sense);
                // Read after the barrier so every thread stops at the same step.
                if (Volatile.Read(ref stopAfter) <= t)
                {
                    return;
                }

                partition.Deliver(t, Partitions);
            }
        }

        EngineThreads.Run(Partitions.Length, Work, threadStart);
        ct.ThrowIfCancellationRequested();
        Step = end;
    }
}

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// The synapses onto one partition's targets, in CSR grouped by global source: row s holds
/// <c>Words[RowStart[s] .. RowStart[s+1]]</c>, one <see cref="CompactSynapse"/> word each (local target,
/// delay steps, fixed-point weight: 8 bytes per synapse). Within a row, synapses keep their generation order (projection,
/// then synapse key), so the order in which one target's inputs are summed never depends on partitioning.
/// </summary>
internal sealed class PartitionSynapses
{
    private PartitionSynapses(int[] rowStart, ulong[] words, int maxDelay, double scale)
    {
        (RowStart, Words, MaxDelaySteps) = (rowStart, words, maxDelay);
        InverseScale = (float)(1 / scale);
    }

    public int[] RowStart { get; }
    public ulong[] Words { get; }
    public int MaxDelaySteps { get; }
    /// <summary>2^−k: weight = q · InverseScale.</summary>
    public float InverseScale { get; }
    public long Count => Words.Length;
    public long Bytes => (long)RowStart.Length * sizeof(int) + Count * sizeof(ulong);

    public int TargetAt(int k) => CompactSynapse.Target(Words[k]);

    public float WeightAt(int k) => CompactSynapse.Weight(Words[k], InverseScale);

    public byte DelayAt(int k) => (byte)CompactSynapse.Delay(Words[k]);

    /// <summary>Two passes over the generator: count per source (so every array is allocated once, at
    /// its final size, and never copied), then fill through <see cref="SynapseRowFiller"/>.
    /// <c>bufferedPerRow</c> (synapses per row buffered before writing; 0 for the default) lets tests force many flushes.</summary>
    public static PartitionSynapses Build(IReadOnlyList<ProjectionPlan> plans, int neuronCount, int lo, int hi, double scale, CancellationToken ct, int bufferedPerRow = 0)
    {
        var counter = new CountingSink(new int[neuronCount + 1]);
        foreach (var plan in plans)
        {
            ct.ThrowIfCancellationRequested();
            SynapseEnumerator.Enumerate(plan, lo, hi, ref counter);
        }

        var rowStart = counter.Counts;
        long total = 0;
        for (var s = 0; s < neuronCount; s++)
        {
            var c = rowStart[s];
            rowStart[s] = (int)total;
            total += c;
            if (total > int.MaxValue)
            {
                throw new NotSupportedException("One partition holds more than 2³¹ − 1 synapses; use more threads.");
            }
        }

        rowStart[neuronCount] = (int)total;
        var filler = new FillingSink(new SynapseRowFiller(rowStart, lo, scale, bufferedPerRow));
        foreach (var plan in plans)
        {
            ct.ThrowIfCancellationRequested();
            filler.State.Sampler = plan.Sampler;
            SynapseEnumerator.Enumerate(plan, lo, hi, ref filler);
        }

        var f = filler.State;
        f.FlushAll();
        return new PartitionSynapses(rowStart, f.Words, f.MaxDelay, scale);
    }

    private struct CountingSink(int[] counts) : ISynapseSink
    {
        public readonly int[] Counts = counts;

        public readonly void Add(int source, int target, ulong key) => Counts[source]++;
    }

    private readonly struct FillingSink(SynapseRowFiller state) : ISynapseSink
    {
        public readonly SynapseRowFiller State = state;

        public void Add(int source, int target, ulong key) => State.Add(source, target, key);
    }
}

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// The synapses onto one partition's targets, in CSR grouped by global source: row s holds
/// <c>RowStart[s] .. RowStart[s+1]</c> in three parallel arrays (local target int, weight float, delay
/// steps byte: 9 bytes per synapse). Within a row, synapses keep their generation order (projection,
/// then synapse key), so the order in which one target's inputs are summed never depends on partitioning.
/// </summary>
internal sealed class PartitionSynapses
{
    private PartitionSynapses(int[] rowStart, int[] target, float[] weight, byte[] delay, int maxDelay)
    {
        (RowStart, Target, Weight, Delay, MaxDelaySteps) = (rowStart, target, weight, delay, maxDelay);
    }

    public int[] RowStart { get; }
    public int[] Target { get; }
    public float[] Weight { get; }
    public byte[] Delay { get; }
    public int MaxDelaySteps { get; }
    public long Count => Target.Length;
    public long Bytes => (long)RowStart.Length * sizeof(int) + Count * (sizeof(int) + sizeof(float) + sizeof(byte));

    /// <summary>Two passes over the generator: count per source, then fill.</summary>
    public static PartitionSynapses Build(IReadOnlyList<ProjectionPlan> plans, int neuronCount, int lo, int hi, CancellationToken ct)
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
        var filler = new FillingSink(new Filler(rowStart, (int)total, lo));
        foreach (var plan in plans)
        {
            ct.ThrowIfCancellationRequested();
            filler.State.Sampler = plan.Sampler;
            SynapseEnumerator.Enumerate(plan, lo, hi, ref filler);
            filler.State.Flush();
        }

        var f = filler.State;
        return new PartitionSynapses(rowStart, f.Target, f.Weight, f.Delay, f.MaxDelay);
    }

    private struct CountingSink(int[] counts) : ISynapseSink
    {
        public readonly int[] Counts = counts;

        public readonly void Add(int source, int target, ulong key) => Counts[source]++;
    }

    private readonly struct FillingSink(Filler state) : ISynapseSink
    {
        public readonly Filler State = state;

        public void Add(int source, int target, ulong key) => State.Add(source, target, key);
    }

    /// <summary>Writes synapses into their rows. Pairs arrive in random source order; writing each at once
    /// would cost three cache misses per synapse, so they are buffered in chunks and counting-sorted by
    /// source (stably, so a row's order stays the generation order) before being written.</summary>
    private sealed class Filler
    {
        private const int Chunk = 1 << 21;
        private readonly int[] _cursor;
        private readonly int[] _histogram;
        private readonly int _lo;
        private readonly int[] _source = new int[Chunk];
        private readonly int[] _target = new int[Chunk];
        private readonly ulong[] _key = new ulong[Chunk];
        private readonly int[] _sortedTarget = new int[Chunk];
        private readonly ulong[] _sortedKey = new ulong[Chunk];
        private int _count;

        public Filler(int[] rowStart, int total, int lo)
        {
            _cursor = (int[])rowStart.Clone();
            _histogram = new int[rowStart.Length];
            _lo = lo;
            Target = new int[total];
            Weight = new float[total];
            Delay = new byte[total];
        }

        public int[] Target { get; }
        public float[] Weight { get; }
        public byte[] Delay { get; }
        public SynapseSampler? Sampler { get; set; }
        public int MaxDelay { get; private set; }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Add(int source, int target, ulong key)
        {
            _source[_count] = source;
            _target[_count] = target;
            _key[_count] = key;
            if (++_count == Chunk)
            {
                Flush();
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Flush()
        {
            if (_count == 0)
            {
                return;
            }

            var histogram = _histogram;
            Array.Clear(histogram);
            for (var e = 0; e < _count; e++)
            {
                histogram[_source[e] + 1]++;
            }

            for (var s = 1; s < histogram.Length; s++)
            {
                histogram[s] += histogram[s - 1];
            }

            for (var e = 0; e < _count; e++)
            {
                var at = histogram[_source[e]]++;
                _sortedTarget[at] = _target[e];
                _sortedKey[at] = _key[e];
            }

            // histogram[s] is now the end of source s's run; runs are written to consecutive row slots.
            var sampler = Sampler!;
            var maxDelay = MaxDelay;
            var start = 0;
            for (var source = 0; source < histogram.Length - 1; source++)
            {
                var end = histogram[source];
                if (end == start)
                {
                    continue;
                }

                var pos = _cursor[source];
                for (var j = start; j < end; j++, pos++)
                {
                    var (w, d) = sampler.Draw(_sortedKey[j]);
                    Target[pos] = _sortedTarget[j] - _lo;
                    Weight[pos] = w;
                    Delay[pos] = d;
                    maxDelay = Math.Max(maxDelay, d);
                }

                _cursor[source] = pos;
                start = end;
            }

            MaxDelay = maxDelay;
            _count = 0;
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// Writes synapses, which arrive in generation order (target by target, so in random source order),
/// into their CSR rows. Writing each at once would touch a random cache line and often a new page
/// per synapse (at whole-brain size the rows span gigabytes). Instead sources are grouped in blocks
/// whose rows together span about <see cref="BlockBytes"/>; each block has a FIFO bucket of
/// <c>bufferedPerRow × block size</c> synapses, and a full bucket is written out at once, so the writes
/// of one flush stay within a cache- and TLB-sized window and each row receives several synapses in a
/// row. A bucket is first-in first-out, so each row still receives its synapses in generation order.
/// The buckets take <c>bufferedPerRow × 12</c> bytes per source neuron, capped at
/// <see cref="MaxBufferEntries"/> entries.
/// </summary>
internal sealed class SynapseRowFiller
{
    /// <summary>Bytes of the rows of one source block (about the L2 cache of one core).</summary>
    public const int BlockBytes = 1 << 20;
    public const int DefaultBufferedPerRow = 8;
    public const int MaxBufferEntries = 1 << 23;

    private readonly int[] _cursor;
    private readonly int _lo;
    private readonly int _shift;
    private readonly int _blockMask;
    private readonly int _capacity;
    private readonly Entry[] _entries;
    private readonly int[] _fill;
    private readonly double _scale;
    private int _maxDelay;

    /// <param name="rowStart">Start of each global source's row; the last entry is the total.</param>
    /// <param name="lo">First target of the partition (targets are stored relative to it).</param>
    /// <param name="scale">2^k of the fixed-point weights (<see cref="CompactSynapse.ScaleFor"/>).</param>
    /// <param name="bufferedPerRow">Synapses per row buffered before writing; 0 for the default.</param>
    public SynapseRowFiller(int[] rowStart, int lo, double scale, int bufferedPerRow = 0)
    {
        var sources = rowStart.Length - 1;
        var total = rowStart[sources];
        _cursor = GC.AllocateUninitializedArray<int>(rowStart.Length);
        rowStart.AsSpan().CopyTo(_cursor);
        _lo = lo;
        _scale = scale;
        Words = LargeArrays.Allocate<ulong>(total);

        var perRow = bufferedPerRow > 0 ? bufferedPerRow : DefaultBufferedPerRow;
        perRow = (int)Math.Clamp(MaxBufferEntries / Math.Max(1L, sources), 1, perRow);
        var meanRowBytes = Math.Max(1.0, (double)total / Math.Max(1, sources) * sizeof(ulong));
        var blockSources = (int)Math.Clamp(BlockBytes / meanRowBytes, 1, Math.Clamp(sources, 1, 1 << 24));
        _shift = BitOperations.Log2((uint)blockSources);
        _blockMask = (1 << _shift) - 1;
        var buckets = ((Math.Max(1, sources) - 1) >> _shift) + 1;
        // Never more than the partition holds: a small network then fills in one pass over the buckets.
        _capacity = (int)Math.Max(1, Math.Min((long)perRow << _shift, (long)total / buckets + 1));
        _entries = LargeArrays.Allocate<Entry>(buckets * _capacity);
        _fill = new int[buckets];
    }

    /// <summary>The rows, one <see cref="CompactSynapse"/> word per synapse.</summary>
    public ulong[] Words { get; }
    public SynapseSampler? Sampler { get; set; }
    public int MaxDelay => _maxDelay;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int source, int target, ulong key)
    {
        var (w, d) = Sampler!.Draw(key);
        var bucket = source >> _shift;
        var at = _fill[bucket]++;
        _entries[bucket * _capacity + at] = new Entry(CompactSynapse.Pack(target - _lo, d, CompactSynapse.Quantise(w, _scale)), source & _blockMask);
        if (at + 1 == _capacity)
        {
            Flush(bucket);
        }
    }

    /// <summary>Writes every bucket still holding synapses; call once after the last <see cref="Add"/>.</summary>
    public void FlushAll()
    {
        for (var b = 0; b < _fill.Length; b++)
        {
            Flush(b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Flush(int bucket)
    {
        var entries = _entries.AsSpan(bucket * _capacity, _fill[bucket]);
        var first = bucket << _shift;
        var cursor = _cursor;
        var words = Words;
        var maxDelay = _maxDelay;
        foreach (ref readonly var e in entries)
        {
            words[cursor[first + e.Source]++] = e.Word;
            maxDelay = Math.Max(maxDelay, CompactSynapse.Delay(e.Word));
        }

        _maxDelay = maxDelay;
        _fill[bucket] = 0;
    }

    /// <summary>12 bytes: the synapse's word and its source's index within its block.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Entry(ulong Word, int Source);
}

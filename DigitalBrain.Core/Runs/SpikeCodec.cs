using System.IO.Compression;

namespace DigitalBrain.Core.Runs;

/// <summary>
/// Compact, compressed form of spike trains for storage in PostgreSQL: spikes sorted by time,
/// times as step deltas and neuron ids as zig-zag deltas, both LEB128 varints, then Brotli. A
/// typical cortical raster shrinks to 2–3 bytes per spike.
/// </summary>
public static class SpikeCodec
{
    /// <summary>Encodes (neuron, time) pairs; <paramref name="timesMs"/> must be ascending and
    /// multiples of <paramref name="resolutionMs"/> (engine spike stamps are).</summary>
    public static byte[] Encode(ReadOnlySpan<int> neurons, ReadOnlySpan<float> timesMs, double resolutionMs)
    {
        if (neurons.Length != timesMs.Length)
            throw new ArgumentException("neurons and times differ in length", nameof(timesMs));
        using var raw = new MemoryStream(neurons.Length * 3 + 16);
        WriteVarint(raw, (ulong)neurons.Length);
        WriteVarint(raw, (ulong)BitConverter.DoubleToInt64Bits(resolutionMs));
        long previousStep = 0;
        long previousNeuron = 0;
        for (var i = 0; i < neurons.Length; i++)
        {
            var step = (long)Math.Round(timesMs[i] / resolutionMs);
            if (step < previousStep)
                throw new ArgumentException($"spike times must be ascending (index {i})", nameof(timesMs));
            WriteVarint(raw, (ulong)(step - previousStep));
            var delta = neurons[i] - previousNeuron;
            WriteVarint(raw, (ulong)((delta << 1) ^ (delta >> 63)));
            previousStep = step;
            previousNeuron = neurons[i];
        }
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            raw.WriteTo(brotli);
        return compressed.ToArray();
    }

    public static (int[] Neurons, float[] TimesMs) Decode(byte[] data)
    {
        using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        input.CopyTo(raw);
        var buffer = raw.GetBuffer().AsSpan(0, (int)raw.Length);
        var offset = 0;
        var count = checked((int)ReadVarint(buffer, ref offset));
        var resolutionMs = BitConverter.Int64BitsToDouble((long)ReadVarint(buffer, ref offset));
        var neurons = new int[count];
        var times = new float[count];
        long step = 0;
        long neuron = 0;
        for (var i = 0; i < count; i++)
        {
            step += (long)ReadVarint(buffer, ref offset);
            var zigzag = ReadVarint(buffer, ref offset);
            neuron += (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            neurons[i] = (int)neuron;
            times[i] = (float)(step * resolutionMs);
        }
        return (neurons, times);
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        Span<byte> bytes = stackalloc byte[10];
        var n = 0;
        while (value >= 0x80)
        {
            bytes[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[n++] = (byte)value;
        stream.Write(bytes[..n]);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> buffer, ref int offset)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = buffer[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
            shift += 7;
        }
    }
}

using DigitalBrain.Core.Runs;

namespace DigitalBrain.Tests.Runs;

public sealed class SpikeCodecTests
{
    [Fact]
    public void Round_trip_returns_every_spike_on_its_step()
    {
        var random = new Random(7);
        const int count = 50_000;
        var neurons = new int[count];
        var times = new float[count];
        var step = 0;
        for (var i = 0; i < count; i++)
        {
            step += random.Next(0, 3);
            times[i] = (float)(step * 0.1);
            neurons[i] = random.Next(0, 20_683);
        }

        var encoded = SpikeCodec.Encode(neurons, times, 0.1);
        var (decodedNeurons, decodedTimes) = SpikeCodec.Decode(encoded);

        Assert.Equal(neurons, decodedNeurons);
        for (var i = 0; i < count; i++)
            Assert.Equal(times[i], decodedTimes[i], 1e-3f);
        Assert.True(encoded.Length < count * 4, $"{encoded.Length} bytes for {count} spikes: no better than raw 8 bytes/spike halved");
    }

    [Fact]
    public void Unsorted_times_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SpikeCodec.Encode([1, 2], [0.2f, 0.1f], 0.1));
    }
}

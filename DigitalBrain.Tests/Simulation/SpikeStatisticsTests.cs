using DigitalBrain.Simulation.Analysis;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Tests.Simulation;

public sealed class SpikeStatisticsTests
{
    [Fact]
    public void RegularTrainsHaveExactRatesZeroCvAndNoRateSpread()
    {
        // 10 neurons, each firing every 100 ms with its own phase, over 1 s: 10 Hz, CV 0.
        var neurons = new List<int>();
        var times = new List<float>();
        for (var n = 0; n < 10; n++)
        {
            for (var k = 0; k < 10; k++)
            {
                neurons.Add(n);
                times.Add(k * 100 + n * 7 + 1);
            }
        }

        var stats = SpikeStatistics.Compute(new PopulationSpikes("P", 10, 10, [.. neurons], [.. times]), 1000, 100);
        Assert.Equal(10.0, stats.RateHz, 12);
        Assert.Equal(0.0, stats.RateSdHz, 12);
        Assert.Equal(0.0, stats.CvIsi, 5);
        Assert.Equal(10, stats.RateSeriesHz.Length);
        Assert.All(stats.RateSeriesHz, r => Assert.Equal(10.0, r, 9));
    }

    [Fact]
    public void PoissonTrainsHaveCvAndFanoFactorNearOne()
    {
        var random = new Random(3);
        var neurons = new List<int>();
        var times = new List<float>();
        const int count = 200;
        for (var n = 0; n < count; n++)
        {
            var t = 0.0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) * 50; // 20 Hz
                if (t > 10_000)
                {
                    break;
                }

                neurons.Add(n);
                times.Add((float)t);
            }
        }

        var stats = SpikeStatistics.Compute(new PopulationSpikes("P", count, count, [.. neurons], [.. times]), 10_000);
        Assert.InRange(stats.RateHz, 19.5, 20.5);
        Assert.InRange(stats.CvIsi, 0.95, 1.05);
        Assert.InRange(stats.Synchrony, 0.85, 1.15);
    }

    [Fact]
    public void SynchronousSpikesGiveALargeFanoFactor()
    {
        // All 100 neurons fire together every 50 ms: the population histogram is all-or-nothing.
        var neurons = Enumerable.Range(0, 20).SelectMany(_ => Enumerable.Range(0, 100)).ToArray();
        var times = Enumerable.Range(0, 20).SelectMany(k => Enumerable.Repeat((float)(k * 50 + 1), 100)).ToArray();
        var stats = SpikeStatistics.Compute(new PopulationSpikes("P", 100, 100, neurons, times), 1000);
        Assert.True(stats.Synchrony > 50, $"Fano factor {stats.Synchrony}");
    }

    [Fact]
    public void AnEmptyRecordingWindowGivesNoRates()
    {
        var stats = SpikeStatistics.Compute(new PopulationSpikes("P", 5, 5, [], []), 0);
        Assert.True(double.IsNaN(stats.RateHz));
        Assert.Empty(stats.RateSeriesHz);
        Assert.Throws<ArgumentOutOfRangeException>(() => SpikeStatistics.Compute(new PopulationSpikes("P", 5, 5, [], []), -1));
    }
}

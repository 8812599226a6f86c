using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Tests.Runs;

/// <summary>The stored live traces: counts to rates, the bound on their length, and the JSON column.</summary>
public sealed class LiveRateTraceTests
{
    [Fact]
    public void Counts_become_rates_per_recorded_neuron_and_second_of_bin()
    {
        var counts = new LiveSpikeCounts(10, 100, ["E", "I"], [200, 50], [[20, 40, 0], [5, 0, 50]]);

        var rates = LiveRateTrace.FromCounts(counts).ToRates();

        // r = count / (neurons · w): 20 spikes of 200 neurons in 10 ms is 10 Hz.
        AssertClose([10.0, 20.0, 0.0], rates.Populations[0].RatesHz, 1e-12);
        AssertClose([10.0, 0.0, 100.0], rates.Populations[1].RatesHz, 1e-12);
        Assert.Equal([5.0, 15.0, 25.0], rates.TimesMs);
        Assert.Equal(10, rates.BinMs);
        Assert.Equal(30, rates.CoveredMs);
        Assert.Equal(1000, rates.WindowMs);
        Assert.Equal(["E", "I"], rates.Populations.Select(p => p.Population));
    }

    [Fact]
    public void A_population_without_recorded_neurons_has_rate_zero()
    {
        var counts = new LiveSpikeCounts(5, 10, ["silent"], [0], [[0, 0]]);

        Assert.Equal([0.0, 0.0], LiveRateTrace.FromCounts(counts).ToRates().Populations[0].RatesHz);
    }

    [Fact]
    public void Merging_a_long_trace_keeps_the_bound_and_the_mean_rate()
    {
        // 4,999 bins of 10 ms: k = ⌈4999 / 2000⌉ = 3, 1,667 stored bins, the last holding one engine bin.
        var random = new Random(7);
        var source = Enumerable.Range(0, 4999).Select(_ => (long)random.Next(0, 500)).ToArray();
        var counts = new LiveSpikeCounts(10, 6000, ["E"], [300], [source]);

        var trace = LiveRateTrace.FromCounts(counts);
        var rates = trace.ToRates();

        Assert.Equal(3, trace.Merge);
        Assert.Equal(1667, rates.TimesMs.Length);
        Assert.True(rates.TimesMs.Length <= LiveRateTrace.MaxBins);
        Assert.Equal(30, rates.BinMs);
        Assert.Equal(source.Sum(), trace.Populations[0].Counts.Sum());
        // Σ r_i·width_i / Σ width_i over the stored bins equals total spikes / (neurons · covered time).
        var widths = Enumerable.Range(0, 1667).Select(i => i < 1666 ? 30.0 : 10.0).ToArray();
        var mean = rates.Populations[0].RatesHz.Select((r, i) => r * widths[i]).Sum() / widths.Sum();
        var expected = source.Sum() / 300.0 / (4999 * 10 / 1000.0);
        Assert.Equal(expected, mean, 1e-9 * expected);
        Assert.Equal(49_990, rates.CoveredMs);
        // The last (narrower) bin sits at its own middle: 4,998 · 10 ms + 5 ms.
        Assert.Equal(49_985, rates.TimesMs[^1], 9);
        Assert.Equal(source[4998] / 300.0 / 0.01, rates.Populations[0].RatesHz[^1], 9);
    }

    [Fact]
    public void A_trace_within_the_bound_is_not_merged()
    {
        var counts = new LiveSpikeCounts(10, 2000, ["E"], [1], [new long[2000]]);

        var trace = LiveRateTrace.FromCounts(counts);

        Assert.Equal(1, trace.Merge);
        Assert.Equal(2000, trace.Populations[0].Counts.Length);
    }

    [Fact]
    public void The_stored_json_round_trips_and_a_broken_column_reads_as_none()
    {
        var trace = LiveRateTrace.FromCounts(new LiveSpikeCounts(10, 50, ["L4E", "L4I"], [40, 10], [[1, 2], [3, 4]]));

        var back = LiveRateTrace.FromJson(trace.ToJson());

        Assert.NotNull(back);
        Assert.Equal(trace.ToRates().Populations.SelectMany(p => p.RatesHz), back.ToRates().Populations.SelectMany(p => p.RatesHz));
        Assert.Equal(trace.TotalBins, back.TotalBins);
        Assert.Null(LiveRateTrace.FromJson(null));
        Assert.Null(LiveRateTrace.FromJson("{\"engineBinMs\": \"ten\"}"));
    }

    internal static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"bin {i}: expected {expected[i]}, got {actual[i]}");
    }
}

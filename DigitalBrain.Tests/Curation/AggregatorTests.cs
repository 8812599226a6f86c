using DigitalBrain.Core.Estimates;

namespace DigitalBrain.Tests.Curation;

/// <summary>Each method against values computed by hand (and checked with Python's statistics module).</summary>
public sealed class AggregatorTests
{
    // The issue's dendrite-extent example (µm), each value from its own paper.
    private static readonly double[] Extents = [500, 876.83, 893.44, 594.49, 430.6, 426.1, 396.1];

    private static List<AggregationInput> OnePaperEach(params double[] values) =>
        values.Select(v => new AggregationInput(Guid.NewGuid(), Guid.NewGuid(), v)).ToList();

    [Fact]
    public void Arithmetic_mean_of_the_issue_example_is_588_22_with_t_interval()
    {
        var result = Aggregator.Aggregate(OnePaperEach(Extents), AggregationMethod.Mean);

        // Σ = 4117.56, /7 = 588.2229; sample SD 213.0392; t(0.975, 6) = 2.4469.
        Assert.Equal(588.22, result.Value!.Value, 2);
        Assert.Equal(213.0392, result.Sd!.Value, 3);
        Assert.Equal(391.195, result.CiLow!.Value, 2);
        Assert.Equal(785.250, result.CiHigh!.Value, 2);
        Assert.Equal(7, result.EntryCount);
        Assert.Equal(7, result.ReferenceCount);
        Assert.Equal(396.1, result.Min);
        Assert.Equal(893.44, result.Max);
        Assert.Empty(result.OutlierEntryIds);
    }

    [Fact]
    public void Median_is_the_middle_value_with_the_order_statistic_interval()
    {
        var result = Aggregator.Aggregate(OnePaperEach(Extents), AggregationMethod.Median);

        Assert.Equal(500, result.Value);
        // n = 7: P(Bin(7, ½) ≤ 0) = 1/128 ≤ 0.025 < P(≤ 1) = 8/128, so the interval is [x(1), x(7)].
        Assert.Equal(396.1, result.CiLow);
        Assert.Equal(893.44, result.CiHigh);
    }

    [Fact]
    public void Trimmed_mean_drops_twenty_percent_at_each_end()
    {
        var result = Aggregator.Aggregate(OnePaperEach(Extents), AggregationMethod.TrimmedMean);

        // g = floor(0.2·7) = 1: (426.1 + 430.6 + 500 + 594.49 + 876.83) / 5 = 565.604.
        Assert.Equal(565.604, result.Value!.Value, 6);
        // Winsorised SD 204.4118 → se = s_w / (0.6·√7) = 129.0476; t(0.975, 4) = 2.7764.
        Assert.Equal(565.604 - 2.7764 * 129.0476, result.CiLow!.Value, 2);
    }

    [Fact]
    public void Geometric_mean_is_the_exponential_of_the_mean_log()
    {
        var result = Aggregator.Aggregate(OnePaperEach(Extents), AggregationMethod.GeometricMean);

        Assert.Equal(558.3757, result.Value!.Value, 3);
        Assert.Equal(558.3757, Math.Sqrt(result.CiLow!.Value * result.CiHigh!.Value), 3); // symmetric in log space
        Assert.Equal(2.0, Aggregator.Aggregate(OnePaperEach(1, 4), AggregationMethod.GeometricMean).Value!.Value, 12);
    }

    [Fact]
    public void Geometric_mean_refuses_non_positive_values_and_says_why()
    {
        var result = Aggregator.Aggregate(OnePaperEach(0, 4), AggregationMethod.GeometricMean);

        Assert.Null(result.Value);
        Assert.Contains("above zero", result.Note);
    }

    [Fact]
    public void Inverse_variance_weighting_uses_sem_or_sd_over_root_n()
    {
        var entries = new List<AggregationInput>
        {
            new(Guid.NewGuid(), Guid.NewGuid(), 10, Sem: 1),
            new(Guid.NewGuid(), Guid.NewGuid(), 20, Sd: 8, N: 16), // SE = 8/√16 = 2
        };

        var result = Aggregator.Aggregate(entries, AggregationMethod.InverseVarianceWeighted);

        // w = 1, 1/4: (10 + 5) / 1.25 = 12; SE = 1/√1.25 = 0.8944.
        Assert.Equal(12, result.Value!.Value, 12);
        Assert.Equal(12 - 1.959964 * 0.894427, result.CiLow!.Value, 4);
        Assert.Null(result.Note);
    }

    [Fact]
    public void Inverse_variance_weighting_leaves_out_entries_without_spread_and_says_so()
    {
        var entries = new List<AggregationInput>
        {
            new(Guid.NewGuid(), Guid.NewGuid(), 10, Sem: 1),
            new(Guid.NewGuid(), Guid.NewGuid(), 50),
        };

        var result = Aggregator.Aggregate(entries, AggregationMethod.InverseVarianceWeighted);

        Assert.Equal(10, result.Value);
        Assert.Contains("1 of 2", result.Note);
        Assert.Null(Aggregator.Aggregate(entries.Skip(1), AggregationMethod.InverseVarianceWeighted).Value);
    }

    [Fact]
    public void Range_union_and_intersection()
    {
        var entries = new List<AggregationInput>
        {
            new(Guid.NewGuid(), Guid.NewGuid(), null, 1, 3),
            new(Guid.NewGuid(), Guid.NewGuid(), null, 2, 5),
        };

        var union = Aggregator.Aggregate(entries, AggregationMethod.RangeUnion);
        var intersection = Aggregator.Aggregate(entries, AggregationMethod.RangeIntersection);

        Assert.Equal((1.0, 5.0, 3.0), (union.RangeMin!.Value, union.RangeMax!.Value, union.Value!.Value));
        Assert.Equal((2.0, 3.0, 2.5), (intersection.RangeMin!.Value, intersection.RangeMax!.Value, intersection.Value!.Value));
    }

    [Fact]
    public void Disjoint_ranges_have_an_empty_intersection()
    {
        var entries = new List<AggregationInput>
        {
            new(Guid.NewGuid(), Guid.NewGuid(), null, 1, 2),
            new(Guid.NewGuid(), Guid.NewGuid(), null, 3, 4),
        };

        var result = Aggregator.Aggregate(entries, AggregationMethod.RangeIntersection);

        Assert.Null(result.Value);
        Assert.Null(result.RangeMin);
        Assert.Contains("do not overlap", result.Note);
    }

    [Fact]
    public void Entries_of_one_reference_are_averaged_before_aggregating()
    {
        var paperA = Guid.NewGuid();
        var entries = new List<AggregationInput>
        {
            new(Guid.NewGuid(), paperA, 10),
            new(Guid.NewGuid(), paperA, 20),
            new(Guid.NewGuid(), Guid.NewGuid(), 30),
        };

        var result = Aggregator.Aggregate(entries, AggregationMethod.Mean);

        // Paper A counts once, as 15: (15 + 30) / 2 = 22.5, not (10 + 20 + 30) / 3 = 20.
        Assert.Equal(22.5, result.Value);
        Assert.Equal(3, result.EntryCount);
        Assert.Equal(2, result.ReferenceCount);
        Assert.Equal(10, result.Min);
        Assert.Equal(30, result.Max);
    }

    [Fact]
    public void Excluded_entries_are_ignored()
    {
        var excluded = new AggregationInput(Guid.NewGuid(), Guid.NewGuid(), 1000, Excluded: true);
        var entries = OnePaperEach(2, 4).Append(excluded).ToList();

        var result = Aggregator.Aggregate(entries, AggregationMethod.Mean);

        Assert.Equal(3, result.Value);
        Assert.Equal(2, result.EntryCount);
        Assert.DoesNotContain(excluded.EntryId, result.EntryIds);
    }

    [Fact]
    public void A_value_far_outside_the_MAD_band_is_flagged_as_outlier()
    {
        var entries = OnePaperEach(10, 11, 12, 10.5, 11.5, 100);

        var result = Aggregator.Aggregate(entries, AggregationMethod.Median);

        // median 11.25, MAD 0.75: |100 − 11.25| / (1.4826·0.75) = 79.8 > 3.5; the next largest score is 1.12.
        Assert.Equal([entries[^1].EntryId], result.OutlierEntryIds);
    }

    [Fact]
    public void No_entries_give_no_value()
    {
        var result = Aggregator.Aggregate([], AggregationMethod.Mean);

        Assert.Null(result.Value);
        Assert.Equal(0, result.EntryCount);
    }

    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(30, 2.0423)]
    [InlineData(40, 2.0211)]
    [InlineData(120, 1.9799)]
    public void Student_t_quantiles_match_tables(int df, double expected) =>
        Assert.Equal(expected, DigitalBrain.Core.Estimates.Statistics.T975Quantile(df), 3);
}

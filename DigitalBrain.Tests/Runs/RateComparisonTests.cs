using DigitalBrain.Core.Runs;

namespace DigitalBrain.Tests.Runs;

public sealed class RateComparisonTests
{
    [Theory]
    [InlineData(4.0, 3.0, 5.0, RateAgreement.InsideInterval)]
    [InlineData(3.0, 3.0, 5.0, RateAgreement.InsideInterval)]
    [InlineData(6.0, 3.0, 5.0, RateAgreement.WithinFactorTwo)]
    [InlineData(8.0, 3.0, 5.0, RateAgreement.WithinFactorTwo)]
    [InlineData(8.01, 3.0, 5.0, RateAgreement.Outside)]
    [InlineData(1.99, 3.0, 5.0, RateAgreement.Outside)]
    [InlineData(0.0, 3.0, 5.0, RateAgreement.Outside)]
    public void Rates_are_classified_against_the_interval_then_a_factor_two_of_the_value(double simulated, double low, double high, RateAgreement expected)
    {
        Assert.Equal(expected, RateComparison.Classify(simulated, new ReferenceRate(4.0, low, high)));
    }

    [Fact]
    public void A_point_reference_counts_ten_percent_as_inside()
    {
        Assert.Equal(RateAgreement.InsideInterval, RateComparison.Classify(0.95, new ReferenceRate(0.903, null, null)));
        Assert.Equal(RateAgreement.WithinFactorTwo, RateComparison.Classify(1.2, new ReferenceRate(0.903, null, null)));
        Assert.Equal(RateAgreement.NoReference, RateComparison.Classify(1.2, null));
    }

    [Fact]
    public void Summary_counts_classes_and_averages_absolute_log_ratios_over_compared_populations()
    {
        var rows = new[]
        {
            RateComparison.Compare("A", 4.0, 1, new ReferenceRate(4.0, 3, 5)),   // inside, log 0
            RateComparison.Compare("B", 20.0, 1, new ReferenceRate(2.0, 1, 3)),  // outside, log 1
            RateComparison.Compare("C", 1.0, 1, new ReferenceRate(2.0, 1.5, 3)), // within 2x, log -0.30103
            RateComparison.Compare("D", 9.0, 1, null),                           // not compared
        };

        var summary = RateComparison.Summarise(rows);

        Assert.Equal(3, summary.Compared);
        Assert.Equal(1, summary.Inside);
        Assert.Equal(1, summary.WithinFactorTwo);
        Assert.Equal(1, summary.Outside);
        Assert.Equal(1.0 / 3, summary.ShareInside, 12);
        Assert.Equal((0 + 1 + Math.Log10(2)) / 3, summary.MeanAbsLog10Ratio!.Value, 12);
    }

    [Fact]
    public void The_reference_is_the_frozen_value_with_the_interval_of_the_unchanged_current_estimate()
    {
        var reference = RateComparison.Reference(4.0, new FiringRateEstimate(4.0, 3.0, 5.5));

        Assert.Equal(new ReferenceRate(4.0, 3.0, 5.5, ReferenceSource.Version), reference);
        Assert.Equal(RateAgreement.InsideInterval, RateComparison.Classify(5.2, reference));
    }

    [Fact]
    public void A_changed_estimate_leaves_the_frozen_value_without_an_interval()
    {
        var reference = RateComparison.Reference(4.0, new FiringRateEstimate(6.0, 5.0, 7.0));

        Assert.Equal(new ReferenceRate(4.0, null, null, ReferenceSource.VersionValueOnly), reference);
        // ±10 % of 4 Hz: 5.2 Hz is outside, though inside the current estimate's interval.
        Assert.Equal(RateAgreement.WithinFactorTwo, RateComparison.Classify(5.2, reference));
        Assert.Equal(ReferenceSource.VersionValueOnly, RateComparison.Reference(4.0, null)!.Source);
        Assert.Equal(ReferenceSource.VersionValueOnly, RateComparison.Reference(4.0, new FiringRateEstimate(4.0, null, null))!.Source);
    }

    [Fact]
    public void Without_a_frozen_value_the_current_estimate_is_the_reference_and_without_either_there_is_none()
    {
        Assert.Equal(new ReferenceRate(2.5, 1.0, 4.0, ReferenceSource.CurrentEstimate),
            RateComparison.Reference(null, new FiringRateEstimate(2.5, 1.0, 4.0)));
        Assert.Null(RateComparison.Reference(null, new FiringRateEstimate(null, null, null)));
        Assert.Null(RateComparison.Reference(null, null));
    }

    [Fact]
    public void A_silent_population_is_outside_with_the_floor_rate_in_its_log_ratio()
    {
        var row = RateComparison.Compare("A", 0.0, 0.0, new ReferenceRate(1.0, 0.5, 2.0), "M1");

        Assert.Equal(RateAgreement.Outside, row.Agreement);
        Assert.Equal(-2.0, row.LogRatio!.Value, 12); // log10(0.01 Hz / 1 Hz)
        Assert.Equal("M1", row.Region);
    }

    [Fact]
    public void A_summary_of_no_compared_population_has_no_mean_log_ratio()
    {
        var summary = RateComparison.Summarise([RateComparison.Compare("A", 3.0, 1.0, null)]);

        Assert.Equal(0, summary.Compared);
        Assert.Equal(0, summary.ShareInside);
        Assert.Null(summary.MeanAbsLog10Ratio);
    }
}

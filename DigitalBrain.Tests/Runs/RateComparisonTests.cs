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
}

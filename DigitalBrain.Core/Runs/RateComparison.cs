namespace DigitalBrain.Core.Runs;

/// <summary>How a simulated rate relates to its reference.</summary>
public enum RateAgreement
{
    /// <summary>No reference rate to compare with.</summary>
    NoReference,
    /// <summary>Inside the reference's 95 % interval (or equal to a point reference within 10 %).</summary>
    InsideInterval,
    /// <summary>Outside the interval but within a factor 2 of the reference value.</summary>
    WithinFactorTwo,
    /// <summary>More than a factor 2 away.</summary>
    Outside,
}

/// <summary>A reference rate: the collective estimate of a population's firing rate.</summary>
public sealed record ReferenceRate(double ValueHz, double? LowHz, double? HighHz);

/// <summary>One population's simulated rate beside its reference.</summary>
public sealed record RateComparisonRow(string Population, double SimulatedHz, double SimulatedSdHz, ReferenceRate? Reference,
    RateAgreement Agreement, double? LogRatio);

/// <summary>The at-a-glance answer: share of populations inside their interval, and the mean
/// |log10(simulated / reference)| (0 is perfect, 0.3 is a factor 2 on average).</summary>
public sealed record RateComparisonSummary(int Compared, int Inside, int WithinFactorTwo, int Outside, double ShareInside, double? MeanAbsLog10Ratio);

public static class RateComparison
{
    /// <summary>Relative tolerance that stands in for an interval when the reference is a single value.</summary>
    public const double PointTolerance = 0.10;

    /// <summary>Rates below this (Hz) are treated as this when taking log ratios, so a silent
    /// population gives a large but finite penalty.</summary>
    public const double FloorHz = 0.01;

    public static RateAgreement Classify(double simulatedHz, ReferenceRate? reference)
    {
        if (reference is null || !double.IsFinite(reference.ValueHz) || reference.ValueHz <= 0)
            return RateAgreement.NoReference;
        var low = reference.LowHz ?? reference.ValueHz * (1 - PointTolerance);
        var high = reference.HighHz ?? reference.ValueHz * (1 + PointTolerance);
        if (simulatedHz >= low && simulatedHz <= high)
            return RateAgreement.InsideInterval;
        var ratio = Math.Max(simulatedHz, FloorHz) / reference.ValueHz;
        return ratio is >= 0.5 and <= 2.0 ? RateAgreement.WithinFactorTwo : RateAgreement.Outside;
    }

    public static RateComparisonRow Compare(string population, double simulatedHz, double simulatedSdHz, ReferenceRate? reference)
    {
        var agreement = Classify(simulatedHz, reference);
        double? logRatio = agreement == RateAgreement.NoReference
            ? null
            : Math.Log10(Math.Max(simulatedHz, FloorHz) / reference!.ValueHz);
        return new RateComparisonRow(population, simulatedHz, simulatedSdHz, reference, agreement, logRatio);
    }

    public static RateComparisonSummary Summarise(IEnumerable<RateComparisonRow> rows)
    {
        var compared = rows.Where(r => r.Agreement != RateAgreement.NoReference).ToList();
        var inside = compared.Count(r => r.Agreement == RateAgreement.InsideInterval);
        var within = compared.Count(r => r.Agreement == RateAgreement.WithinFactorTwo);
        return new RateComparisonSummary(
            compared.Count, inside, within, compared.Count - inside - within,
            compared.Count == 0 ? 0 : (double)inside / compared.Count,
            compared.Count == 0 ? null : compared.Average(r => Math.Abs(r.LogRatio!.Value)));
    }
}

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

/// <summary>Where a reference rate's value and interval come from (versions freeze the value of the
/// firing-rate estimate but not its interval).</summary>
public enum ReferenceSource
{
    /// <summary>The value frozen in the run's version; the 95 % interval of the current estimate,
    /// whose value is still the frozen one.</summary>
    Version,
    /// <summary>The value frozen in the run's version; the estimate has changed since (or has no
    /// interval), so the frozen value stands alone (±<see cref="RateComparison.PointTolerance"/>).</summary>
    VersionValueOnly,
    /// <summary>The version has no reference rate: the current estimate's value and interval.</summary>
    CurrentEstimate,
}

/// <summary>A reference rate: the collective estimate of a population's firing rate with its 95 % interval.</summary>
public sealed record ReferenceRate(double ValueHz, double? LowHz, double? HighHz, ReferenceSource Source = ReferenceSource.Version);

/// <summary>The current collective estimate of a population's firing rate (Hz): effective value and 95 % interval.</summary>
public sealed record FiringRateEstimate(double? ValueHz, double? CiLowHz, double? CiHighHz);

/// <summary>One population's simulated rate beside its reference.</summary>
public sealed record RateComparisonRow(string Population, double SimulatedHz, double SimulatedSdHz, ReferenceRate? Reference,
    RateAgreement Agreement, double? LogRatio, string? Region = null);

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

    /// <summary>Relative difference under which the current estimate still counts as the frozen value.</summary>
    public const double SameValueTolerance = 1e-9;

    /// <summary>The reference for one population: the value frozen in the run's version when it has
    /// one, with the current estimate's 95 % interval only while that estimate still has the frozen
    /// value (an interval around a different value would not belong to it); without a frozen value,
    /// the current estimate. Null when neither exists.</summary>
    public static ReferenceRate? Reference(double? frozenHz, FiringRateEstimate? current)
    {
        if (frozenHz is { } frozen && double.IsFinite(frozen))
        {
            var same = current?.ValueHz is { } now && Math.Abs(now - frozen) <= SameValueTolerance * Math.Max(Math.Abs(frozen), 1e-12);
            return same && current!.CiLowHz is { } low && current.CiHighHz is { } high
                ? new ReferenceRate(frozen, low, high, ReferenceSource.Version)
                : new ReferenceRate(frozen, null, null, ReferenceSource.VersionValueOnly);
        }
        return current?.ValueHz is { } value && double.IsFinite(value)
            ? new ReferenceRate(value, current.CiLowHz, current.CiHighHz, ReferenceSource.CurrentEstimate)
            : null;
    }

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

    public static RateComparisonRow Compare(string population, double simulatedHz, double simulatedSdHz, ReferenceRate? reference,
        string? region = null)
    {
        var agreement = Classify(simulatedHz, reference);
        double? logRatio = agreement == RateAgreement.NoReference
            ? null
            : Math.Log10(Math.Max(simulatedHz, FloorHz) / reference!.ValueHz);
        return new RateComparisonRow(population, simulatedHz, simulatedSdHz, reference, agreement, logRatio, region);
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

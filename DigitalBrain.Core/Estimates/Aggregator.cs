namespace DigitalBrain.Core.Estimates;

/// <summary>
/// Turns entries into a collective estimate. Pure: no database, no clock.
/// <para>Rules, in order: excluded entries are dropped; entries citing the same reference are
/// averaged into one study value (value, range bounds, and SE = √(Σ SEᵢ²)/k) so one paper cannot
/// dominate, as NeuroElectro does; the chosen method is applied to the study values. SD and the
/// 95% interval describe the study values; min and max span the entries themselves; outliers are
/// entries with |x − median| / (1.4826·MAD) &gt; 3.5 (Iglewicz &amp; Hoaglin's modified z-score).</para>
/// </summary>
public static class Aggregator
{
    /// <summary>Fraction trimmed from each end by <see cref="AggregationMethod.TrimmedMean"/> (Wilcox's 20%).</summary>
    public const double TrimProportion = 0.2;
    public const double OutlierThreshold = 3.5;
    /// <summary>Makes the MAD a consistent estimator of the SD for normal data.</summary>
    public const double MadScale = 1.4826;

    private sealed record Study(double Point, double Lower, double Upper, double? StandardError);

    public static AggregationResult Aggregate(IEnumerable<AggregationInput> entries, AggregationMethod method)
    {
        var included = entries.Where(e => !e.Excluded).ToList();
        var ids = included.Select(e => e.EntryId).ToArray();
        if (included.Count == 0)
            return new(method, null, null, null, 0, 0, null, null, null, null, null, ids, [], "No entries yet.");

        var studies = included.GroupBy(e => e.ReferenceId).Select(ToStudy).ToList();
        var points = studies.Select(s => s.Point).ToList();
        var central = Central(method, studies);
        return new AggregationResult(
            method, central.Value, central.RangeMin, central.RangeMax,
            included.Count, studies.Count, Statistics.SampleSd(points),
            included.Min(e => e.Lower), included.Max(e => e.Upper),
            central.CiLow, central.CiHigh, ids, Outliers(included), central.Note);
    }

    private static Study ToStudy(IGrouping<Guid, AggregationInput> group)
    {
        var items = group.ToList();
        var errors = items.Select(e => e.StandardError).ToList();
        double? se = errors.All(e => e.HasValue) ? Math.Sqrt(errors.Sum(e => e!.Value * e.Value)) / items.Count : null;
        return new Study(items.Average(e => e.Point), items.Average(e => e.Lower), items.Average(e => e.Upper), se);
    }

    private sealed record CentralValue(double? Value, double? RangeMin = null, double? RangeMax = null, double? CiLow = null, double? CiHigh = null, string? Note = null);

    private static CentralValue Central(AggregationMethod method, List<Study> studies)
    {
        var x = studies.Select(s => s.Point).ToList();
        return method switch
        {
            AggregationMethod.Mean => MeanWithInterval(x),
            AggregationMethod.Median => MedianWithInterval(x),
            AggregationMethod.TrimmedMean => TrimmedMean(x),
            AggregationMethod.GeometricMean => GeometricMean(x),
            AggregationMethod.InverseVarianceWeighted => InverseVarianceWeighted(studies),
            AggregationMethod.RangeUnion => Span(studies.Min(s => s.Lower), studies.Max(s => s.Upper)),
            AggregationMethod.RangeIntersection => Span(studies.Max(s => s.Lower), studies.Min(s => s.Upper)),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown aggregation method."),
        };
    }

    /// <summary>Mean ± t(0.975, k − 1)·s/√k.</summary>
    private static CentralValue MeanWithInterval(List<double> x)
    {
        var mean = Statistics.Mean(x);
        if (Statistics.SampleSd(x) is not { } sd)
            return new(mean);
        var half = Statistics.T975Quantile(x.Count - 1) * sd / Math.Sqrt(x.Count);
        return new(mean, CiLow: mean - half, CiHigh: mean + half);
    }

    private static CentralValue MedianWithInterval(List<double> x)
    {
        var interval = Statistics.MedianInterval(x);
        return new(Statistics.Median(x), CiLow: interval?.Low, CiHigh: interval?.High);
    }

    /// <summary>20% trimmed mean; interval from the winsorised SD (Tukey &amp; McLaughlin):
    /// se = s_w / ((1 − 2γ)√k), df = k − 2g − 1.</summary>
    private static CentralValue TrimmedMean(List<double> x)
    {
        var sorted = x.Order().ToArray();
        var g = (int)Math.Floor(TrimProportion * sorted.Length);
        var kept = sorted[g..(sorted.Length - g)];
        var value = kept.Average();
        if (kept.Length < 2)
            return new(value);
        var winsorised = sorted.Select(v => Math.Clamp(v, kept[0], kept[^1])).ToList();
        var se = Statistics.SampleSd(winsorised)!.Value / ((1 - 2 * TrimProportion) * Math.Sqrt(sorted.Length));
        var half = Statistics.T975Quantile(kept.Length - 1) * se;
        return new(value, CiLow: value - half, CiHigh: value + half);
    }

    /// <summary>exp(mean ln x), interval exp(mean ln x ± t·s_ln/√k): for log-normal quantities such as rates.</summary>
    private static CentralValue GeometricMean(List<double> x)
    {
        if (x.Any(v => v <= 0))
            return new(null, Note: "The geometric mean needs every value above zero.");
        var logs = x.Select(v => Math.Log(v)).ToList();
        var fit = MeanWithInterval(logs);
        return new(Math.Exp(fit.Value!.Value),
            CiLow: fit.CiLow is { } lo ? Math.Exp(lo) : null,
            CiHigh: fit.CiHigh is { } hi ? Math.Exp(hi) : null);
    }

    /// <summary>Σ wᵢxᵢ / Σ wᵢ with wᵢ = 1/SEᵢ², interval ± 1.96/√Σwᵢ. Studies without an SE
    /// (SEM, or SD with n) cannot be weighted and are left out, which the note says.</summary>
    private static CentralValue InverseVarianceWeighted(List<Study> studies)
    {
        var weighted = studies.Where(s => s.StandardError.HasValue).ToList();
        var missing = studies.Count - weighted.Count;
        if (weighted.Count == 0)
            return new(null, Note: "Inverse-variance weighting needs SEM, or SD with n, on the entries.");
        var weights = weighted.Select(s => 1 / (s.StandardError!.Value * s.StandardError.Value)).ToList();
        var sum = weights.Sum();
        var value = weighted.Select((s, i) => weights[i] * s.Point).Sum() / sum;
        var half = Statistics.Z975 / Math.Sqrt(sum);
        var note = missing == 0 ? null : $"{missing} of {studies.Count} references had no SEM (or SD with n) and were left out.";
        return new(value, CiLow: value - half, CiHigh: value + half, Note: note);
    }

    private static CentralValue Span(double low, double high) =>
        low <= high
            ? new((low + high) / 2, low, high)
            : new(null, Note: "The ranges do not overlap: the intersection is empty.");

    private static Guid[] Outliers(List<AggregationInput> included)
    {
        if (included.Count < 3)
            return [];
        var points = included.Select(e => e.Point).ToList();
        var median = Statistics.Median(points);
        var mad = Statistics.Median(points.Select(p => Math.Abs(p - median)).ToList());
        if (mad == 0)
            return [];
        return included.Where(e => Math.Abs(e.Point - median) / (MadScale * mad) > OutlierThreshold).Select(e => e.EntryId).ToArray();
    }
}

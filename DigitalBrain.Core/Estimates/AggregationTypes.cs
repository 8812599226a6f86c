namespace DigitalBrain.Core.Estimates;

/// <summary>One entry as aggregation sees it: a value or a range, its spread, its reference.</summary>
public sealed record AggregationInput(
    Guid EntryId, Guid ReferenceId, double? Value, double? Min = null, double? Max = null,
    double? Sd = null, double? Sem = null, int? N = null, bool Excluded = false)
{
    /// <summary>The point a range stands for: its midpoint.</summary>
    public double Point => Value ?? (Min!.Value + Max!.Value) / 2;
    public double Lower => Value ?? Min!.Value;
    public double Upper => Value ?? Max!.Value;

    /// <summary>Standard error: the SEM, else SD/√n; null when neither is known or it is not positive.</summary>
    public double? StandardError
    {
        get
        {
            var se = Sem ?? (Sd is { } sd && N is { } n ? sd / Math.Sqrt(n) : null);
            return se > 0 ? se : null;
        }
    }
}

/// <summary>What <see cref="Aggregator"/> computes for one (target, parameter).</summary>
public sealed record AggregationResult(
    AggregationMethod Method,
    double? Value,
    double? RangeMin,
    double? RangeMax,
    int EntryCount,
    int ReferenceCount,
    double? Sd,
    double? Min,
    double? Max,
    double? CiLow,
    double? CiHigh,
    IReadOnlyList<Guid> EntryIds,
    IReadOnlyList<Guid> OutlierEntryIds,
    string? Note);

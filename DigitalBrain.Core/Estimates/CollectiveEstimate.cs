namespace DigitalBrain.Core.Estimates;

public enum AggregationMethod
{
    Mean = 1,
    Median = 2,
    TrimmedMean = 3,
    GeometricMean = 4,
    InverseVarianceWeighted = 5,
    RangeUnion = 6,
    RangeIntersection = 7,
}

/// <summary>The aggregate of all non-excluded entries for one (target, parameter), recomputed in
/// the transaction of every entry change. A pinned value, when set, overrides the computed one.</summary>
public sealed class CollectiveEstimate
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public Guid? RegionId { get; set; }
    public Guid? PopulationId { get; set; }
    public Guid? ProjectionId { get; set; }
    public int ParameterDefinitionId { get; set; }
    public AggregationMethod Method { get; set; } = AggregationMethod.Mean;
    public double? Value { get; set; }
    public double? RangeMin { get; set; }
    public double? RangeMax { get; set; }
    public int EntryCount { get; set; }
    public int ReferenceCount { get; set; }
    public double? Sd { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double? CiLow { get; set; }
    public double? CiHigh { get; set; }
    public Guid[] EntryIds { get; set; } = [];
    public Guid[] OutlierEntryIds { get; set; } = [];
    /// <summary>Why the method gave no value or what it left out, in words for the UI.</summary>
    public string? Note { get; set; }
    public string? MethodChosenById { get; set; }
    public DateTimeOffset? MethodChosenAt { get; set; }
    public double? PinnedValue { get; set; }
    public string? PinReason { get; set; }
    public string? PinnedById { get; set; }
    public DateTimeOffset? PinnedAt { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The value the model uses: the pin if there is one, else the computed value.</summary>
    public double? EffectiveValue => PinnedValue ?? Value;
}

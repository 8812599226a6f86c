using DigitalBrain.Core.Estimates;

namespace DigitalBrain.Web.Components.Curation;

/// <summary>The aggregation methods as curators read them, in the order the method menu offers them.</summary>
public static class AggregationNames
{
    public static readonly AggregationMethod[] Offered =
    [
        AggregationMethod.Mean, AggregationMethod.Median, AggregationMethod.TrimmedMean,
        AggregationMethod.GeometricMean, AggregationMethod.InverseVarianceWeighted,
        AggregationMethod.RangeUnion, AggregationMethod.RangeIntersection,
    ];

    public static string Of(AggregationMethod m) => m switch
    {
        AggregationMethod.Mean => "arithmetic mean",
        AggregationMethod.Median => "median",
        AggregationMethod.TrimmedMean => "trimmed mean",
        AggregationMethod.GeometricMean => "geometric mean",
        AggregationMethod.InverseVarianceWeighted => "inverse-variance weighted",
        AggregationMethod.RangeUnion => "range union",
        AggregationMethod.RangeIntersection => "range intersection",
        _ => m.ToString(),
    };
}

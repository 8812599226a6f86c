using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;

namespace DigitalBrain.Tests.Components.Curation;

/// <summary>Entries and estimates as the services would return them, for rendering tests.</summary>
internal static class CurationViews
{
    public static readonly Guid ModelId = Guid.NewGuid();
    public static readonly EstimateTarget Target = EstimateTarget.ForPopulation(Guid.NewGuid());

    public static EntryView Entry(double? value, string author = "u1", string doi = "10.1093/cercor/bhs358",
        double? min = null, double? max = null, double? sd = null, int? n = null, string unit = "mV") =>
        new(Guid.NewGuid(), ModelId, Target, "psp_amplitude", unit, value, min, max, sd, null, n,
            new ReferenceView(Guid.NewGuid(), doi, null, "Potjans & Diesmann 2014"), SetAs.Fixed, "rat", "patch", "",
            author, author + " name", new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
            ReviewState.Unreviewed, null, 1);

    public static EstimateView Estimate(IReadOnlyList<EntryView> entries, double value, double? sd, double? ciLow, double? ciHigh, params Guid[] outliers) =>
        new(Guid.NewGuid(), ModelId, Target, "psp_amplitude", "PSP amplitude", "mV", AggregationMethod.Mean, value, value, null, null,
            entries.Count, entries.Count, sd, entries.Min(e => e.Value), entries.Max(e => e.Value), ciLow, ciHigh,
            entries.Select(e => e.Id).ToList(), outliers, null, null, null, null, null, DateTimeOffset.UnixEpoch);
}

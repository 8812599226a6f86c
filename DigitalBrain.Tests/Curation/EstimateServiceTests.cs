using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Curation;

public sealed class EstimateServiceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Owner_chooses_the_method_and_the_estimate_is_recomputed_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        double[] rates = [1, 2, 4, 8, 1000];
        var added = new List<EntryView>();
        for (var i = 0; i < rates.Length; i++)
            added.Add(await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("firing_rate", rates[i], $"10.1000/r.{i}"), ct));

        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Estimates.SetMethodAsync(bed.Curator, bed.ModelId, bed.Population, "firing_rate", AggregationMethod.Median, ct));
        var median = await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Population, "firing_rate", AggregationMethod.Median, ct);
        var geometric = await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Population, "firing_rate", AggregationMethod.GeometricMean, ct);

        Assert.Equal(4, median.Value);
        Assert.Equal(Math.Pow(1 * 2 * 4 * 8 * 1000, 0.2), geometric.Value!.Value, 9);
        // A later entry is aggregated with the chosen method, not the default.
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("firing_rate", 16, "10.1000/r.5"), ct);
        var current = Assert.Single(await bed.Estimates.ListForTargetAsync(bed.Viewer, bed.ModelId, bed.Population, ct));
        Assert.Equal(AggregationMethod.GeometricMean, current.Method);
        Assert.Equal(Math.Pow(1 * 2 * 4 * 8 * 1000 * 16, 1.0 / 6), current.Value!.Value, 9);
        // median 4, MAD 3 before the sixth entry; 1000 is flagged either way.
        Assert.Equal([added[^1].Id], current.OutlierEntryIds);
    }

    [Fact]
    public async Task Owner_pins_a_value_with_a_reason_and_can_unpin()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Projection, CurationTestBed.Input("connection_probability", 0.1), ct);

        var noReason = await Assert.ThrowsAsync<ValidationException>(() => bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Projection, "connection_probability", 0.2, " ", ct));
        var outOfRange = await Assert.ThrowsAsync<ValidationException>(() => bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Projection, "connection_probability", 2, "why not", ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Estimates.PinAsync(bed.Curator, bed.ModelId, bed.Projection, "connection_probability", 0.2, "x", ct));
        var pinned = await bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Projection, "connection_probability", 0.2, "Matches our own paired recordings.", ct);

        Assert.Equal(("reason", "required"), (noReason.Errors.Single().Field, noReason.Errors.Single().Rule));
        Assert.Equal(("value", "range"), (outOfRange.Errors.Single().Field, outOfRange.Errors.Single().Rule));
        Assert.Equal((0.1, 0.2), (pinned.Value!.Value, pinned.EffectiveValue!.Value));
        Assert.Equal(("owner", "Matches our own paired recordings."), (pinned.PinnedById, pinned.PinReason));
        // The pin survives new entries; the computed value keeps moving underneath it.
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Projection, CurationTestBed.Input("connection_probability", 0.3, "10.1000/other"), ct);
        var after = Assert.Single(await bed.Estimates.ListForTargetAsync(bed.Viewer, bed.ModelId, bed.Projection, ct));
        Assert.Equal((0.2, 0.2), (after.Value!.Value, after.EffectiveValue!.Value));
        var unpinned = await bed.Estimates.UnpinAsync(bed.Owner, bed.ModelId, bed.Projection, "connection_probability", ct);
        Assert.Equal((0.2, null), (unpinned.EffectiveValue!.Value, unpinned.PinReason));
    }

    [Fact]
    public async Task Range_entries_aggregate_by_union_and_intersection()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Projection, new EntryInput { ParameterKey = "delay", Min = 1, Max = 3, Doi = "10.1000/a", SetAs = SetAs.Range }, ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Projection, new EntryInput { ParameterKey = "delay", Min = 2, Max = 5, Doi = "10.1000/b", SetAs = SetAs.Range }, ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Projection, new EntryInput { ParameterKey = "delay", Value = 40, Doi = "10.1000/c", SetAs = SetAs.Excluded }, ct);

        var union = await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Projection, "delay", AggregationMethod.RangeUnion, ct);
        var intersection = await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Projection, "delay", AggregationMethod.RangeIntersection, ct);

        Assert.Equal((1.0, 5.0), (union.RangeMin!.Value, union.RangeMax!.Value));
        Assert.Equal((2.0, 3.0), (intersection.RangeMin!.Value, intersection.RangeMax!.Value));
        Assert.Equal(2, intersection.EntryCount);
    }
}

using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Curation;

public sealed class TargetCurationReaderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task One_read_gives_the_counts_the_latest_entries_in_full_all_as_points_the_estimates_and_the_notes()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await BedWithCapacitancesAsync(6);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10), ct);
        await new NoteService(bed.Factory).AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "from slices", ct);
        var reader = new TargetCurationReader(bed.Factory);

        var page = await reader.ReadAsync(bed.Viewer, bed.ModelId, bed.Population, "c_m", 4, ct);

        Assert.Equal(new Dictionary<string, int> { ["c_m"] = 6, ["tau_m"] = 1 }, page.Counts);
        var (latest, all) = page.Entries;
        Assert.Equal([103.0, 104, 105, 106], latest.Select(e => e.Value!.Value));
        Assert.Equal([101.0, 102, 103, 104, 105, 106], all.Select(p => p.Value!.Value));
        Assert.Equal(latest.Select(e => e.ToPoint()), all.TakeLast(4));
        Assert.Equal([("c_m", 103.5), ("tau_m", 10.0)], page.Estimates.Select(e => (e.ParameterKey, e.Value!.Value)).OrderBy(e => e.ParameterKey));
        Assert.Equal("from slices", Assert.Single(page.Notes).Markdown);
    }

    [Fact]
    public async Task Without_a_limit_every_entry_comes_in_full_and_without_a_parameter_none_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await BedWithCapacitancesAsync(3);
        var reader = new TargetCurationReader(bed.Factory);

        var every = await reader.ReadAsync(bed.Viewer, bed.ModelId, bed.Population, "c_m", null, ct);
        Assert.Equal([101.0, 102, 103], every.Entries.Latest.Select(e => e.Value!.Value));
        Assert.Equal(every.Entries.Latest.Select(e => e.ToPoint()), every.Entries.All);

        var none = await reader.ReadAsync(bed.Viewer, bed.ModelId, bed.Population, null, 25, ct);
        Assert.Empty(none.Entries.Latest);
        Assert.Empty(none.Entries.All);
        Assert.Equal(3, none.Counts["c_m"]);
    }

    [Fact]
    public async Task Someone_outside_the_model_reads_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await BedWithCapacitancesAsync(1);

        await Assert.ThrowsAsync<NotFoundException>(() => new TargetCurationReader(bed.Factory).ReadAsync(bed.Outsider, bed.ModelId, bed.Population, "c_m", 25, ct));
    }

    /// <summary>A test bed whose population has <paramref name="count"/> c_m entries, 101, 102, … in that order.</summary>
    private async Task<CurationTestBed> BedWithCapacitancesAsync(int count)
    {
        var bed = await CurationTestBed.CreateAsync(postgres);
        for (var i = 1; i <= count; i++)
            await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 100 + i), TestContext.Current.CancellationToken);
        return bed;
    }
}

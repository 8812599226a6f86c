using System.Text.Json;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Curation;

public sealed class EntryServiceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Adding_entries_keeps_the_estimate_current_and_audits_each_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        double[] extents = [500, 876.83, 893.44, 594.49, 430.6, 426.1, 396.1];

        for (var i = 0; i < extents.Length; i++)
            await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("dendrite_extent_basal", extents[i], $"10.1000/paper.{i}"), ct);

        var estimate = Assert.Single(await bed.Estimates.ListForTargetAsync(bed.Viewer, bed.ModelId, bed.Population, ct));
        Assert.Equal(588.22, estimate.Value!.Value, 2);
        Assert.Equal((7, 7), (estimate.EntryCount, estimate.ReferenceCount));
        Assert.Equal(AggregationMethod.Mean, estimate.Method);
        var counts = await bed.CountsAsync();
        Assert.Equal((7, 7, 1, 7), counts);
    }

    [Fact]
    public async Task Edit_and_delete_recompute_and_leave_before_and_after_in_the_audit()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var first = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10, "10.1000/a"), ct);
        var second = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 20, "10.1000/b"), ct);

        var edited = await bed.Entries.UpdateAsync(bed.Curator, first.Id, first.Version, CurationTestBed.Input("tau_m", 30, "10.1000/a"), ct);
        Assert.Equal(25, Assert.Single(await bed.Estimates.ListForTargetAsync(bed.Curator, bed.ModelId, bed.Population, ct)).Value);
        await bed.Entries.DeleteAsync(bed.Curator, second.Id, second.Version, ct);
        Assert.Equal(30, Assert.Single(await bed.Estimates.ListForTargetAsync(bed.Curator, bed.ModelId, bed.Population, ct)).Value);

        Assert.NotEqual(first.Version, edited.Version);
        var history = await bed.Entries.HistoryAsync(bed.Viewer, bed.ModelId, first.Id, ct);
        Assert.Equal([AuditAction.Added, AuditAction.Edited], history.Select(h => h.Action));
        Assert.Equal(10, JsonDocument.Parse(history[1].BeforeJson!).RootElement.GetProperty("value").GetDouble());
        Assert.Equal(30, JsonDocument.Parse(history[1].AfterJson!).RootElement.GetProperty("value").GetDouble());
        var deleted = Assert.Single(await bed.Entries.HistoryAsync(bed.Viewer, bed.ModelId, second.Id, ct), h => h.Action == AuditAction.Deleted);
        Assert.Equal("curator", deleted.UserId);
        Assert.Null(deleted.AfterJson);
    }

    [Fact]
    public async Task Concurrent_edits_from_two_contexts_one_wins_and_the_other_gets_the_current_value()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var entry = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 250), ct);

        // Two services over two factories: two independent contexts and connections, both editing the version they read.
        var a = new EntryService(PostgresFixture.CreateFactory(bed.ConnectionString));
        var b = new EntryService(PostgresFixture.CreateFactory(bed.ConnectionString));
        var results = await Task.WhenAll(
            Capture(() => a.UpdateAsync(bed.Curator, entry.Id, entry.Version, CurationTestBed.Input("c_m", 200), ct)),
            Capture(() => b.UpdateAsync(bed.Curator, entry.Id, entry.Version, CurationTestBed.Input("c_m", 300), ct)));

        var winner = Assert.Single(results, r => r.View is not null).View!;
        var conflict = Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, r => r.Error is not null).Error);
        Assert.Equal(winner.Value, conflict.Current!.Value);
        Assert.Equal(winner.Version, conflict.Current.Version);
        Assert.Contains(winner.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), conflict.Message);
        Assert.Equal(winner.Value, (await bed.Entries.GetAsync(bed.Viewer, entry.Id, ct)).Value);
        Assert.Equal(winner.Value, Assert.Single(await bed.Estimates.ListForTargetAsync(bed.Owner, bed.ModelId, bed.Population, ct)).Value);
    }

    [Fact]
    public async Task A_stale_version_is_rejected_and_nothing_is_overwritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var entry = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 250), ct);
        await bed.Entries.UpdateAsync(bed.Curator, entry.Id, entry.Version, CurationTestBed.Input("c_m", 260), ct);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            bed.Entries.UpdateAsync(bed.Curator, entry.Id, entry.Version, CurationTestBed.Input("c_m", 999), ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => bed.Entries.DeleteAsync(bed.Curator, entry.Id, entry.Version, ct));

        Assert.Equal(260, conflict.Current!.Value);
        Assert.Equal(260, (await bed.Entries.GetAsync(bed.Curator, entry.Id, ct)).Value);
        Assert.Equal(2, (await bed.CountsAsync()).Audits);
    }

    [Fact]
    public async Task Fifty_concurrent_writers_on_one_parameter_lose_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        const int writers = 50;
        // One write first, on another parameter: warms EF's query cache as a running server would be,
        // and shows that the 50 writers leave other estimates alone.
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10), ct);

        // Each writer its own service and context (configured as in the web app), all released at once.
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, writers).Select(async i =>
        {
            await start.Task;
            var service = new EntryService(bed.Factory);
            return await service.AddAsync(i % 2 == 0 ? bed.Curator : bed.OtherCurator, bed.ModelId, bed.Population,
                CurationTestBed.Input("firing_rate", 1 + i * 0.25, $"10.1000/rate.{i % 7}"), ct);
        }).ToList();
        start.SetResult();
        var added = await Task.WhenAll(tasks);

        var estimates = await bed.Estimates.ListForTargetAsync(bed.Owner, bed.ModelId, bed.Population, ct);
        var estimate = Assert.Single(estimates, e => e.ParameterKey == "firing_rate");
        Assert.Equal(10, Assert.Single(estimates, e => e.ParameterKey == "tau_m").Value);
        var scratch = await bed.RecomputeFromScratchAsync(bed.Population, "firing_rate", AggregationMethod.Mean);
        Assert.Equal(writers, added.Select(e => e.Id).Distinct().Count());
        Assert.Equal(writers, estimate.EntryCount);
        Assert.Equal(7, estimate.ReferenceCount);
        Assert.Equal(scratch.Value!.Value, estimate.Value!.Value, 12);
        Assert.Equal(scratch.Sd!.Value, estimate.Sd!.Value, 12);
        Assert.Equal(added.Select(e => e.Id).Order(), estimate.EntryIds.Order());
        Assert.Equal((writers + 1, writers + 1, 2, 8), await bed.CountsAsync());
    }

    [Fact]
    public async Task Roles_viewer_cannot_add_curator_cannot_touch_anothers_entry_outsider_sees_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var entry = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 250), ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Entries.AddAsync(bed.Viewer, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 1), ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Entries.UpdateAsync(bed.OtherCurator, entry.Id, entry.Version, CurationTestBed.Input("c_m", 1), ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Entries.DeleteAsync(bed.OtherCurator, entry.Id, entry.Version, ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Entries.ReviewAsync(bed.Curator, entry.Id, entry.Version, ReviewState.Reviewed, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Entries.ListAsync(bed.Outsider, bed.ModelId, ct: ct));
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Entries.GetAsync(bed.Outsider, entry.Id, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Estimates.ListForModelAsync(bed.Outsider, bed.ModelId, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Structure.GetAsync(bed.Outsider, bed.ModelId, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Models.GetAsync(bed.Outsider, bed.ModelId, ct));
        Assert.DoesNotContain(await bed.Models.ListAsync(bed.Outsider, ct), m => m.Id == bed.ModelId);

        // What the roles do allow: the viewer reads, the owner reviews, the admin edits anyone's entry.
        Assert.Single(await bed.Entries.ListAsync(bed.Viewer, bed.ModelId, ct: ct));
        var reviewed = await bed.Entries.ReviewAsync(bed.Owner, entry.Id, entry.Version, ReviewState.Disputed, ct);
        Assert.Equal(ReviewState.Disputed, reviewed.ReviewState);
        var byAdmin = await bed.Entries.UpdateAsync(bed.Admin, entry.Id, reviewed.Version, CurationTestBed.Input("c_m", 251), ct);
        Assert.Equal(251, byAdmin.Value);
        Assert.Equal((1, 3, 1, 1), await bed.CountsAsync());
    }

    [Fact]
    public async Task One_reference_row_per_doi_whatever_its_spelling()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);

        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 250, "10.1093/cercor/bhs358"), ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10, "https://doi.org/10.1093/CERCOR/BHS358"), ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("e_l", -65, "doi:10.1093/cercor/bhs358 "), ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population,
            new EntryInput { ParameterKey = "v_th", Value = -50, Citation = "Some  unpublished   data" }, ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population,
            new EntryInput { ParameterKey = "v_reset", Value = -65, Citation = "some unpublished data" }, ct);

        await using var db = await bed.Factory.CreateDbContextAsync(ct);
        var references = await db.References.OrderBy(r => r.Doi).ToListAsync(ct);
        Assert.Equal(2, references.Count);
        Assert.Equal("10.1093/cercor/bhs358", references[0].Doi);
        Assert.Equal(5, await db.Entries.CountAsync(ct));
    }

    private static async Task<(EntryView? View, Exception? Error)> Capture(Func<Task<EntryView>> action)
    {
        try
        {
            return (await action(), null);
        }
        catch (ConcurrencyConflictException ex)
        {
            return (null, ex);
        }
    }
}

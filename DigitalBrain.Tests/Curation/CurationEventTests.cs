using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Core.Validation;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Curation;

/// <summary>Issue 7 point 2 (Activity): every pin, unpin, method choice and note change leaves an
/// append-only <see cref="CurationEvent"/> written in the change's own transaction.</summary>
public sealed class CurationEventTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Pin_repin_and_unpin_give_three_events_with_old_and_new_values()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10), ct);

        await bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 11, "lab consensus", ct);
        await bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 12.5, " newer paired recordings ", ct);
        await bed.Estimates.UnpinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", ct);
        // Unpinning what is no longer pinned changes nothing and records nothing.
        await bed.Estimates.UnpinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", ct);

        var events = await EventsAsync(bed);
        Assert.Equal(
            [(ActivityAction.ValuePinned, (double?)null, (double?)11, (string?)null, (string?)"lab consensus"),
             (ActivityAction.ValuePinned, 11, 12.5, "lab consensus", "newer paired recordings"),
             (ActivityAction.ValueUnpinned, 12.5, null, "newer paired recordings", null)],
            events.Select(e => (e.Action, e.OldValue, e.NewValue, e.OldText, e.NewText)));
        var estimateId = (await bed.Estimates.ListForTargetAsync(bed.Owner, bed.ModelId, bed.Population, ct)).Single(e => e.ParameterKey == "tau_m").Id;
        Assert.All(events, e => Assert.Equal(("owner", estimateId, bed.PopulationId, bed.ModelId), (e.UserId, e.SubjectId, e.PopulationId, e.ModelId)));
        Assert.True(events[0].At < events[1].At && events[1].At < events[2].At);
    }

    [Fact]
    public async Task Every_method_choice_is_recorded_with_the_method_it_replaced()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);

        await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Projection, "connection_probability", AggregationMethod.Median, ct);
        await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Projection, "connection_probability", AggregationMethod.TrimmedMean, ct);

        var events = await EventsAsync(bed);
        Assert.Equal(
            [(ActivityAction.MethodChosen, (string?)"Mean", (string?)"Median"), (ActivityAction.MethodChosen, "Median", "TrimmedMean")],
            events.Select(e => (e.Action, e.OldText, e.NewText)));
        Assert.All(events, e => Assert.Equal(bed.ProjectionId, e.ProjectionId));
    }

    [Fact]
    public async Task Note_post_edit_and_delete_are_recorded_and_the_deleted_text_is_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var notes = new NoteService(bed.Factory);

        var note = await notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "first *draft*", ct);
        await notes.EditAsync(bed.Curator, note.Id, "second draft", ct);
        // Moderation: the owner deletes the curator's note.
        await notes.DeleteAsync(bed.Owner, note.Id, ct);

        var events = await EventsAsync(bed);
        Assert.Equal(
            [(ActivityAction.NotePosted, "curator", (string?)null, (string?)"first *draft*"),
             (ActivityAction.NoteEdited, "curator", "first *draft*", "second draft"),
             (ActivityAction.NoteDeleted, "owner", "second draft", null)],
            events.Select(e => (e.Action, e.UserId, e.OldText, e.NewText)));
        Assert.All(events, e => Assert.Equal(note.Id, e.SubjectId));
        Assert.Empty(await notes.ListAsync(bed.Viewer, bed.ModelId, bed.Population, ct: ct));
    }

    [Fact]
    public async Task A_refused_or_invalid_change_writes_no_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var notes = new NoteService(bed.Factory);
        var note = await notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "kept", ct);
        var before = (await EventsAsync(bed)).Count;

        await Assert.ThrowsAsync<ValidationException>(() => bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", double.NaN, "why", ct));
        await Assert.ThrowsAsync<ValidationException>(() => bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 11, "  ", ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Estimates.PinAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", 11, "why", ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Estimates.SetMethodAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", AggregationMethod.Median, ct));
        await Assert.ThrowsAsync<ValidationException>(() => bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", (AggregationMethod)99, ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => notes.EditAsync(bed.OtherCurator, note.Id, "not mine", ct));
        await Assert.ThrowsAsync<ValidationException>(() => notes.EditAsync(bed.Curator, note.Id, " ", ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => notes.DeleteAsync(bed.OtherCurator, note.Id, ct));
        await Assert.ThrowsAsync<ValidationException>(() => notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "", ct));

        Assert.Equal(1, before);
        Assert.Equal(before, (await EventsAsync(bed)).Count);
        // A change that fails after its event was staged (here: the database refuses the pin) rolls the event back with it.
        await using (var db = await bed.Factory.CreateDbContextAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync("""
                ALTER TABLE "CollectiveEstimates" ADD CONSTRAINT "CK_Test_NoPin" CHECK ("PinnedValue" IS NULL)
                """, ct);
        }
        await Assert.ThrowsAsync<DbUpdateException>(() => bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 11, "why", ct));
        Assert.Equal(before, (await EventsAsync(bed)).Count);
    }

    private static async Task<List<CurationEvent>> EventsAsync(CurationTestBed bed)
    {
        await using var db = await bed.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.CurationEvents.AsNoTracking().Where(e => e.ModelId == bed.ModelId).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}

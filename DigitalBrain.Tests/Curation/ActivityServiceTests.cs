using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Curation;

public sealed class ActivityServiceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_log_lists_entry_changes_notes_pins_and_method_choices_newest_first_with_filters_and_paging()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var activity = new ActivityService(bed.Factory);
        var a = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10, "10.1000/a"), ct);
        await bed.Entries.UpdateAsync(bed.Curator, a.Id, a.Version, CurationTestBed.Input("tau_m", 12, "10.1000/a"), ct);
        var b = await bed.Entries.AddAsync(bed.OtherCurator, bed.ModelId, bed.Projection, CurationTestBed.Input("connection_probability", 0.1, "10.1000/b"), ct);
        await bed.Entries.DeleteAsync(bed.OtherCurator, b.Id, b.Version, ct);
        await new NoteService(bed.Factory).AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "why 12", ct);
        await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", AggregationMethod.Median, ct);
        await bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 11, "consensus", ct);

        var all = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(), 0, 50, ct);
        Assert.Equal(7, all.Total);
        Assert.Equal(
            [ActivityAction.ValuePinned, ActivityAction.MethodChosen, ActivityAction.NotePosted, ActivityAction.EntryDeleted,
             ActivityAction.EntryAdded, ActivityAction.EntryEdited, ActivityAction.EntryAdded],
            all.Items.Select(i => i.Action));
        Assert.True(all.Items.Zip(all.Items.Skip(1)).All(p => p.First.At >= p.Second.At));
        var deleted = all.Items[3];
        Assert.Equal(("curator2", "connection_probability", "L23E → L23I"), (deleted.UserName, deleted.ParameterKey, deleted.TargetName));
        Assert.Equal(bed.Projection, deleted.Target);

        var byUser = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(UserId: "curator"), 0, 50, ct);
        Assert.Equal(3, byUser.Total);
        var byParameter = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(ParameterKey: "connection_probability"), 0, 50, ct);
        Assert.Equal([ActivityAction.EntryDeleted, ActivityAction.EntryAdded], byParameter.Items.Select(i => i.Action));
        var byAction = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(Action: ActivityAction.EntryAdded), 0, 50, ct);
        Assert.Equal(2, byAction.Total);
        var future = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(From: DateTimeOffset.UtcNow.AddMinutes(1)), 0, 50, ct);
        Assert.Equal(0, future.Total);
        var past = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(To: DateTimeOffset.UtcNow.AddMinutes(1)), 0, 50, ct);
        Assert.Equal(7, past.Total);

        var second = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(), 2, 2, ct);
        Assert.Equal((7, 2), (second.Total, second.Items.Count));
        Assert.Equal(all.Items.Skip(2).Take(2).Select(i => (i.Action, i.At)), second.Items.Select(i => (i.Action, i.At)));

        Assert.Equal(["curator", "curator2", "owner"], (await activity.ActorsAsync(bed.Viewer, bed.ModelId, ct)).Select(u => u.Name));
        await Assert.ThrowsAsync<NotFoundException>(() => activity.ListAsync(bed.Outsider, bed.ModelId, new ActivityFilter(), 0, 10, ct));
    }

    [Fact]
    public async Task The_log_keeps_repins_unpins_note_edits_and_deletes_with_old_and_new_values()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var activity = new ActivityService(bed.Factory);
        var notes = new NoteService(bed.Factory);
        var entry = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10, "10.1000/a"), ct);
        await bed.Entries.UpdateAsync(bed.Curator, entry.Id, entry.Version, CurationTestBed.Input("tau_m", 12, "10.1000/a"), ct);
        var note = await notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "draft", ct);
        await notes.EditAsync(bed.Curator, note.Id, "final", ct);
        await notes.DeleteAsync(bed.Curator, note.Id, ct);
        await bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 11, "consensus", ct);
        await bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 13, "new data", ct);
        await bed.Estimates.UnpinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", ct);
        await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", AggregationMethod.Median, ct);
        await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", AggregationMethod.Mean, ct);

        var all = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(), 0, 50, ct);
        Assert.Equal(
            [(ActivityAction.MethodChosen, (double?)null, (double?)null, (string?)"Median", (string?)"Mean"),
             (ActivityAction.MethodChosen, null, null, "Mean", "Median"),
             (ActivityAction.ValueUnpinned, 13, null, "new data", null),
             (ActivityAction.ValuePinned, 11, 13, "consensus", "new data"),
             (ActivityAction.ValuePinned, null, 11, null, "consensus"),
             (ActivityAction.NoteDeleted, null, null, "final", null),
             (ActivityAction.NoteEdited, null, null, "draft", "final"),
             (ActivityAction.NotePosted, null, null, null, "draft"),
             (ActivityAction.EntryEdited, 10, 12, null, null),
             (ActivityAction.EntryAdded, null, 10, null, null)],
            all.Items.Select(i => (i.Action, i.OldValue, i.NewValue, i.OldText, i.NewText)));
        Assert.All(all.Items, i => Assert.Equal(("tau_m", "ms", "L23E", bed.Population), (i.ParameterKey, i.Unit, i.TargetName, i.Target)));

        var deletes = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(Action: ActivityAction.NoteDeleted), 0, 50, ct);
        Assert.Equal((1, note.Id), (deletes.Total, deletes.Items.Single().SubjectId));
        var owner = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(UserId: "owner", Action: ActivityAction.ValuePinned), 0, 1, ct);
        Assert.Equal((2, 13.0), (owner.Total, owner.Items.Single().NewValue));
        var page = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(UserId: "owner"), 3, 2, ct);
        Assert.Equal(5, page.Total);
        Assert.Equal([ActivityAction.ValuePinned, ActivityAction.ValuePinned], page.Items.Select(i => i.Action));
        var before = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(To: all.Items[4].At), 0, 50, ct);
        Assert.Equal(all.Items.Skip(5).Select(i => i.Action), before.Items.Select(i => i.Action));

        // The history outlives the target it describes.
        await bed.Structure.DeletePopulationAsync(bed.Owner, bed.ModelId, bed.PopulationId, ct);
        var orphaned = await activity.ListAsync(bed.Viewer, bed.ModelId, new ActivityFilter(), 0, 50, ct);
        Assert.True(orphaned.Total >= all.Total);
        Assert.All(orphaned.Items.Where(i => i.Target == bed.Population), i => Assert.Equal("", i.TargetName));
    }
}

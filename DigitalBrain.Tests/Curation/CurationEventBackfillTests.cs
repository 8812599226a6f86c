using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Notes;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalBrain.Tests.Curation;

/// <summary>A database curated before the history table existed keeps its activity: the migration
/// that adds <see cref="CurationEvent"/>s writes one for every note as posted and for each
/// estimate's latest pin and method choice (all the earlier schema kept).</summary>
public sealed class CurationEventBackfillTests(PostgresFixture postgres)
{
    private const string SchemaBeforeHistory = "20261124210429_NotesAndActivity";

    [Fact]
    public async Task Migrating_an_older_database_backfills_notes_pins_and_method_choices()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10), ct);
        var note = await new NoteService(bed.Factory).AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "from *Smith 2001*", ct);
        await bed.Estimates.PinAsync(bed.Owner, bed.ModelId, bed.Population, "tau_m", 11, "lab consensus", ct);
        await bed.Estimates.SetMethodAsync(bed.Owner, bed.ModelId, bed.Projection, "connection_probability", AggregationMethod.Median, ct);

        await using (var db = await bed.Factory.CreateDbContextAsync(ct))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(SchemaBeforeHistory, ct); // drops the history, as an older database never had it
            await migrator.MigrateAsync(null, ct);
        }

        await using var read = await bed.Factory.CreateDbContextAsync(ct);
        var events = await read.CurationEvents.AsNoTracking().Where(e => e.ModelId == bed.ModelId).OrderBy(e => e.Action).ToListAsync(ct);
        Assert.Equal(
            [(ActivityAction.NotePosted, "curator", (double?)null, (string?)"from *Smith 2001*", bed.PopulationId, (Guid?)null),
             (ActivityAction.ValuePinned, "owner", 11, "lab consensus", bed.PopulationId, null),
             (ActivityAction.MethodChosen, "owner", null, "Median", null, bed.ProjectionId)],
            events.Select(e => (e.Action, e.UserId, e.NewValue, e.NewText, e.PopulationId, e.ProjectionId)));
        Assert.Equal(note.Id, events[0].SubjectId);
    }
}

using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Core.Validation;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Curation;

public sealed class NoteServiceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Curators_post_viewers_read_authors_edit_and_owners_moderate()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var notes = new NoteService(bed.Factory);

        var first = await notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "Slice data at **32 °C**", ct);
        await notes.AddAsync(bed.OtherCurator, bed.ModelId, bed.Population, "tau_m", "In vivo it is shorter.", ct);
        await notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "c_m", "Other parameter", ct);

        var thread = await notes.ListAsync(bed.Viewer, bed.ModelId, bed.Population, "tau_m", ct);
        Assert.Equal(["Slice data at **32 °C**", "In vivo it is shorter."], thread.Select(n => n.Markdown));
        Assert.Equal(["curator", "curator2"], thread.Select(n => n.AuthorName));
        Assert.Equal(3, (await notes.ListAsync(bed.Viewer, bed.ModelId, bed.Population, null, ct)).Count);

        await Assert.ThrowsAsync<AccessDeniedException>(() => notes.AddAsync(bed.Viewer, bed.ModelId, bed.Population, "tau_m", "viewer", ct));
        await Assert.ThrowsAsync<NotFoundException>(() => notes.ListAsync(bed.Outsider, bed.ModelId, bed.Population, "tau_m", ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => notes.EditAsync(bed.OtherCurator, first.Id, "hijacked", ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => notes.EditAsync(bed.Owner, first.Id, "owners do not edit words", ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => notes.DeleteAsync(bed.OtherCurator, first.Id, ct));

        var edited = await notes.EditAsync(bed.Curator, first.Id, "Slice data at 34 °C", ct);
        Assert.Equal("Slice data at 34 °C", edited.Markdown);
        Assert.NotNull(edited.EditedAt);

        await notes.DeleteAsync(bed.Owner, first.Id, ct);
        Assert.Equal(["In vivo it is shorter."], (await notes.ListAsync(bed.Viewer, bed.ModelId, bed.Population, "tau_m", ct)).Select(n => n.Markdown));
    }

    [Fact]
    public async Task Blank_oversized_or_misplaced_notes_are_refused_by_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var notes = new NoteService(bed.Factory);

        var blank = await Assert.ThrowsAsync<ValidationException>(() => notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", "   ", ct));
        Assert.Equal("required", Assert.Single(blank.Errors).Rule);
        var big = await Assert.ThrowsAsync<ValidationException>(() => notes.AddAsync(bed.Curator, bed.ModelId, bed.Population, "tau_m", new string('x', NoteService.MaxLength + 1), ct));
        Assert.Equal("max-length", Assert.Single(big.Errors).Rule);
        // tau_m applies to populations, not projections.
        var misplaced = await Assert.ThrowsAsync<ValidationException>(() => notes.AddAsync(bed.Curator, bed.ModelId, bed.Projection, "tau_m", "x", ct));
        Assert.Equal("not-in-model", Assert.Single(misplaced.Errors).Rule);
        Assert.Empty(await notes.ListAsync(bed.Curator, bed.ModelId, bed.Population, null, ct));
    }
}

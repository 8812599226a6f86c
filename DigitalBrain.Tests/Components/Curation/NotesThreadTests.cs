using Bunit;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Web.Components.Curation;
using static DigitalBrain.Tests.Components.Curation.CurationViews;

namespace DigitalBrain.Tests.Components.Curation;

public sealed class NotesThreadTests : MudComponentTest
{
    private static NoteView Note(string author, string text, DateTimeOffset? edited = null) =>
        new(Guid.NewGuid(), ModelId, Target, "psp_amplitude", text, author, author + " name",
            new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero), edited);

    [Fact]
    public void Viewers_read_the_rendered_thread_but_get_no_controls()
    {
        var notes = new[] { Note("u1", "Measured at **34 °C**"), Note("u2", "Agreed", new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero)) };

        var cut = RenderInteractive<NotesThread>(p => p.Add(x => x.Notes, notes).Add(x => x.Role, ModelRole.Viewer).Add(x => x.CurrentUserId, "u1"));

        var rendered = cut.FindAll("[data-testid=note]");
        Assert.Equal(2, rendered.Count);
        Assert.Equal("34 °C", rendered[0].QuerySelector("strong")!.TextContent);
        Assert.Contains("u1 name · 2026-11-24 09:30 UTC", rendered[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("edited 2026-11-24 10:00 UTC", rendered[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=note-text]"));
        Assert.Empty(cut.FindAll("[data-testid=edit-note]"));
        Assert.Empty(cut.FindAll("[data-testid=delete-note]"));
    }

    [Fact]
    public void Curators_edit_and_delete_only_their_own_notes_and_owners_delete_any()
    {
        var notes = new[] { Note("u1", "mine"), Note("u2", "theirs") };

        var curator = RenderInteractive<NotesThread>(p => p.Add(x => x.Notes, notes).Add(x => x.Role, ModelRole.Curator).Add(x => x.CurrentUserId, "u1"));
        var rows = curator.FindAll("[data-testid=note]");
        Assert.Single(rows[0].QuerySelectorAll("[data-testid=edit-note]"));
        Assert.Single(rows[0].QuerySelectorAll("[data-testid=delete-note]"));
        Assert.Empty(rows[1].QuerySelectorAll("[data-testid=edit-note]"));
        Assert.Empty(rows[1].QuerySelectorAll("[data-testid=delete-note]"));
        Assert.Single(curator.FindAll("[data-testid=post-note]"));

        var owner = RenderInteractive<NotesThread>(p => p.Add(x => x.Notes, notes).Add(x => x.Role, ModelRole.Owner).Add(x => x.CurrentUserId, "u3"));
        Assert.Equal(2, owner.FindAll("[data-testid=delete-note]").Count);
        Assert.Empty(owner.FindAll("[data-testid=edit-note]"));
    }

    [Fact]
    public void Delete_hands_the_note_to_the_page_and_an_empty_thread_says_so()
    {
        var note = Note("u1", "mine");
        NoteView? deleted = null;
        var cut = RenderInteractive<NotesThread>(p => p.Add(x => x.Notes, [note]).Add(x => x.Role, ModelRole.Curator).Add(x => x.CurrentUserId, "u1")
            .Add(x => x.Delete, (NoteView n) => deleted = n));

        cut.Find("[data-testid=delete-note]").Click();
        Assert.Equal(note.Id, deleted?.Id);

        var empty = RenderInteractive<NotesThread>(p => p.Add(x => x.Notes, []).Add(x => x.Role, ModelRole.Viewer));
        Assert.Equal("No notes yet on this parameter.", empty.Find("[data-testid=notes-empty]").TextContent.Trim());
    }
}

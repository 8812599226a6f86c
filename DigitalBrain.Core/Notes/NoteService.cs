using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Notes;

/// <summary>A note as the UI shows it; <see cref="Markdown"/> is the raw text, never trusted HTML.</summary>
public sealed record NoteView(
    Guid Id, Guid ModelId, EstimateTarget Target, string ParameterKey, string Markdown,
    string AuthorId, string AuthorName, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);

/// <summary>
/// The discussion thread of each (target, parameter). Viewers read, curators post, authors edit
/// and delete their own notes; owners may also delete any note (moderation) but never put words
/// in someone else's mouth by editing. Every change is announced on the target's live topic, so
/// open curation pages refresh as they do for entries, and recorded as a <see cref="CurationEvent"/>.
/// </summary>
public sealed class NoteService(IDbContextFactory<AppDbContext> factory)
{
    public const int MaxLength = 10_000;

    /// <summary>The thread, oldest first; all parameters of the target when <paramref name="parameterKey"/> is null.</summary>
    public async Task<IReadOnlyList<NoteView>> ListAsync(Actor actor, Guid modelId, EstimateTarget target, string? parameterKey = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await ThreadAsync(db, modelId, target, parameterKey, ct);
    }

    internal static async Task<IReadOnlyList<NoteView>> ThreadAsync(AppDbContext db, Guid modelId, EstimateTarget target, string? parameterKey, CancellationToken ct)
    {
        var query = db.Notes.AsNoTracking()
            .Where(n => n.ModelId == modelId && n.RegionId == target.RegionId && n.PopulationId == target.PopulationId && n.ProjectionId == target.ProjectionId);
        if (parameterKey is not null)
        {
            var parameterId = await db.ParameterDefinitions.Where(p => p.Key == parameterKey).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
            query = query.Where(n => n.ParameterDefinitionId == parameterId);
        }
        return await Project(db, query.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)).ToListAsync(ct);
    }

    public Task<NoteView> AddAsync(Actor actor, Guid modelId, EstimateTarget target, string parameterKey, string markdown, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Curator, ct);
            var errors = Validate(markdown);
            var parameter = await db.ParameterDefinitions.AsNoTracking().SingleOrDefaultAsync(p => p.Key == parameterKey, ct);
            if (parameter is null)
                errors.Add(new("parameterKey", "unknown-parameter", $"There is no parameter '{parameterKey}' in the catalogue."));
            else if ((parameter.AppliesTo & target.Kind) == 0 || !await EntryService.TargetBelongsToModelAsync(db, modelId, target, ct))
                errors.Add(new("target", "not-in-model", "The target is not part of this model or the parameter does not apply to it."));
            ValidationException.ThrowIfAny(errors);
            var note = new Note
            {
                Id = Guid.NewGuid(), ModelId = modelId, RegionId = target.RegionId, PopulationId = target.PopulationId,
                ProjectionId = target.ProjectionId, ParameterDefinitionId = parameter!.Id, Markdown = markdown,
                AuthorId = actor.UserId, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(note);
            db.CurationEvents.Add(CurationEvent.ForNote(note, ActivityAction.NotePosted, actor.UserId, note.CreatedAt, null, markdown));
            await db.SaveChangesAsync(ct);
            await EntryService.PublishAsync(db, modelId, target, ct);
            return await Project(db, db.Notes.Where(n => n.Id == note.Id)).SingleAsync(ct);
        }, ct);

    /// <summary>Only the author (still at least a curator) may edit a note.</summary>
    public Task<NoteView> EditAsync(Actor actor, Guid noteId, string markdown, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == noteId, ct) ?? throw new NotFoundException($"Note {noteId} not found.");
            await ModelAccess.RequireAsync(db, note.ModelId, actor, ModelRole.Curator, ct);
            if (note.AuthorId != actor.UserId)
                throw new AccessDeniedException("Only its author may edit a note.");
            ValidationException.ThrowIfAny(Validate(markdown));
            var now = DateTimeOffset.UtcNow;
            db.CurationEvents.Add(CurationEvent.ForNote(note, ActivityAction.NoteEdited, actor.UserId, now, note.Markdown, markdown));
            note.Markdown = markdown;
            note.EditedAt = now;
            await db.SaveChangesAsync(ct);
            await EntryService.PublishAsync(db, note.ModelId, note.Target, ct);
            return await Project(db, db.Notes.Where(n => n.Id == noteId)).SingleAsync(ct);
        }, ct);

    /// <summary>The author (a curator) or an owner of the model may delete a note.</summary>
    public Task DeleteAsync(Actor actor, Guid noteId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == noteId, ct) ?? throw new NotFoundException($"Note {noteId} not found.");
            var role = await ModelAccess.RequireAsync(db, note.ModelId, actor, ModelRole.Curator, ct);
            if (note.AuthorId != actor.UserId && role < ModelRole.Owner)
                throw new AccessDeniedException("Curators may delete only their own notes.");
            // The event keeps the text, so a deleted note stays readable in the activity log.
            db.CurationEvents.Add(CurationEvent.ForNote(note, ActivityAction.NoteDeleted, actor.UserId, DateTimeOffset.UtcNow, note.Markdown, null));
            db.Remove(note);
            await db.SaveChangesAsync(ct);
            await EntryService.PublishAsync(db, note.ModelId, note.Target, ct);
        }, ct);

    private static List<ValidationError> Validate(string markdown)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(markdown))
            errors.Add(new("markdown", "required", "A note needs some text."));
        else if (markdown.Length > MaxLength)
            errors.Add(new("markdown", "max-length", $"A note is limited to {MaxLength} characters."));
        return errors;
    }

    private static IQueryable<NoteView> Project(AppDbContext db, IQueryable<Note> notes) =>
        notes.Join(db.ParameterDefinitions, n => n.ParameterDefinitionId, p => p.Id, (n, p) => new NoteView(
            n.Id, n.ModelId, new EstimateTarget(n.RegionId, n.PopulationId, n.ProjectionId), p.Key, n.Markdown, n.AuthorId,
            n.Author!.DisplayName != "" ? n.Author.DisplayName : n.Author.UserName ?? "", n.CreatedAt, n.EditedAt));
}

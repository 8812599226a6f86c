using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

/// <summary>A reference in the library, with how many entries the reader can see cite it.</summary>
public sealed record ReferenceSummary(Guid Id, string? Doi, string? Pmid, string Citation, DateTimeOffset CreatedAt, int CitingEntries);

/// <summary>One entry citing a reference: where it sits and what it says.</summary>
public sealed record CitingEntry(
    Guid EntryId, Guid ModelId, string ModelName, EstimateTarget Target, string TargetName,
    string ParameterKey, string ParameterName, string Unit, double? Value, double? Min, double? Max,
    SetAs SetAs, string AuthorName, DateTimeOffset UpdatedAt);

/// <summary>
/// The references library: search (paged in the database) and, for each reference, the entries
/// citing it. References are shared by all models, but entries are not: counts and citing entries
/// include only models the reader may see (member, public, or admin), so the library never leaks
/// a private model's curation.
/// </summary>
public sealed class ReferenceLibraryService(IDbContextFactory<AppDbContext> factory)
{
    public const int MaxPageSize = 200;

    /// <param name="text">Matched case-insensitively against the citation, DOI and PMID; empty lists all.</param>
    /// <param name="modelId">When given: only references cited by entries of that model.</param>
    public async Task<ResultPage<ReferenceSummary>> SearchAsync(Actor actor, string? text, Guid? modelId, int skip, int take, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        take = Math.Min(take, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (modelId is { } id)
            await ModelAccess.RequireAsync(db, id, actor, ModelRole.Viewer, ct);
        var visible = VisibleEntries(db, actor);
        var references = db.References.AsNoTracking();
        if (modelId is { } model)
            references = references.Where(r => db.Entries.Any(e => e.ReferenceId == r.Id && e.ModelId == model));
        if (text?.Trim() is { Length: > 0 } term)
        {
            var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            references = references.Where(r => EF.Functions.ILike(r.Citation, pattern, "\\")
                                               || (r.Doi != null && EF.Functions.ILike(r.Doi, pattern, "\\"))
                                               || r.Pmid == term);
        }
        var total = await references.CountAsync(ct);
        var items = await references
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip(skip).Take(take)
            .Select(r => new ReferenceSummary(r.Id, r.Doi, r.Pmid, r.Citation, r.CreatedAt, visible.Count(e => e.ReferenceId == r.Id)))
            .ToListAsync(ct);
        return new ResultPage<ReferenceSummary>(items, total);
    }

    public async Task<ReferenceView> GetAsync(Guid referenceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var reference = await db.References.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referenceId, ct)
                        ?? throw new NotFoundException($"Reference {referenceId} not found.");
        return ReferenceView.From(reference);
    }

    /// <summary>Every visible entry citing the reference, by model, then newest first.</summary>
    public async Task<IReadOnlyList<CitingEntry>> CitationsAsync(Actor actor, Guid referenceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await VisibleEntries(db, actor)
            .Where(e => e.ReferenceId == referenceId)
            .Join(db.BrainModels, e => e.ModelId, m => m.Id, (e, m) => new { Entry = e, ModelName = m.Name })
            .OrderBy(x => x.ModelName).ThenByDescending(x => x.Entry.UpdatedAt)
            .Select(x => new
            {
                x.Entry.Id, x.Entry.ModelId, x.ModelName, x.Entry.RegionId, x.Entry.PopulationId, x.Entry.ProjectionId,
                x.Entry.Parameter!.Key, x.Entry.Parameter.Name, x.Entry.Parameter.Unit, x.Entry.Value, x.Entry.Min, x.Entry.Max, x.Entry.SetAs,
                Author = x.Entry.Author!.DisplayName != "" ? x.Entry.Author.DisplayName : x.Entry.Author.UserName ?? "", x.Entry.UpdatedAt,
            })
            .ToListAsync(ct);
        var names = await TargetNames.LoadAsync(db, rows.Select(r => new EstimateTarget(r.RegionId, r.PopulationId, r.ProjectionId)), ct);
        return rows.Select(r =>
        {
            var target = new EstimateTarget(r.RegionId, r.PopulationId, r.ProjectionId);
            return new CitingEntry(r.Id, r.ModelId, r.ModelName, target, names.GetValueOrDefault(target.Id, ""), r.Key, r.Name, r.Unit,
                r.Value, r.Min, r.Max, r.SetAs, r.Author, r.UpdatedAt);
        }).ToList();
    }

    private static IQueryable<Entry> VisibleEntries(AppDbContext db, Actor actor) =>
        actor.IsAdmin
            ? db.Entries.AsNoTracking()
            : db.Entries.AsNoTracking().Where(e => db.BrainModels.Any(m => m.Id == e.ModelId && (m.IsPublic || m.Members.Any(x => x.UserId == actor.UserId))));
}

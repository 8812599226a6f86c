using System.Text.Json;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Live;
using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Import;

/// <summary>
/// Bulk import of entries into one model. A dry run reports what would be created and every row's
/// errors; a commit writes all rows in one transaction or nothing. The commit follows the rules of
/// <see cref="EntryService"/>: curators and above, every (target, parameter) estimate locked
/// (in a fixed order, so two imports cannot deadlock) and recomputed in the same transaction, one
/// audit row per entry, references found or created through <see cref="ReferenceResolver"/>, and
/// one change notice per touched target for open pages. Entries and audits go in by COPY
/// (<see cref="EntryBulkWriter"/>) and each estimate is recomputed once, at the end.
/// </summary>
public sealed class EntryImportService(IDbContextFactory<AppDbContext> factory)
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web);

    public async Task<EntryImportReport> DryRunAsync(Actor actor, Guid modelId, IReadOnlyList<ImportRecord> records,
        DuplicatePolicy duplicates = DuplicatePolicy.Error, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Curator, ct);
        var planner = await EntryImportPlanner.LoadAsync(db, actor.UserId, modelId, ct);
        var (plan, errors, skipped) = planner.Plan(records, duplicates);
        return Report(records.Count, plan, skipped, errors, null);
    }

    public Task<EntryImportReport> CommitAsync(Actor actor, Guid modelId, IReadOnlyList<ImportRecord> records,
        DuplicatePolicy duplicates = DuplicatePolicy.Error, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Curator, ct);
            var planner = await EntryImportPlanner.LoadAsync(db, actor.UserId, modelId, ct);
            var (plan, errors, skipped) = planner.Plan(records, duplicates);
            if (errors.Count > 0 || plan.Count == 0)
                return Report(records.Count, plan, skipped, errors, null);
            var ids = await WriteAsync(db, actor, modelId, plan, ct);
            return Report(records.Count, plan, skipped, errors, ids);
        }, ct);

    private static async Task<List<Guid>> WriteAsync(AppDbContext db, Actor actor, Guid modelId, List<PlannedEntry> plan, CancellationToken ct)
    {
        var estimates = new List<CollectiveEstimate>();
        foreach (var group in plan.GroupBy(p => (p.Target, p.Parameter.Id)).OrderBy(g => g.Key.Target.Id).ThenBy(g => g.Key.Id))
            estimates.Add(await EstimateRecomputer.LockAsync(db, modelId, group.Key.Target, group.First().Parameter, ct));

        var references = new Dictionary<string, Reference>(StringComparer.Ordinal);
        foreach (var p in plan)
        {
            if (!references.ContainsKey(p.ReferenceKey))
                references[p.ReferenceKey] = await ReferenceResolver.GetOrCreateAsync(db, p.Doi, p.Pmid, p.Input.Citation, ct);
        }
        await db.SaveChangesAsync(ct); // citations or PMIDs the resolver filled in on existing references

        var now = DateTimeOffset.UtcNow;
        var entries = plan.Select(p => new Entry
        {
            Id = Guid.NewGuid(), ModelId = modelId,
            RegionId = p.Target.RegionId, PopulationId = p.Target.PopulationId, ProjectionId = p.Target.ProjectionId,
            ParameterDefinitionId = p.Parameter.Id, ReferenceId = references[p.ReferenceKey].Id, AuthorId = actor.UserId,
            Value = p.Input.Value, Min = p.Input.Min, Max = p.Input.Max, Sd = p.Input.Sd, Sem = p.Input.Sem, N = p.Input.N,
            SetAs = p.Input.SetAs, Species = p.Input.Species.Trim(), Method = p.Input.Method.Trim(), Notes = p.Input.Notes,
            CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await EntryBulkWriter.WriteEntriesAsync(db, entries, ct);
        var ids = entries.Select(e => e.Id).ToList();
        var versions = await EntryBulkWriter.VersionsAsync(db, ids, ct);

        var author = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => new { u.DisplayName, u.UserName }).SingleOrDefaultAsync(ct);
        var authorName = author?.DisplayName is { Length: > 0 } name ? name : author?.UserName ?? "";
        var audits = new List<EntryAudit>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (p, e) = (plan[i], entries[i]);
            var reference = references[p.ReferenceKey];
            var view = new EntryView(e.Id, e.ModelId, e.Target, p.Parameter.Key, p.Parameter.Unit, e.Value, e.Min, e.Max, e.Sd, e.Sem, e.N,
                new ReferenceView(reference.Id, reference.Doi, reference.Pmid, reference.Citation), e.SetAs, e.Species, e.Method, e.Notes,
                e.AuthorId, authorName, e.CreatedAt, e.UpdatedAt, e.ReviewState, null, versions[e.Id]);
            audits.Add(EntryAudit.Of(e, AuditAction.Added, actor.UserId, now, null, JsonSerializer.Serialize(view, AuditJson)));
        }
        await EntryBulkWriter.WriteAuditsAsync(db, audits, ct);

        // One recomputation per touched (target, parameter), after all rows are in.
        foreach (var estimate in estimates)
            await EstimateRecomputer.RecomputeAsync(db, estimate, ct);
        foreach (var target in plan.Select(p => p.Target).Distinct())
            await ChangeFeed.PublishAsync(db, $"target:{target.Id}", ct);
        await ChangeFeed.PublishAsync(db, $"model:{modelId}", ct);
        return ids;
    }

    private static EntryImportReport Report(int rows, List<PlannedEntry> plan, List<int> skipped, List<ImportError> errors, List<Guid>? created) => new(
        rows,
        plan.Select(p => new ImportPlanRow(p.Row, p.TargetName, p.Parameter.Key, p.Parameter.Unit, p.Input.Value, p.Input.Min, p.Input.Max,
            p.Input.Sd, p.Input.Sem, p.Input.N, p.Doi is not null ? "doi:" + p.Doi : p.Pmid is not null ? "pmid:" + p.Pmid : p.Input.Citation ?? "",
            p.Input.SetAs, p.ConvertedFrom)).ToList(),
        skipped, errors, created is not null, created ?? []);
}

using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

/// <summary>
/// Who changed what in a model: entry history (<see cref="EntryAudit"/>) and every note, pin and
/// method decision (<see cref="CurationEvent"/>), both append-only and outliving what they describe.
/// Filtered and paged in the database, so a model with years of history shows its first page as fast
/// as a new one.
/// </summary>
public sealed class ActivityService(IDbContextFactory<AppDbContext> factory)
{
    public const int MaxPageSize = 200;

    /// <summary>Newest first.</summary>
    public async Task<ResultPage<ActivityItem>> ListAsync(Actor actor, Guid modelId, ActivityFilter filter, int skip, int take, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        take = Math.Min(take, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);

        var rows = Rows(db, modelId);
        if (filter.UserId is { Length: > 0 } user)
            rows = rows.Where(r => r.UserId == user);
        if (filter.Action is { } action)
            rows = rows.Where(r => r.Action == (int)action);
        if (filter.ParameterKey is { Length: > 0 } key)
        {
            var parameterId = await db.ParameterDefinitions.Where(p => p.Key == key).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
            rows = rows.Where(r => r.ParameterDefinitionId == parameterId);
        }
        if (filter.From is { } from)
        {
            var utc = from.ToUniversalTime();
            rows = rows.Where(r => r.At >= utc);
        }
        if (filter.To is { } to)
        {
            var utc = to.ToUniversalTime();
            rows = rows.Where(r => r.At < utc);
        }
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Sequence).Skip(skip).Take(take).ToListAsync(ct);
        return new ResultPage<ActivityItem>(await DescribeAsync(db, page, ct), total);
    }

    /// <summary>The users who appear in a model's log, for the filter: id and name.</summary>
    public async Task<IReadOnlyList<(string UserId, string Name)>> ActorsAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var ids = await Rows(db, modelId).Select(r => r.UserId).Distinct().ToListAsync(ct);
        var names = await Names(db, ids, ct);
        return ids.Select(id => (id, names.GetValueOrDefault(id, id))).OrderBy(x => x.Item2, StringComparer.OrdinalIgnoreCase).ToList();
    }

    // Entry audits carry the entry as JSON before and after (EntryView, camelCase): its value, or its
    // range in words, is read from there so an edit shows old → new without loading the snapshots.
    private static IQueryable<ActivityRow> Rows(AppDbContext db, Guid modelId) => db.Database.SqlQuery<ActivityRow>($"""
        SELECT a."At", a."UserId", a."Action", a."ParameterDefinitionId", a."RegionId", a."PopulationId", a."ProjectionId",
               a."EntryId" AS "SubjectId", a."Id" AS "Sequence",
               (a."BeforeJson"->>'value')::float8 AS "OldValue", (a."AfterJson"->>'value')::float8 AS "NewValue",
               CASE WHEN a."BeforeJson"->>'min' IS NOT NULL THEN '[' || (a."BeforeJson"->>'min') || ', ' || (a."BeforeJson"->>'max') || ']' END AS "OldText",
               CASE WHEN a."AfterJson"->>'min' IS NOT NULL THEN '[' || (a."AfterJson"->>'min') || ', ' || (a."AfterJson"->>'max') || ']' END AS "NewText"
        FROM "EntryAudits" a WHERE a."ModelId" = {modelId}
        UNION ALL
        SELECT c."At", c."UserId", c."Action", c."ParameterDefinitionId", c."RegionId", c."PopulationId", c."ProjectionId",
               c."SubjectId", c."Id", c."OldValue", c."NewValue", c."OldText", c."NewText"
        FROM "CurationEvents" c WHERE c."ModelId" = {modelId}
        """);

    private static async Task<List<ActivityItem>> DescribeAsync(AppDbContext db, List<ActivityRow> page, CancellationToken ct)
    {
        var users = await Names(db, page.Select(r => r.UserId).Distinct().ToList(), ct);
        var parameterIds = page.Where(r => r.ParameterDefinitionId is not null).Select(r => r.ParameterDefinitionId!.Value).Distinct().ToList();
        var parameters = await db.ParameterDefinitions.AsNoTracking().Where(p => parameterIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var targets = await TargetNames.LoadAsync(db, page.Select(r => new EstimateTarget(r.RegionId, r.PopulationId, r.ProjectionId)), ct);
        return page.Select(r =>
        {
            var parameter = r.ParameterDefinitionId is { } pid ? parameters.GetValueOrDefault(pid) : null;
            var target = new EstimateTarget(r.RegionId, r.PopulationId, r.ProjectionId);
            return new ActivityItem(r.At, r.UserId, users.GetValueOrDefault(r.UserId, r.UserId), (ActivityAction)r.Action,
                parameter?.Key ?? "", parameter?.Name ?? "", target, targets.GetValueOrDefault(target.Id, ""), r.SubjectId)
            {
                Unit = parameter?.Unit ?? "", OldValue = r.OldValue, NewValue = r.NewValue, OldText = r.OldText, NewText = r.NewText,
            };
        }).ToList();
    }

    private static Task<Dictionary<string, string>> Names(AppDbContext db, List<string> ids, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName != "" ? u.DisplayName : u.UserName ?? u.Id, ct);
}

using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Estimates;

/// <summary>
/// Keeps a (target, parameter) estimate equal to the aggregate of its entries. Every writer first
/// locks the estimate row (creating it if missing) and holds the lock until commit, so writers of
/// one (target, parameter) queue up and each recomputation sees every entry committed before it:
/// no update is lost and the stored estimate always equals a recomputation from scratch.
/// </summary>
internal static class EstimateRecomputer
{
    public static async Task<CollectiveEstimate> LockAsync(AppDbContext db, Guid modelId, EstimateTarget target, ParameterDefinition parameter, CancellationToken ct)
    {
        Guid[] none = [];
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "CollectiveEstimates" ("Id", "ModelId", "RegionId", "PopulationId", "ProjectionId", "ParameterDefinitionId", "Method", "EntryCount", "ReferenceCount", "EntryIds", "OutlierEntryIds", "ComputedAt")
            VALUES ({Guid.NewGuid()}, {modelId}, {target.RegionId}, {target.PopulationId}, {target.ProjectionId}, {parameter.Id}, {(int)parameter.DefaultMethod}, 0, 0, {none}, {none}, {DateTimeOffset.UtcNow})
            ON CONFLICT DO NOTHING
            """, ct);
        var query = target.Kind switch
        {
            TargetKinds.Region => db.CollectiveEstimates.FromSqlInterpolated($"""SELECT * FROM "CollectiveEstimates" WHERE "RegionId" = {target.Id} AND "ParameterDefinitionId" = {parameter.Id} FOR UPDATE"""),
            TargetKinds.Population => db.CollectiveEstimates.FromSqlInterpolated($"""SELECT * FROM "CollectiveEstimates" WHERE "PopulationId" = {target.Id} AND "ParameterDefinitionId" = {parameter.Id} FOR UPDATE"""),
            TargetKinds.Projection => db.CollectiveEstimates.FromSqlInterpolated($"""SELECT * FROM "CollectiveEstimates" WHERE "ProjectionId" = {target.Id} AND "ParameterDefinitionId" = {parameter.Id} FOR UPDATE"""),
            _ => throw new ArgumentException("An estimate target names exactly one region, population or projection.", nameof(target)),
        };
        // Not composed (no Single/First on the query), so the FOR UPDATE statement runs as written.
        return (await query.ToListAsync(ct)).Single();
    }

    /// <summary>Saves pending entry changes, then recomputes the locked estimate from the entries as they now stand.</summary>
    public static async Task RecomputeAsync(AppDbContext db, CollectiveEstimate estimate, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var inputs = await db.Entries.AsNoTracking()
            .Where(e => e.RegionId == estimate.RegionId && e.PopulationId == estimate.PopulationId
                        && e.ProjectionId == estimate.ProjectionId && e.ParameterDefinitionId == estimate.ParameterDefinitionId)
            .Select(e => new AggregationInput(e.Id, e.ReferenceId, e.Value, e.Min, e.Max, e.Sd, e.Sem, e.N, e.SetAs == SetAs.Excluded))
            .ToListAsync(ct);
        Apply(estimate, Aggregator.Aggregate(inputs, estimate.Method), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public static void Apply(CollectiveEstimate estimate, AggregationResult result, DateTimeOffset now)
    {
        estimate.Method = result.Method;
        estimate.Value = result.Value;
        estimate.RangeMin = result.RangeMin;
        estimate.RangeMax = result.RangeMax;
        estimate.EntryCount = result.EntryCount;
        estimate.ReferenceCount = result.ReferenceCount;
        estimate.Sd = result.Sd;
        estimate.Min = result.Min;
        estimate.Max = result.Max;
        estimate.CiLow = result.CiLow;
        estimate.CiHigh = result.CiHigh;
        estimate.EntryIds = [.. result.EntryIds];
        estimate.OutlierEntryIds = [.. result.OutlierEntryIds];
        estimate.Note = result.Note;
        estimate.ComputedAt = now;
    }
}

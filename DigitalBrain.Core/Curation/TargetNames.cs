using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

/// <summary>Display names of estimate targets: a region's or population's name, a projection as
/// "source → target". Loads only the ids asked for.</summary>
internal static class TargetNames
{
    public static async Task<Dictionary<Guid, string>> LoadAsync(AppDbContext db, IEnumerable<EstimateTarget> targets, CancellationToken ct)
    {
        var list = targets.Where(t => t.IsValid).Distinct().ToList();
        var regionIds = list.Where(t => t.RegionId is not null).Select(t => t.RegionId!.Value).ToList();
        var projectionIds = list.Where(t => t.ProjectionId is not null).Select(t => t.ProjectionId!.Value).ToList();
        var projections = await db.Projections.AsNoTracking().Where(p => projectionIds.Contains(p.Id))
            .Select(p => new { p.Id, p.SourcePopulationId, p.TargetPopulationId }).ToListAsync(ct);
        var populationIds = list.Where(t => t.PopulationId is not null).Select(t => t.PopulationId!.Value)
            .Concat(projections.SelectMany(p => new[] { p.SourcePopulationId, p.TargetPopulationId })).Distinct().ToList();
        var populations = await db.Populations.AsNoTracking().Where(p => populationIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var names = await db.Regions.AsNoTracking().Where(r => regionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        foreach (var (id, name) in populations)
            names[id] = name;
        foreach (var p in projections)
            names[p.Id] = $"{populations.GetValueOrDefault(p.SourcePopulationId, "?")} → {populations.GetValueOrDefault(p.TargetPopulationId, "?")}";
        return names;
    }
}

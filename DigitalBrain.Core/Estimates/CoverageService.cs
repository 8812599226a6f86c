using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Estimates;

/// <summary>A region with fewer layers or cell types curated than its source declares.</summary>
public sealed record StructureGap(Guid RegionId, string RegionName, int? DeclaredLayers, int DefinedLayers, int? DeclaredCellTypes, int DefinedPopulations);

/// <summary>A catalogue parameter that applies to a target but has no value yet.</summary>
public sealed record ParameterGap(EstimateTarget Target, string TargetName, string ParameterKey, string Group);

public sealed record CoverageView(IReadOnlyList<StructureGap> Structure, IReadOnlyList<ParameterGap> Parameters, int FilledParameters, int TotalParameters);

/// <summary>What is still unknown in a model: gaps are shown to curators, never filled with invented numbers.</summary>
public sealed class CoverageService(IDbContextFactory<AppDbContext> factory)
{
    public async Task<CoverageView> GetAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var regions = await db.Regions.AsNoTracking().Include(r => r.Layers).Where(r => r.ModelId == modelId).OrderBy(r => r.SortOrder).ToListAsync(ct);
        var populations = await db.Populations.AsNoTracking().Where(p => p.ModelId == modelId).OrderBy(p => p.SortOrder).ToListAsync(ct);
        var projections = await db.Projections.AsNoTracking().Where(p => p.ModelId == modelId).ToListAsync(ct);
        var catalogue = await db.ParameterDefinitions.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(ct);
        var filled = (await db.CollectiveEstimates.AsNoTracking()
                .Where(e => e.ModelId == modelId && (e.Value != null || e.PinnedValue != null))
                .Select(e => new { Target = e.RegionId ?? e.PopulationId ?? e.ProjectionId, e.ParameterDefinitionId })
                .ToListAsync(ct))
            .Select(e => (e.Target!.Value, e.ParameterDefinitionId)).ToHashSet();

        var structureGaps = regions
            .Select(r => new StructureGap(r.Id, r.Name, r.DeclaredLayerCount, r.Layers.Count, r.DeclaredCellTypeCount, populations.Count(p => p.RegionId == r.Id)))
            .Where(g => g.DeclaredLayers > g.DefinedLayers || g.DeclaredCellTypes > g.DefinedPopulations)
            .ToList();

        var names = populations.ToDictionary(p => p.Id, p => p.Name);
        var targets = regions.Select(r => (EstimateTarget.ForRegion(r.Id), r.Name))
            .Concat(populations.Select(p => (EstimateTarget.ForPopulation(p.Id), p.Name)))
            .Concat(projections.Select(p => (EstimateTarget.ForProjection(p.Id), $"{names[p.SourcePopulationId]} → {names[p.TargetPopulationId]}")));
        var gaps = new List<ParameterGap>();
        var total = 0;
        foreach (var (target, name) in targets)
        {
            foreach (var parameter in catalogue.Where(p => (p.AppliesTo & target.Kind) != 0))
            {
                total++;
                if (!filled.Contains((target.Id, parameter.Id)))
                    gaps.Add(new ParameterGap(target, name, parameter.Key, parameter.Group));
            }
        }
        return new CoverageView(structureGaps, gaps, total - gaps.Count, total);
    }
    /// <summary>Entry counts per population × parameter and projection × parameter; see <see cref="CoverageCounts"/>.</summary>
    public async Task<CoverageCounts> CountsAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var populations = await db.Populations.AsNoTracking().Where(p => p.ModelId == modelId).OrderBy(p => p.SortOrder).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var projections = await db.Projections.AsNoTracking().Where(p => p.ModelId == modelId)
            .Select(p => new { p.Id, p.SourcePopulationId, p.TargetPopulationId }).ToListAsync(ct);
        var catalogue = await db.ParameterDefinitions.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(ct);
        var keys = catalogue.ToDictionary(p => p.Id, p => p.Key);
        var counts = await db.Entries.AsNoTracking()
            .Where(e => e.ModelId == modelId && e.SetAs != SetAs.Excluded && e.RegionId == null)
            .GroupBy(e => new { e.PopulationId, e.ProjectionId, e.ParameterDefinitionId })
            .Select(g => new { g.Key.PopulationId, g.Key.ProjectionId, g.Key.ParameterDefinitionId, Count = g.Count() })
            .ToListAsync(ct);

        var names = populations.ToDictionary(p => p.Id, p => p.Name);
        CoverageParameter Column(ParameterDefinition p) => new(p.Key, p.Name, p.Group, p.Unit);
        return new CoverageCounts(
            populations.Select(p => new CoverageTarget(EstimateTarget.ForPopulation(p.Id), p.Name)).ToList(),
            projections.Select(p => new CoverageTarget(EstimateTarget.ForProjection(p.Id),
                    $"{names.GetValueOrDefault(p.SourcePopulationId, "?")} → {names.GetValueOrDefault(p.TargetPopulationId, "?")}", p.SourcePopulationId, p.TargetPopulationId))
                .OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
            catalogue.Where(p => (p.AppliesTo & TargetKinds.Population) != 0).Select(Column).ToList(),
            catalogue.Where(p => (p.AppliesTo & TargetKinds.Projection) != 0).Select(Column).ToList(),
            counts.ToDictionary(c => ((c.PopulationId ?? c.ProjectionId)!.Value, keys[c.ParameterDefinitionId]), c => c.Count));
    }
}

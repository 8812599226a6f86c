using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Core.Structure;

/// <summary>Regions, layers, populations and projections of a model. Viewers read; owners change.
/// Deleting a structure element deletes its entries and estimates with it (foreign-key cascade).</summary>
public sealed class StructureService(IDbContextFactory<AppDbContext> factory)
{
    public async Task<StructureView> GetAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var regions = await db.Regions.AsNoTracking().Include(r => r.Layers).Where(r => r.ModelId == modelId)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(ct);
        var populations = await db.Populations.AsNoTracking().Where(p => p.ModelId == modelId)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Name)
            .Select(p => new PopulationView(p.Id, p.RegionId, p.LayerId, p.Name, p.CellType, p.NeuronModel)).ToListAsync(ct);
        var order = populations.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var projections = (await db.Projections.AsNoTracking().Where(p => p.ModelId == modelId)
                .Select(p => new ProjectionView(p.Id, p.SourcePopulationId, p.TargetPopulationId, p.Receptor, p.SynapseType, p.ConnectionRule)).ToListAsync(ct))
            .OrderBy(p => order[p.TargetPopulationId]).ThenBy(p => order[p.SourcePopulationId]).ToList();
        return new StructureView(
            regions.Select(r => new RegionView(r.Id, r.Category, r.Name, r.Description, r.DeclaredLayerCount, r.DeclaredCellTypeCount,
                r.Layers.OrderBy(l => l.SortOrder).Select(l => new LayerView(l.Id, l.Name, l.SortOrder)).ToList())).ToList(),
            populations, projections);
    }

    /// <summary>The display name of one of the model's targets ("L2/3e", or "L4e → L2/3e" for a
    /// projection), read without loading the whole structure.</summary>
    /// <exception cref="NotFoundException">The target is not part of this model.</exception>
    public async Task<string> TargetNameAsync(Actor actor, Guid modelId, Curation.EstimateTarget target, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        string? name;
        if (target.Kind == Catalogue.TargetKinds.Projection)
        {
            var ends = await db.Projections.AsNoTracking().Where(p => p.Id == target.Id && p.ModelId == modelId)
                .Select(p => new { p.SourcePopulationId, p.TargetPopulationId }).SingleOrDefaultAsync(ct);
            if (ends is null)
                throw new NotFoundException($"Projection {target.Id} is not part of model {modelId}.");
            var names = await db.Populations.AsNoTracking()
                .Where(p => p.Id == ends.SourcePopulationId || p.Id == ends.TargetPopulationId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            name = $"{names.GetValueOrDefault(ends.SourcePopulationId, "?")} → {names.GetValueOrDefault(ends.TargetPopulationId, "?")}";
        }
        else
        {
            name = target.Kind == Catalogue.TargetKinds.Region
                ? await db.Regions.AsNoTracking().Where(r => r.Id == target.Id && r.ModelId == modelId).Select(r => r.Name).SingleOrDefaultAsync(ct)
                : await db.Populations.AsNoTracking().Where(p => p.Id == target.Id && p.ModelId == modelId).Select(p => p.Name).SingleOrDefaultAsync(ct);
        }
        return name ?? throw new NotFoundException($"Target {target.Id} is not part of model {modelId}.");
    }

    public Task<Guid> AddRegionAsync(Actor actor, Guid modelId, RegionInput input, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            ValidationException.ThrowIfAny(Validate(input));
            var region = new Region { Id = Guid.NewGuid(), ModelId = modelId, SortOrder = await db.Regions.CountAsync(r => r.ModelId == modelId, ct) };
            Apply(region, input);
            db.Regions.Add(region);
            return region.Id;
        }, ct);

    public Task UpdateRegionAsync(Actor actor, Guid modelId, Guid regionId, RegionInput input, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            ValidationException.ThrowIfAny(Validate(input));
            Apply(await db.Regions.SingleOrDefaultAsync(r => r.Id == regionId && r.ModelId == modelId, ct) ?? throw Missing("region"), input);
            return regionId;
        }, ct);

    public Task DeleteRegionAsync(Actor actor, Guid modelId, Guid regionId, CancellationToken ct = default) =>
        DeleteAsync(actor, modelId, db => db.Regions.Where(r => r.Id == regionId && r.ModelId == modelId), ct);

    public Task<Guid> AddLayerAsync(Actor actor, Guid modelId, Guid regionId, string name, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            ValidationException.ThrowIfAny(RequiredName(name, 50));
            if (!await db.Regions.AnyAsync(r => r.Id == regionId && r.ModelId == modelId, ct))
                throw Missing("region");
            var layer = new Layer { Id = Guid.NewGuid(), RegionId = regionId, Name = name.Trim(), SortOrder = await db.Layers.CountAsync(l => l.RegionId == regionId, ct) };
            db.Layers.Add(layer);
            return layer.Id;
        }, ct);

    public Task RenameLayerAsync(Actor actor, Guid modelId, Guid layerId, string name, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            ValidationException.ThrowIfAny(RequiredName(name, 50));
            var layer = await db.Layers.SingleOrDefaultAsync(l => l.Id == layerId && db.Regions.Any(r => r.Id == l.RegionId && r.ModelId == modelId), ct) ?? throw Missing("layer");
            layer.Name = name.Trim();
            return layerId;
        }, ct);

    public Task DeleteLayerAsync(Actor actor, Guid modelId, Guid layerId, CancellationToken ct = default) =>
        DeleteAsync(actor, modelId, db => db.Layers.Where(l => l.Id == layerId && db.Regions.Any(r => r.Id == l.RegionId && r.ModelId == modelId)), ct);

    public Task<Guid> AddPopulationAsync(Actor actor, Guid modelId, PopulationInput input, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            await ValidateAsync(db, modelId, input, ct);
            var population = new Population { Id = Guid.NewGuid(), ModelId = modelId, SortOrder = await db.Populations.CountAsync(p => p.ModelId == modelId, ct) };
            Apply(population, input);
            db.Populations.Add(population);
            return population.Id;
        }, ct);

    public Task UpdatePopulationAsync(Actor actor, Guid modelId, Guid populationId, PopulationInput input, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            await ValidateAsync(db, modelId, input, ct);
            Apply(await db.Populations.SingleOrDefaultAsync(p => p.Id == populationId && p.ModelId == modelId, ct) ?? throw Missing("population"), input);
            return populationId;
        }, ct);

    public Task DeletePopulationAsync(Actor actor, Guid modelId, Guid populationId, CancellationToken ct = default) =>
        DeleteAsync(actor, modelId, db => db.Populations.Where(p => p.Id == populationId && p.ModelId == modelId), ct);

    public Task<Guid> AddProjectionAsync(Actor actor, Guid modelId, ProjectionInput input, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            await ValidateAsync(db, modelId, input, ct);
            var projection = new Projection { Id = Guid.NewGuid(), ModelId = modelId };
            Apply(projection, input);
            db.Projections.Add(projection);
            return projection.Id;
        }, ct);

    public Task UpdateProjectionAsync(Actor actor, Guid modelId, Guid projectionId, ProjectionInput input, CancellationToken ct = default) =>
        WriteAsync(actor, modelId, async db =>
        {
            await ValidateAsync(db, modelId, input, ct);
            Apply(await db.Projections.SingleOrDefaultAsync(p => p.Id == projectionId && p.ModelId == modelId, ct) ?? throw Missing("projection"), input);
            return projectionId;
        }, ct);

    public Task DeleteProjectionAsync(Actor actor, Guid modelId, Guid projectionId, CancellationToken ct = default) =>
        DeleteAsync(actor, modelId, db => db.Projections.Where(p => p.Id == projectionId && p.ModelId == modelId), ct);

    private async Task<Guid> WriteAsync(Actor actor, Guid modelId, Func<AppDbContext, Task<Guid>> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Owner, ct);
        var id = await change(db);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ValidationException([new("name", "unique", "An element with this name (or this source, target and receptor) already exists in the model.")]);
        }
        return id;
    }

    private async Task DeleteAsync<T>(Actor actor, Guid modelId, Func<AppDbContext, IQueryable<T>> rows, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Owner, ct);
        if (await rows(db).ExecuteDeleteAsync(ct) == 0)
            throw Missing(typeof(T).Name.ToLowerInvariant());
    }

    private static NotFoundException Missing(string what) => new($"No such {what} in this model.");

    private static List<ValidationError> RequiredName(string? name, int max, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
            return [new(field, "required", $"{field} is required.")];
        return name.Trim().Length > max ? [new(field, "max-length", $"{field} is limited to {max} characters.")] : [];
    }

    private static List<ValidationError> Validate(RegionInput input)
    {
        var errors = RequiredName(input.Name, 100);
        errors.AddRange(RequiredName(input.Category, 20, "category"));
        if (input.DeclaredLayerCount is < 0)
            errors.Add(new("declaredLayerCount", "non-negative", "declaredLayerCount must be ≥ 0."));
        if (input.DeclaredCellTypeCount is < 0)
            errors.Add(new("declaredCellTypeCount", "non-negative", "declaredCellTypeCount must be ≥ 0."));
        return errors;
    }

    private static async Task ValidateAsync(AppDbContext db, Guid modelId, PopulationInput input, CancellationToken ct)
    {
        var errors = RequiredName(input.Name, 100);
        if (!NeuronModelNames.Known.Contains(input.NeuronModel))
            errors.Add(new("neuronModel", "unknown-model", $"neuronModel must be one of {string.Join(", ", NeuronModelNames.Known)}."));
        if (input.CellType.Length > 100)
            errors.Add(new("cellType", "max-length", "cellType is limited to 100 characters."));
        if (!await db.Regions.AnyAsync(r => r.Id == input.RegionId && r.ModelId == modelId, ct))
            errors.Add(new("regionId", "not-in-model", "The region is not part of this model."));
        else if (input.LayerId is { } layerId && !await db.Layers.AnyAsync(l => l.Id == layerId && l.RegionId == input.RegionId, ct))
            errors.Add(new("layerId", "not-in-region", "The layer is not part of that region."));
        ValidationException.ThrowIfAny(errors);
    }

    private static async Task ValidateAsync(AppDbContext db, Guid modelId, ProjectionInput input, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var found = await db.Populations.CountAsync(p => (p.Id == input.SourcePopulationId || p.Id == input.TargetPopulationId) && p.ModelId == modelId, ct);
        if (found < (input.SourcePopulationId == input.TargetPopulationId ? 1 : 2))
            errors.Add(new("sourcePopulationId", "not-in-model", "Source and target must be populations of this model."));
        if (!Enum.IsDefined(input.Receptor))
            errors.Add(new("receptor", "enum", "receptor must be excitatory or inhibitory."));
        errors.AddRange(RequiredName(input.SynapseType, 50, "synapseType"));
        errors.AddRange(RequiredName(input.ConnectionRule, 50, "connectionRule"));
        ValidationException.ThrowIfAny(errors);
    }

    private static void Apply(Region region, RegionInput input)
    {
        region.Category = input.Category.Trim();
        region.Name = input.Name.Trim();
        region.Description = input.Description;
        region.DeclaredLayerCount = input.DeclaredLayerCount;
        region.DeclaredCellTypeCount = input.DeclaredCellTypeCount;
    }

    private static void Apply(Population population, PopulationInput input)
    {
        population.RegionId = input.RegionId;
        population.LayerId = input.LayerId;
        population.Name = input.Name.Trim();
        population.CellType = input.CellType.Trim();
        population.NeuronModel = input.NeuronModel;
    }

    private static void Apply(Projection projection, ProjectionInput input)
    {
        projection.SourcePopulationId = input.SourcePopulationId;
        projection.TargetPopulationId = input.TargetPopulationId;
        projection.Receptor = input.Receptor;
        projection.SynapseType = input.SynapseType.Trim();
        projection.ConnectionRule = input.ConnectionRule.Trim();
    }
}

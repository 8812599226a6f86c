using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Simulation.Spec;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Core.Versions;

/// <summary>A version as lists and pages show it (the spec itself is fetched on demand).</summary>
public sealed record VersionView(Guid Id, Guid ModelId, int Number, string ContentHash, long NeuronCount, int PopulationCount,
    int ProjectionCount, string CreatedById, DateTimeOffset CreatedAt, string? Note, string CreatedByName = "");

/// <summary>Freezes a model's current collective estimates into immutable versions.</summary>
public sealed class VersionService(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>
    /// Compiles the model's estimates now. When the result equals the latest version's content the
    /// latest version is returned and nothing is written (so "run" does not pile up identical
    /// versions); otherwise a new version is stored. Fails with <see cref="CompilationException"/>,
    /// writing nothing, when a needed value has no estimate. Curators and owners may do this.
    /// </summary>
    public async Task<(VersionView Version, bool Created)> CreateAsync(Actor actor, Guid modelId, string? note = null, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Curator, ct);
            var spec = await CompileAsync(db, modelId, ct);
            var json = NetworkSpecJson.Serialize(spec);
            var hash = ContentHash.Of(json);
            var latest = await db.ModelVersions.AsNoTracking().Where(v => v.BrainModelId == modelId)
                .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
            if (latest?.ContentHash == hash)
                return (View(latest), false);
            var version = new ModelVersion
            {
                Id = Guid.NewGuid(), BrainModelId = modelId, Number = (latest?.Number ?? 0) + 1, ContentHash = hash, SpecJson = json,
                NeuronCount = spec.NeuronCount, PopulationCount = spec.Populations.Count, ProjectionCount = spec.Projections.Count,
                CreatedById = actor.UserId, CreatedAt = DateTimeOffset.UtcNow, Note = note,
            };
            db.ModelVersions.Add(version);
            try
            {
                await db.SaveChangesAsync(ct);
                return (View(version), true);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 3)
            {
                // Someone created version N at the same moment: compare with theirs and try again.
            }
        }
    }

    public async Task<IReadOnlyList<VersionView>> ListAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.BrainModelId == modelId)
            .OrderByDescending(v => v.Number).ToListAsync(ct);
        var names = await AuthorNamesAsync(db, versions.Select(v => v.CreatedById), ct);
        return versions.Select(v => View(v) with { CreatedByName = names.GetValueOrDefault(v.CreatedById, v.CreatedById) }).ToList();
    }

    public async Task<(VersionView Version, NetworkSpec Spec)> GetAsync(Actor actor, Guid versionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct)
            ?? throw new NotFoundException($"Version {versionId} not found.");
        await ModelAccess.RequireAsync(db, version.BrainModelId, actor, ModelRole.Viewer, ct);
        var names = await AuthorNamesAsync(db, [version.CreatedById], ct);
        return (View(version) with { CreatedByName = names.GetValueOrDefault(version.CreatedById, version.CreatedById) },
            NetworkSpecJson.Deserialize(version.SpecJson));
    }

    private static async Task<Dictionary<string, string>> AuthorNamesAsync(AppDbContext db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct);
        return users.ToDictionary(u => u.Id, u => u.DisplayName is { Length: > 0 } d ? d : u.UserName ?? u.Id);
    }

    /// <summary>What the model compiles to now, without storing it (for previews and checks).</summary>
    public async Task<NetworkSpec> PreviewAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await CompileAsync(db, modelId, ct);
    }

    private static async Task<NetworkSpec> CompileAsync(AppDbContext db, Guid modelId, CancellationToken ct)
    {
        var model = await db.BrainModels.AsNoTracking().SingleAsync(m => m.Id == modelId, ct);
        var regions = await db.Regions.AsNoTracking().Where(r => r.ModelId == modelId).ToListAsync(ct);
        var regionIds = regions.Select(r => r.Id).ToList();
        var layers = await db.Layers.AsNoTracking().Where(l => regionIds.Contains(l.RegionId)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var regionOrder = regions.ToDictionary(r => r.Id, r => r.SortOrder);
        var populations = (await db.Populations.AsNoTracking().Where(p => p.ModelId == modelId).ToListAsync(ct))
            .OrderBy(p => regionOrder.GetValueOrDefault(p.RegionId)).ThenBy(p => p.SortOrder).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var projections = await db.Projections.AsNoTracking().Where(p => p.ModelId == modelId)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var estimates = await db.CollectiveEstimates.AsNoTracking()
            .Where(e => e.ModelId == modelId && (e.PopulationId != null || e.ProjectionId != null))
            .Join(db.ParameterDefinitions, e => e.ParameterDefinitionId, d => d.Id, (e, d) => new { Estimate = e, d.Key })
            .ToListAsync(ct);
        var entryIds = estimates.SelectMany(e => e.Estimate.EntryIds).Distinct().ToList();
        var referencesOfEntries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, Label = e.Reference!.Doi != null ? "doi:" + e.Reference.Doi : e.Reference.Citation })
            .ToDictionaryAsync(e => e.Id, e => e.Label, ct);

        var values = new Dictionary<(Guid, string), CompiledValue>();
        foreach (var row in estimates)
        {
            var e = row.Estimate;
            if (e.EffectiveValue is not { } value)
                continue;
            var refs = e.EntryIds.Select(id => referencesOfEntries.GetValueOrDefault(id)).OfType<string>().Distinct().Order(StringComparer.Ordinal)
                .Select(r => r.Length > 60 ? r[..57] + "…" : r);
            var provenance = e.PinnedValue is not null
                ? $"pinned: {e.PinReason}"
                : $"{e.Method.ToString().ToLowerInvariant()}, n={e.EntryCount}, {string.Join(", ", refs)}";
            values[((e.PopulationId ?? e.ProjectionId)!.Value, row.Key)] = new CompiledValue(value, provenance);
        }
        return ModelCompiler.Compile(model.Name, populations, regions.ToDictionary(r => r.Id, r => r.Name), layers, projections, values);
    }

    private static VersionView View(ModelVersion v) => new(v.Id, v.BrainModelId, v.Number, v.ContentHash, v.NeuronCount,
        v.PopulationCount, v.ProjectionCount, v.CreatedById, v.CreatedAt, v.Note);
}

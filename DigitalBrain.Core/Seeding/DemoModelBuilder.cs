using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Seeding;

/// <summary>Collects a demo model in memory (structure, entries, their estimates and audit rows)
/// so the seeder can insert it with one SaveChanges. Every seeded value passes the same validator
/// as a researcher's entry.</summary>
internal sealed class DemoModelBuilder(AppDbContext db, BrainModel model, AppUser author, IReadOnlyDictionary<string, ParameterDefinition> catalogue, DateTimeOffset now)
{
    private readonly List<Entry> _entries = [];
    private int _regions;
    private int _populations;

    /// <summary>The existing row for the DOI (or, without DOI, the citation), else a new one.</summary>
    public async Task<Reference> ReferenceAsync(string? doi, string citation, CancellationToken ct)
    {
        var key = ReferenceIdentity.CitationKey(citation);
        var existing = doi is null
            ? await db.References.FirstOrDefaultAsync(r => r.Doi == null && r.Pmid == null && r.CitationKey == key, ct)
            : await db.References.FirstOrDefaultAsync(r => r.Doi == doi, ct);
        if (existing is not null)
            return existing;
        var reference = new Reference { Id = Guid.NewGuid(), Doi = doi, Citation = citation, CitationKey = ReferenceIdentity.CitationKey(citation), CreatedAt = now };
        db.References.Add(reference);
        return reference;
    }

    public Region Region(string category, string name, string description, int? layers = null, int? cellTypes = null)
    {
        var region = new Region
        {
            Id = Guid.NewGuid(), ModelId = model.Id, Category = category, Name = name, Description = description,
            DeclaredLayerCount = layers, DeclaredCellTypeCount = cellTypes, SortOrder = _regions++,
        };
        db.Regions.Add(region);
        return region;
    }

    public Layer Layer(Region region, string name)
    {
        var layer = new Layer { Id = Guid.NewGuid(), RegionId = region.Id, Name = name, SortOrder = region.Layers.Count };
        region.Layers.Add(layer);
        return layer;
    }

    public Population Population(Region region, Layer? layer, string name, string cellType, string neuronModel)
    {
        var population = new Population
        {
            Id = Guid.NewGuid(), ModelId = model.Id, RegionId = region.Id, LayerId = layer?.Id,
            Name = name, CellType = cellType, NeuronModel = neuronModel, SortOrder = _populations++,
        };
        db.Populations.Add(population);
        return population;
    }

    public Projection Projection(Population source, Population target, Receptor receptor, string connectionRule)
    {
        var projection = new Projection
        {
            Id = Guid.NewGuid(), ModelId = model.Id, SourcePopulationId = source.Id, TargetPopulationId = target.Id,
            Receptor = receptor, ConnectionRule = connectionRule,
        };
        db.Projections.Add(projection);
        return projection;
    }

    public void Entry(EstimateTarget target, string parameterKey, double value, Reference reference, string method, string notes = "")
    {
        var parameter = catalogue[parameterKey];
        var input = new EntryInput { ParameterKey = parameterKey, Value = value, Doi = reference.Doi, Citation = reference.Citation, Method = method, Notes = notes };
        var errors = EntryValidator.Validate(input, parameter, target.Kind);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Seed entry {parameterKey} = {value} is invalid: {string.Join("; ", errors.Select(e => e.Message))}");
        _entries.Add(new Entry
        {
            Id = Guid.NewGuid(), ModelId = model.Id, RegionId = target.RegionId, PopulationId = target.PopulationId, ProjectionId = target.ProjectionId,
            ParameterDefinitionId = parameter.Id, Parameter = parameter, Value = value, ReferenceId = reference.Id, Reference = reference,
            Method = method, Notes = notes, AuthorId = author.Id, Author = author, CreatedAt = now, UpdatedAt = now,
        });
    }

    /// <summary>Adds the entries with one audit row each and one computed estimate per (target, parameter).</summary>
    public void Finish() => NewModelEntries.Add(db, _entries, now);
}

using System.Buffers.Binary;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using DigitalBrain.Core.Validation;

namespace DigitalBrain.Core.SpecImport;

/// <summary>
/// Adds a planned model to a context: structure, one fixed entry per value citing the import, an
/// audit row per entry and the estimate each entry makes on its own. Everything is added in
/// memory so that one SaveChanges writes it in batches, inside the caller's transaction.
/// </summary>
internal sealed class SpecModelWriter(AppDbContext db, BrainModel model, AppUser author, Reference reference,
    IReadOnlyDictionary<string, ParameterDefinition> catalogue, DateTimeOffset now)
{
    public const string Method = "NetworkSpec import (fixed value)";

    // The compiler numbers projections in id order; ids that sort (as PostgreSQL compares uuids,
    // byte by byte) in the spec's order keep the spec's projection order through a version.
    private readonly byte[] _projectionIdPrefix = Guid.NewGuid().ToByteArray()[..8];
    private readonly List<ValidationError> _errors = [];
    private readonly List<Entry> _entries = [];

    public int EntryCount => _entries.Count;

    public void Write(SpecImportPlan plan)
    {
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        var populations = new Dictionary<string, Population>(StringComparer.Ordinal);
        foreach (var planned in plan.Populations)
        {
            if (!regions.TryGetValue(planned.Region, out var region))
            {
                region = new Region
                {
                    Id = Guid.NewGuid(), ModelId = model.Id, Category = Category(planned.Region), Name = planned.Region,
                    Description = $"Imported from NetworkSpec '{plan.Name}'.", SortOrder = regions.Count,
                };
                regions[planned.Region] = region;
                db.Regions.Add(region);
            }
            Layer? layer = null;
            if (planned.Layer is { } layerName)
            {
                layer = region.Layers.FirstOrDefault(l => l.Name == layerName);
                if (layer is null)
                {
                    layer = new Layer { Id = Guid.NewGuid(), RegionId = region.Id, Name = layerName, SortOrder = region.Layers.Count };
                    region.Layers.Add(layer);
                }
            }
            var population = new Population
            {
                Id = Guid.NewGuid(), ModelId = model.Id, RegionId = region.Id, LayerId = layer?.Id, Name = planned.Name,
                CellType = planned.CellType, NeuronModel = planned.NeuronModel, SortOrder = populations.Count,
            };
            populations[planned.Name] = population;
            db.Populations.Add(population);
            foreach (var value in planned.Values)
                AddEntry(EstimateTarget.ForPopulation(population.Id), value);
        }
        foreach (var region in regions.Values)
        {
            region.DeclaredLayerCount = region.Layers.Count;
            region.DeclaredCellTypeCount = plan.Populations.Count(p => p.Region == region.Name);
        }

        for (var i = 0; i < plan.Projections.Count; i++)
        {
            var planned = plan.Projections[i];
            var projection = new Projection
            {
                Id = SequentialId(i), ModelId = model.Id, SourcePopulationId = populations[planned.Source].Id,
                TargetPopulationId = populations[planned.Target].Id, SynapseType = planned.SynapseModel,
                Receptor = planned.Receptor, ConnectionRule = planned.ConnectionRule,
            };
            db.Projections.Add(projection);
            foreach (var value in planned.Values)
                AddEntry(EstimateTarget.ForProjection(projection.Id), value);
        }
        ValidationException.ThrowIfAny(_errors);
        // Each entry alone makes its estimate. The arithmetic mean of one value is that value
        // exactly (a geometric mean would round it), whatever default the catalogue has since chosen.
        NewModelEntries.Add(db, _entries, now, AggregationMethod.Mean);
    }

    private void AddEntry(EstimateTarget target, PlannedValue value)
    {
        var parameter = catalogue.GetValueOrDefault(value.Key);
        var input = new EntryInput
        {
            ParameterKey = value.Key, Value = value.Value, Citation = reference.Citation, Method = Method, Notes = $"From `{value.Field}`.",
        };
        var errors = EntryValidator.Validate(input, parameter, target.Kind);
        if (errors.Count > 0)
        {
            // Name the spec's field, not the entry form's: that is what the importer can fix.
            _errors.AddRange(errors.Select(e => new ValidationError(value.Field, e.Rule, $"{value.Key}: {e.Message}")));
            return;
        }
        _entries.Add(new Entry
        {
            Id = Guid.NewGuid(), ModelId = model.Id, PopulationId = target.PopulationId, ProjectionId = target.ProjectionId,
            ParameterDefinitionId = parameter!.Id, Parameter = parameter, Value = value.Value, ReferenceId = reference.Id, Reference = reference,
            SetAs = SetAs.Fixed, Method = Method, Notes = input.Notes, AuthorId = author.Id, Author = author, CreatedAt = now, UpdatedAt = now,
        });
    }

    private Guid SequentialId(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        _projectionIdPrefix.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], index);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The whole-brain benchmark's region names map to the skeleton's categories; others are "Imported".</summary>
    private static string Category(string region) => region switch
    {
        "M1" or "S1" => "Ctx",
        "VL" or "VM" => "TH",
        "BG" => "BG",
        _ when region.StartsWith("CB", StringComparison.Ordinal) => "CB",
        _ => "Imported",
    };
}

using DigitalBrain.Core.Structure;

namespace DigitalBrain.Web.Components.Curation;

/// <summary>Labels for structure elements: "M1 L2/3e" for a population, "L4e → L2/3e" for a projection.</summary>
public sealed class StructureNames(StructureView structure)
{
    private readonly Dictionary<Guid, PopulationView> _populations = structure.Populations.ToDictionary(p => p.Id);
    private readonly Dictionary<Guid, RegionView> _regions = structure.Regions.ToDictionary(r => r.Id);

    public string Region(Guid regionId) => _regions.TryGetValue(regionId, out var r) ? r.Name : "?";

    public string Layer(PopulationView p) =>
        p.LayerId is { } id && _regions.TryGetValue(p.RegionId, out var r) ? r.Layers.FirstOrDefault(l => l.Id == id)?.Name ?? "" : "";

    public string Population(Guid populationId) => _populations.TryGetValue(populationId, out var p) ? p.Name : "?";

    public string Projection(ProjectionView p) => $"{Population(p.SourcePopulationId)} → {Population(p.TargetPopulationId)}";

    public PopulationView? FindPopulation(Guid id) => _populations.GetValueOrDefault(id);
}

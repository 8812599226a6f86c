namespace DigitalBrain.Core.Structure;

public sealed record RegionInput(string Category, string Name, string Description = "", int? DeclaredLayerCount = null, int? DeclaredCellTypeCount = null);
public sealed record PopulationInput(Guid RegionId, Guid? LayerId, string Name, string CellType, string NeuronModel);
public sealed record ProjectionInput(Guid SourcePopulationId, Guid TargetPopulationId, Receptor Receptor, string SynapseType = "static_synapse", string ConnectionRule = "pairwise_bernoulli");

public sealed record LayerView(Guid Id, string Name, int SortOrder);
public sealed record RegionView(Guid Id, string Category, string Name, string Description, int? DeclaredLayerCount, int? DeclaredCellTypeCount, IReadOnlyList<LayerView> Layers);
public sealed record PopulationView(Guid Id, Guid RegionId, Guid? LayerId, string Name, string CellType, string NeuronModel);
public sealed record ProjectionView(Guid Id, Guid SourcePopulationId, Guid TargetPopulationId, Receptor Receptor, string SynapseType, string ConnectionRule);

/// <summary>A model's whole structure, in display order.</summary>
public sealed record StructureView(IReadOnlyList<RegionView> Regions, IReadOnlyList<PopulationView> Populations, IReadOnlyList<ProjectionView> Projections);

/// <summary>NEST names of the neuron models the engine simulates, derived from its enum (IafPscExp → iaf_psc_exp).</summary>
public static class NeuronModelNames
{
    public static IReadOnlyList<string> Known { get; } = Enum.GetNames<DigitalBrain.Simulation.Spec.NeuronModel>()
        .Select(name => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())))
        .ToArray();
}

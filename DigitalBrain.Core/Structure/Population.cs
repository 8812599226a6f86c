namespace DigitalBrain.Core.Structure;

/// <summary>A cell type in a region (and layer, where known), simulated with one neuron model.</summary>
public sealed class Population
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public Guid RegionId { get; set; }
    public Guid? LayerId { get; set; }
    public string Name { get; set; } = "";
    public string CellType { get; set; } = "";
    /// <summary>NEST's model name (iaf_psc_exp, iaf_psc_alpha, iaf_cond_exp…).</summary>
    public string NeuronModel { get; set; } = "iaf_psc_exp";
    public int SortOrder { get; set; }
}

public enum Receptor
{
    Excitatory = 1,
    Inhibitory = 2,
}

/// <summary>Source population → target population through one synapse type and receptor.</summary>
public sealed class Projection
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public Guid SourcePopulationId { get; set; }
    public Guid TargetPopulationId { get; set; }
    public string SynapseType { get; set; } = "static_synapse";
    public Receptor Receptor { get; set; }
    /// <summary>NEST's rule name (pairwise_bernoulli, fixed_total_number, fixed_indegree…).</summary>
    public string ConnectionRule { get; set; } = "pairwise_bernoulli";
}

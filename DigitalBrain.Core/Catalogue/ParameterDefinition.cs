using DigitalBrain.Core.Estimates;

namespace DigitalBrain.Core.Catalogue;

public enum ValueKind
{
    /// <summary>Any real number in the allowed range, as a value or a range.</summary>
    Scalar = 1,
    /// <summary>Whole numbers only (neuron counts).</summary>
    Integer = 2,
    /// <summary>Only meaningful as [min, max].</summary>
    Range = 3,
}

/// <summary>What an entry may be attached to.</summary>
[Flags]
public enum TargetKinds
{
    None = 0,
    Region = 1,
    Population = 2,
    Projection = 4,
}

/// <summary>One parameter of the catalogue. Definitions are rows, so an admin can add one.</summary>
public sealed class ParameterDefinition
{
    public int Id { get; set; }
    /// <summary>Stable machine name (snake_case), e.g. <c>tau_m</c>.</summary>
    public string Key { get; set; } = "";
    /// <summary>Number, Firing rate, Dendrite extent, Dendrite diameter, Signalling &amp; PSP, Neuron model, Connectivity…</summary>
    public string Group { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public double MinValue { get; set; }
    public double MaxValue { get; set; }
    public ValueKind ValueKind { get; set; } = ValueKind.Scalar;
    public TargetKinds AppliesTo { get; set; }
    public AggregationMethod DefaultMethod { get; set; } = AggregationMethod.Mean;
    /// <summary>The lower bound is the simulation resolution (delays): smaller values cannot be simulated.</summary>
    public bool BoundedByResolution { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
}

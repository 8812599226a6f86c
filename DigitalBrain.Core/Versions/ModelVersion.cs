namespace DigitalBrain.Core.Versions;

/// <summary>
/// An immutable snapshot of a model: the <c>NetworkSpec</c> compiled from its collective
/// estimates at one moment, with the provenance of every value inside the spec. Never updated
/// after it is written; a run is reproducible from a version and a seed alone.
/// </summary>
public sealed class ModelVersion
{
    public Guid Id { get; set; }
    public Guid BrainModelId { get; set; }
    /// <summary>1, 2, 3… within the model.</summary>
    public int Number { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="SpecJson"/>: equal content, equal hash.</summary>
    public string ContentHash { get; set; } = "";
    /// <summary>The spec in its one JSON form (<c>NetworkSpecJson</c>).</summary>
    public string SpecJson { get; set; } = "";
    public long NeuronCount { get; set; }
    public int PopulationCount { get; set; }
    public int ProjectionCount { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? Note { get; set; }
}

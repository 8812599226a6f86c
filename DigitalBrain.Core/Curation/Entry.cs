using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Catalogue;

namespace DigitalBrain.Core.Curation;

/// <summary>How the model should use an entry.</summary>
public enum SetAs
{
    /// <summary>A fixed parameter value (the range's midpoint when a range was entered).</summary>
    Fixed = 1,
    /// <summary>A range the value may lie in.</summary>
    Range = 2,
    /// <summary>Kept for the record, ignored by aggregation.</summary>
    Excluded = 3,
}

public enum ReviewState
{
    Unreviewed = 1,
    Reviewed = 2,
    Disputed = 3,
}

/// <summary>One researcher's value or range for one (target, parameter), with its evidence.</summary>
public sealed class Entry
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public Guid? RegionId { get; set; }
    public Guid? PopulationId { get; set; }
    public Guid? ProjectionId { get; set; }
    public int ParameterDefinitionId { get; set; }
    public ParameterDefinition? Parameter { get; set; }
    public double? Value { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double? Sd { get; set; }
    public double? Sem { get; set; }
    public int? N { get; set; }
    public Guid ReferenceId { get; set; }
    public Reference? Reference { get; set; }
    public SetAs SetAs { get; set; } = SetAs.Fixed;
    public string Species { get; set; } = "";
    /// <summary>Method or preparation, e.g. "whole-cell patch, slice" or "simulation reference (NEST)".</summary>
    public string Method { get; set; } = "";
    /// <summary>Markdown; rendered sanitised by the UI.</summary>
    public string Notes { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public AppUser? Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public ReviewState ReviewState { get; set; } = ReviewState.Unreviewed;
    public string? ReviewedById { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>PostgreSQL's <c>xmin</c>: changes with every update, the optimistic concurrency token.</summary>
    public uint Version { get; set; }

    public EstimateTarget Target => new(RegionId, PopulationId, ProjectionId);
}

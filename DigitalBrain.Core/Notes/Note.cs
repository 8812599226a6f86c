using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Curation;

namespace DigitalBrain.Core.Notes;

/// <summary>One post in the discussion of a (target, parameter): Markdown written by a curator,
/// stored as typed and rendered sanitised by the UI.</summary>
public sealed class Note
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public Guid? RegionId { get; set; }
    public Guid? PopulationId { get; set; }
    public Guid? ProjectionId { get; set; }
    public int ParameterDefinitionId { get; set; }
    public string Markdown { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public AppUser? Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }

    public EstimateTarget Target => new(RegionId, PopulationId, ProjectionId);
}

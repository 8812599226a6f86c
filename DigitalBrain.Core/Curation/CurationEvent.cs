using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Notes;

namespace DigitalBrain.Core.Curation;

/// <summary>
/// One curation decision that is not an entry change: a note posted, edited or deleted, a value
/// pinned or unpinned, an aggregation method chosen. Written in the transaction of the change and
/// never updated, so a later pin, an unpin or a deleted note leaves the earlier states readable.
/// No foreign key to the note, estimate or target: the history outlives them, as entry audits do.
/// </summary>
public sealed class CurationEvent
{
    public long Id { get; set; }
    public Guid ModelId { get; set; }
    public int ParameterDefinitionId { get; set; }
    public Guid? RegionId { get; set; }
    public Guid? PopulationId { get; set; }
    public Guid? ProjectionId { get; set; }
    /// <summary>One of the note, pin and method actions (<see cref="ActivityAction.NotePosted"/> and after).</summary>
    public ActivityAction Action { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>The note or the collective estimate the event is about.</summary>
    public Guid SubjectId { get; set; }
    /// <summary>Pinned value before and after (parameter unit); null where there was or is no pin.</summary>
    public double? OldValue { get; set; }
    public double? NewValue { get; set; }
    /// <summary>Before and after in words: the note's Markdown, the pin's reason, or the method's name.</summary>
    public string? OldText { get; set; }
    public string? NewText { get; set; }

    public static CurationEvent ForNote(Note note, ActivityAction action, string userId, DateTimeOffset at, string? oldText, string? newText) => new()
    {
        ModelId = note.ModelId, ParameterDefinitionId = note.ParameterDefinitionId,
        RegionId = note.RegionId, PopulationId = note.PopulationId, ProjectionId = note.ProjectionId,
        Action = action, UserId = userId, At = at, SubjectId = note.Id, OldText = oldText, NewText = newText,
    };

    public static CurationEvent ForEstimate(CollectiveEstimate estimate, ActivityAction action, string userId, DateTimeOffset at,
        double? oldValue = null, double? newValue = null, string? oldText = null, string? newText = null) => new()
    {
        ModelId = estimate.ModelId, ParameterDefinitionId = estimate.ParameterDefinitionId,
        RegionId = estimate.RegionId, PopulationId = estimate.PopulationId, ProjectionId = estimate.ProjectionId,
        Action = action, UserId = userId, At = at, SubjectId = estimate.Id,
        OldValue = oldValue, NewValue = newValue, OldText = oldText, NewText = newText,
    };
}

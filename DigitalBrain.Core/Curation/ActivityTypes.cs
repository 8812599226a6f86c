namespace DigitalBrain.Core.Curation;

/// <summary>What happened, across the tables that keep a trace of who did it.</summary>
public enum ActivityAction
{
    EntryAdded = 1,
    EntryEdited = 2,
    EntryDeleted = 3,
    EntryReviewed = 4,
    NotePosted = 5,
    ValuePinned = 6,
    MethodChosen = 7,
}

/// <summary>Every criterion is optional; <see cref="From"/> is inclusive, <see cref="To"/> exclusive.</summary>
public sealed record ActivityFilter(
    string? UserId = null, ActivityAction? Action = null, string? ParameterKey = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>One line of a model's activity log. <see cref="Target"/> is what was changed; its
/// name is empty when the target has since been deleted.</summary>
public sealed record ActivityItem(
    DateTimeOffset At, string UserId, string UserName, ActivityAction Action,
    string ParameterKey, string ParameterName, EstimateTarget Target, string TargetName, Guid? SubjectId);

/// <summary>The shape of the UNION query in <see cref="ActivityService"/>: one row per event.</summary>
internal sealed class ActivityRow
{
    public DateTimeOffset At { get; set; }
    public string UserId { get; set; } = "";
    public int Action { get; set; }
    public int? ParameterDefinitionId { get; set; }
    public Guid? RegionId { get; set; }
    public Guid? PopulationId { get; set; }
    public Guid? ProjectionId { get; set; }
    public Guid? SubjectId { get; set; }
}

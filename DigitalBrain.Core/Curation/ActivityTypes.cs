namespace DigitalBrain.Core.Curation;

/// <summary>What happened: entry changes come from <see cref="EntryAudit"/>, the rest from <see cref="CurationEvent"/>.</summary>
public enum ActivityAction
{
    EntryAdded = 1,
    EntryEdited = 2,
    EntryDeleted = 3,
    EntryReviewed = 4,
    NotePosted = 5,
    ValuePinned = 6,
    MethodChosen = 7,
    NoteEdited = 8,
    NoteDeleted = 9,
    ValueUnpinned = 10,
}

/// <summary>Every criterion is optional; <see cref="From"/> is inclusive, <see cref="To"/> exclusive.</summary>
public sealed record ActivityFilter(
    string? UserId = null, ActivityAction? Action = null, string? ParameterKey = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>
/// One line of a model's activity log. <see cref="Target"/> is what was changed; its name is empty
/// when the target has since been deleted. Before and after: <see cref="OldValue"/> →
/// <see cref="NewValue"/> in <see cref="Unit"/> (an entry's value, a pinned value) and
/// <see cref="OldText"/> → <see cref="NewText"/> (an entry's range as "[min, max]", a note's
/// Markdown, a pin's reason, a method's <see cref="Estimates.AggregationMethod"/> name).
/// </summary>
public sealed record ActivityItem(
    DateTimeOffset At, string UserId, string UserName, ActivityAction Action,
    string ParameterKey, string ParameterName, EstimateTarget Target, string TargetName, Guid? SubjectId)
{
    public string Unit { get; init; } = "";
    public double? OldValue { get; init; }
    public double? NewValue { get; init; }
    public string? OldText { get; init; }
    public string? NewText { get; init; }
}

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
    public long Sequence { get; set; }
    public double? OldValue { get; set; }
    public double? NewValue { get; set; }
    public string? OldText { get; set; }
    public string? NewText { get; set; }
}

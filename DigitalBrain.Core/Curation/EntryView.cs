namespace DigitalBrain.Core.Curation;

/// <summary>An entry as the UI and API show it. <see cref="Version"/> goes back with an edit.</summary>
public sealed record EntryView(
    Guid Id, Guid ModelId, EstimateTarget Target, string ParameterKey, string Unit,
    double? Value, double? Min, double? Max, double? Sd, double? Sem, int? N,
    ReferenceView Reference, SetAs SetAs, string Species, string Method, string Notes,
    string AuthorId, string AuthorName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    ReviewState ReviewState, string? ReviewedById, uint Version)
{
    /// <summary>Needs <see cref="Entry.Parameter"/>, <see cref="Entry.Reference"/> and <see cref="Entry.Author"/> loaded.</summary>
    internal static EntryView From(Entry e) => new(
        e.Id, e.ModelId, e.Target, e.Parameter!.Key, e.Parameter.Unit,
        e.Value, e.Min, e.Max, e.Sd, e.Sem, e.N,
        ReferenceView.From(e.Reference!), e.SetAs, e.Species, e.Method, e.Notes,
        e.AuthorId, e.Author?.DisplayName is { Length: > 0 } name ? name : e.Author?.UserName ?? "",
        e.CreatedAt, e.UpdatedAt, e.ReviewState, e.ReviewedById, e.Version);

    /// <summary>Where it lies on the parameter's axis (a method, not a property: views are serialized).</summary>
    public EntryPoint ToPoint() => new(Id, Value, Min, Max, SetAs);
}

/// <summary>A change in an entry's history; the snapshots are JSON of <see cref="EntryView"/>.</summary>
public sealed record EntryAuditView(long Id, Guid EntryId, AuditAction Action, string UserId, DateTimeOffset At, string? BeforeJson, string? AfterJson);

/// <summary>The entry changed (or was deleted) since the caller read it; nothing was written.
/// <see cref="Current"/> is what the entry holds now (null when it was deleted).</summary>
public sealed class ConcurrencyConflictException(EntryView? current)
    : Exception(current is null
        ? "The entry was deleted by someone else; nothing was changed."
        : $"The entry was changed by someone else (now {Describe(current)}); nothing was overwritten. Review the current value and try again.")
{
    public EntryView? Current { get; } = current;

    private static string Describe(EntryView v) =>
        v.Value is { } value
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} {v.Unit}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{v.Min}, {v.Max}] {v.Unit}");
}

using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Web.Components.Curation;
using MudBlazor;

namespace DigitalBrain.Web.Components.Activity;

/// <summary>Activity actions in words and colours, and what changed as "old → new".</summary>
public static class ActivityNames
{
    /// <summary>Note text in the log is cut here; the thread on the curation page has it whole.</summary>
    public const int ExcerptLength = 120;

    /// <summary>The actions in the order the filter offers them: entries, notes, then the owner's decisions.</summary>
    public static readonly ActivityAction[] Ordered =
    [
        ActivityAction.EntryAdded, ActivityAction.EntryEdited, ActivityAction.EntryDeleted, ActivityAction.EntryReviewed,
        ActivityAction.NotePosted, ActivityAction.NoteEdited, ActivityAction.NoteDeleted,
        ActivityAction.ValuePinned, ActivityAction.ValueUnpinned, ActivityAction.MethodChosen,
    ];

    public static string Of(ActivityAction action) => action switch
    {
        ActivityAction.EntryAdded => "added an entry",
        ActivityAction.EntryEdited => "edited an entry",
        ActivityAction.EntryDeleted => "deleted an entry",
        ActivityAction.EntryReviewed => "reviewed an entry",
        ActivityAction.NotePosted => "posted a note",
        ActivityAction.NoteEdited => "edited a note",
        ActivityAction.NoteDeleted => "deleted a note",
        ActivityAction.ValuePinned => "pinned the value",
        ActivityAction.ValueUnpinned => "unpinned the value",
        ActivityAction.MethodChosen => "chose the method",
        _ => action.ToString(),
    };

    public static Color ColourOf(ActivityAction action) => action switch
    {
        ActivityAction.EntryAdded => Color.Success,
        ActivityAction.EntryDeleted or ActivityAction.NoteDeleted => Color.Error,
        ActivityAction.EntryReviewed or ActivityAction.ValuePinned or ActivityAction.ValueUnpinned or ActivityAction.MethodChosen => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The change in words: values with their unit, methods by name, notes as a plain excerpt.</summary>
    public static string ChangeOf(ActivityItem item) => item.Action switch
    {
        ActivityAction.MethodChosen => $"{Method(item.OldText)} → {Method(item.NewText)}",
        ActivityAction.ValuePinned => item.OldValue is null
            ? $"{Value(item.NewValue, null, item.Unit)}{Reason(item.NewText)}"
            : $"{Value(item.OldValue, null, item.Unit)} → {Value(item.NewValue, null, item.Unit)}{Reason(item.NewText)}",
        ActivityAction.ValueUnpinned => $"was {Value(item.OldValue, null, item.Unit)}{Reason(item.OldText)}",
        ActivityAction.NotePosted => Excerpt(item.NewText),
        ActivityAction.NoteEdited => $"{Excerpt(item.OldText)} → {Excerpt(item.NewText)}",
        ActivityAction.NoteDeleted => Excerpt(item.OldText),
        ActivityAction.EntryAdded => Value(item.NewValue, item.NewText, item.Unit),
        ActivityAction.EntryDeleted => Value(item.OldValue, item.OldText, item.Unit),
        ActivityAction.EntryEdited or ActivityAction.EntryReviewed => Same(item)
            ? Value(item.NewValue, item.NewText, item.Unit)
            : $"{Value(item.OldValue, item.OldText, item.Unit)} → {Value(item.NewValue, item.NewText, item.Unit)}",
        _ => "",
    };

    private static bool Same(ActivityItem item) => item.OldValue == item.NewValue && item.OldText == item.NewText;

    private static string Value(double? value, string? range, string unit) =>
        value is { } v ? Numbers.WithUnit(Numbers.Format(v), unit) : range is { Length: > 0 } r ? Numbers.WithUnit(r, unit) : "—";

    private static string Reason(string? reason) => reason is { Length: > 0 } r ? $" ({OneLine(r)})" : "";

    private static string Method(string? name) =>
        Enum.TryParse<AggregationMethod>(name, out var method) ? AggregationNames.Of(method) : name ?? "—";

    /// <summary>Markdown shown as one line of plain text: no markup is rendered here, so nothing needs sanitising.</summary>
    private static string Excerpt(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return "—";
        var line = OneLine(markdown);
        return line.Length <= ExcerptLength ? $"“{line}”" : $"“{line[..ExcerptLength]}…”";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

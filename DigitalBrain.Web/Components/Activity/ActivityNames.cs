using DigitalBrain.Core.Curation;
using MudBlazor;

namespace DigitalBrain.Web.Components.Activity;

/// <summary>Activity actions in words and colours.</summary>
public static class ActivityNames
{
    public static string Of(ActivityAction action) => action switch
    {
        ActivityAction.EntryAdded => "added an entry",
        ActivityAction.EntryEdited => "edited an entry",
        ActivityAction.EntryDeleted => "deleted an entry",
        ActivityAction.EntryReviewed => "reviewed an entry",
        ActivityAction.NotePosted => "posted a note",
        ActivityAction.ValuePinned => "pinned the value",
        ActivityAction.MethodChosen => "chose the method",
        _ => action.ToString(),
    };

    public static Color ColourOf(ActivityAction action) => action switch
    {
        ActivityAction.EntryAdded => Color.Success,
        ActivityAction.EntryDeleted => Color.Error,
        ActivityAction.EntryReviewed or ActivityAction.ValuePinned or ActivityAction.MethodChosen => Color.Warning,
        _ => Color.Default,
    };
}

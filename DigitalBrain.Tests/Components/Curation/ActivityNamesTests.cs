using DigitalBrain.Core.Curation;
using DigitalBrain.Web.Components.Activity;

namespace DigitalBrain.Tests.Components.Curation;

/// <summary>How the activity page words each kind of change.</summary>
public sealed class ActivityNamesTests
{
    private static ActivityItem Item(ActivityAction action, double? oldValue = null, double? newValue = null, string? oldText = null, string? newText = null) =>
        new(DateTimeOffset.UnixEpoch, "u", "U", action, "tau_m", "Membrane time constant", default, "L23E", null)
        {
            Unit = "ms", OldValue = oldValue, NewValue = newValue, OldText = oldText, NewText = newText,
        };

    [Fact]
    public void Every_action_has_its_own_words()
    {
        var words = Enum.GetValues<ActivityAction>().Select(ActivityNames.Of).ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.DoesNotContain(words, w => Enum.GetNames<ActivityAction>().Contains(w));
        Assert.Equal(Enum.GetValues<ActivityAction>().Order(), ActivityNames.Ordered.Order());
    }

    [Theory]
    [InlineData(ActivityAction.ValuePinned, null, 11.0, null, "consensus", "11 ms (consensus)")]
    [InlineData(ActivityAction.ValuePinned, 11.0, 12.5, "consensus", "new data", "11 ms → 12.5 ms (new data)")]
    [InlineData(ActivityAction.ValueUnpinned, 12.5, null, "new data", null, "was 12.5 ms (new data)")]
    [InlineData(ActivityAction.MethodChosen, null, null, "Mean", "TrimmedMean", "arithmetic mean → trimmed mean")]
    [InlineData(ActivityAction.NoteEdited, null, null, "a  **b**\nc", "d", "“a **b** c” → “d”")]
    [InlineData(ActivityAction.NoteDeleted, null, null, "gone", null, "“gone”")]
    [InlineData(ActivityAction.EntryEdited, 10.0, 12.0, null, null, "10 ms → 12 ms")]
    [InlineData(ActivityAction.EntryEdited, 10.0, null, null, "[1, 2]", "10 ms → [1, 2] ms")]
    [InlineData(ActivityAction.EntryReviewed, 10.0, 10.0, null, null, "10 ms")]
    [InlineData(ActivityAction.EntryDeleted, null, null, "[1, 2]", null, "[1, 2] ms")]
    public void A_change_reads_old_to_new_with_units_and_method_names(ActivityAction action, double? oldValue, double? newValue, string? oldText, string? newText, string expected) =>
        Assert.Equal(expected, ActivityNames.ChangeOf(Item(action, oldValue, newValue, oldText, newText)));

    [Fact]
    public void Long_notes_are_cut_to_an_excerpt()
    {
        var change = ActivityNames.ChangeOf(Item(ActivityAction.NotePosted, newText: new string('x', 500)));
        Assert.Equal(ActivityNames.ExcerptLength + 3, change.Length);
        Assert.EndsWith("…”", change, StringComparison.Ordinal);
    }
}

using Bunit;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Web.Components.Curation;
using static DigitalBrain.Tests.Components.Curation.CurationViews;

namespace DigitalBrain.Tests.Components.Curation;

public sealed class EstimateControlsTests : MudComponentTest
{
    [Fact]
    public void A_pinned_estimate_shows_the_pin_to_everyone_and_owners_can_unpin()
    {
        var entries = new[] { Entry(10), Entry(12) };
        var pinned = Estimate(entries, 11, 1.41, null, null) with
        {
            PinnedValue = 11.5, EffectiveValue = 11.5, PinReason = "consensus of the lab", PinnedAt = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero),
            Method = AggregationMethod.Median,
        };

        var panel = RenderInteractive<OutcomePanel>(p => p.Add(x => x.Estimate, pinned).Add(x => x.Points, entries.Select(e => e.ToPoint()).ToList()));
        Assert.Equal("11.5 mV", panel.Find("[data-testid=outcome-value]").TextContent.Trim());
        Assert.Equal("median", panel.Find("[data-testid=outcome-method]").TextContent.Trim());
        Assert.Equal("pinned on 2026-11-20 (computed 11 mV): consensus of the lab", panel.Find("[data-testid=outcome-pin]").TextContent.Trim());

        var unpinned = 0;
        var controls = RenderInteractive<EstimateControls>(p => p.Add(x => x.Estimate, pinned).Add(x => x.Unit, "mV")
            .Add(x => x.Unpin, () => { unpinned++; return Task.CompletedTask; }));
        Assert.Equal("Pinned at 11.5 mV", controls.Find("[data-testid=pin-state]").TextContent.Trim());
        Assert.Empty(controls.FindAll("button[data-testid=pin]"));
        controls.Find("button[data-testid=unpin]").Click();
        Assert.Equal(1, unpinned);
    }

    [Fact]
    public void Pin_needs_a_value_and_a_reason_and_hands_both_to_the_page()
    {
        (double Value, string Reason)? pinned = null;
        var cut = RenderInteractive<EstimateControls>(p => p.Add(x => x.Estimate, null).Add(x => x.Unit, "ms")
            .Add(x => x.Pin, (v, r) => { pinned = (v, r); return Task.FromResult(true); }));

        Assert.True(cut.Find("button[data-testid=pin]").HasAttribute("disabled"));
        cut.Find("[data-testid=pin-value] input, input[data-testid=pin-value]").Input("12.5");
        Assert.True(cut.Find("button[data-testid=pin]").HasAttribute("disabled"));
        cut.Find("[data-testid=pin-reason] input, input[data-testid=pin-reason]").Input("from the NEST reference");
        cut.Find("button[data-testid=pin]").Click();

        Assert.Equal((12.5, "from the NEST reference"), pinned);
    }

    [Fact]
    public void The_method_in_effect_is_the_estimates_else_the_catalogue_default()
    {
        var entries = new[] { Entry(10), Entry(12) };
        var cut = RenderInteractive<EstimateControls>(p => p.Add(x => x.Estimate, Estimate(entries, 11, 1.41, null, null) with { Method = AggregationMethod.TrimmedMean }));
        // The menu's items render only when it opens, so the closed select shows just the method in effect.
        Assert.Contains("trimmed mean", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("geometric mean", cut.Markup, StringComparison.Ordinal);

        var fresh = RenderInteractive<EstimateControls>(p => p.Add(x => x.Estimate, null).Add(x => x.DefaultMethod, AggregationMethod.GeometricMean));
        Assert.Contains("geometric mean", fresh.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("trimmed mean", fresh.Markup, StringComparison.Ordinal);
    }
}

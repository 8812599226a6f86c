using Bunit;
using DigitalBrain.Web.Components.Curation;
using static DigitalBrain.Tests.Components.Curation.CurationViews;

namespace DigitalBrain.Tests.Components.Curation;

public sealed class OutcomePanelTests : MudComponentTest
{
    [Fact]
    public void The_estimate_is_shown_with_unit_method_counts_spread_and_interval()
    {
        var entries = new[] { Entry(0.1), Entry(0.2), Entry(0.3) };
        var estimate = Estimate(entries, 0.2, 0.1, -0.048, 0.448);

        var cut = RenderInteractive<OutcomePanel>(p => p.Add(x => x.Estimate, estimate).Add(x => x.Points, entries.Select(e => e.ToPoint()).ToList()));

        Assert.Equal("0.2 mV", cut.Find("[data-testid=outcome-value]").TextContent.Trim());
        Assert.Equal("arithmetic mean", cut.Find("[data-testid=outcome-method]").TextContent.Trim());
        Assert.Equal("3 / 3", cut.Find("[data-testid=outcome-counts]").TextContent.Trim());
        Assert.Equal("0.1", cut.Find("[data-testid=outcome-sd]").TextContent.Trim());
        Assert.Equal("[-0.048, 0.448]", cut.Find("[data-testid=outcome-ci]").TextContent.Trim());
        Assert.Equal(3, cut.FindAll("[data-testid=strip-plot] circle").Count);
    }

    [Fact]
    public void Outliers_are_counted_and_drawn_apart_in_the_strip_plot()
    {
        var entries = new[] { Entry(0.1), Entry(0.11), Entry(0.12), Entry(5.0) };
        var estimate = Estimate(entries, 1.33, 2.4, null, null, entries[3].Id);

        var cut = RenderInteractive<OutcomePanel>(p => p.Add(x => x.Estimate, estimate).Add(x => x.Points, entries.Select(e => e.ToPoint()).ToList()));

        Assert.Equal("1", cut.Find("[data-testid=outcome-outliers]").TextContent.Trim());
        var flags = cut.FindAll("[data-testid=strip-plot] circle").Select(c => c.GetAttribute("data-outlier")).ToList();
        Assert.Equal(["false", "false", "false", "true"], flags);
        // The outlier lies at the right end of the axis: 8 + (5 − 0.1)/(5 − 0.1)·284 = 292.
        Assert.Equal("292.0", cut.FindAll("[data-testid=strip-plot] circle")[3].GetAttribute("cx"));
        Assert.Equal("—", cut.Find("[data-testid=outcome-ci]").TextContent.Trim());
    }

    [Fact]
    public void Many_entries_are_drawn_as_a_histogram_with_the_outliers_still_as_points()
    {
        // 100 entries: 0.01 … 1.00 and one far outlier at 10.
        var entries = Enumerable.Range(1, 100).Select(i => Entry(i / 100.0)).Append(Entry(10)).ToArray();
        var estimate = Estimate(entries, 0.6, 1.0, null, null, entries[^1].Id);

        var cut = RenderInteractive<OutcomePanel>(p => p.Add(x => x.Estimate, estimate).Add(x => x.Points, entries.Select(e => e.ToPoint()).ToList()));

        var bins = cut.FindAll("[data-testid=strip-plot] rect.db-strip-bin");
        Assert.Equal(100, bins.Sum(b => int.Parse(b.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture)));
        // The axis runs 0.01 … 10 in 40 bins of 0.25: the 100 values fill the first four (25 each).
        Assert.Equal([25, 25, 25, 25], bins.Select(b => int.Parse(b.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture)));
        var circles = cut.FindAll("[data-testid=strip-plot] circle");
        Assert.Equal("true", Assert.Single(circles).GetAttribute("data-outlier"));
        Assert.Equal("292.0", circles[0].GetAttribute("cx"));
    }

    [Fact]
    public void Without_entries_the_panel_says_there_is_no_estimate_yet()
    {
        var cut = RenderInteractive<OutcomePanel>(p => p.Add(x => x.Estimate, null).Add(x => x.Points, []));

        Assert.Equal("No estimate yet: add the first entry.", cut.Find("[data-testid=outcome-empty]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=outcome-value]"));
        Assert.Empty(cut.FindAll("[data-testid=strip-plot]"));
    }
}

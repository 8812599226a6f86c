using Bunit;
using DigitalBrain.Core.Models;
using DigitalBrain.Web.Components.Curation;
using static DigitalBrain.Tests.Components.Curation.CurationViews;

namespace DigitalBrain.Tests.Components.Curation;

public sealed class EntriesGridTests : MudComponentTest
{
    [Fact]
    public void Values_ranges_units_and_doi_links_are_rendered_invariantly()
    {
        var single = Entry(0.15, sd: 0.05, n: 12);
        var range = Entry(null, min: 0.1, max: 0.3);

        var cut = RenderInteractive<EntriesGrid>(p => p.Add(x => x.Entries, [single, range]));

        var values = cut.FindAll("[data-testid=entry-value]").Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("0.15 mV", values[0], StringComparison.Ordinal);
        Assert.Contains("± 0.05 SD", values[0], StringComparison.Ordinal);
        Assert.Contains("(n = 12)", values[0], StringComparison.Ordinal);
        Assert.StartsWith("[0.1, 0.3] mV", values[1], StringComparison.Ordinal);
        Assert.Equal("https://doi.org/10.1093/cercor/bhs358", cut.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void Outliers_are_marked_and_only_they()
    {
        var normal = Entry(0.15);
        var outlier = Entry(9.0);

        var cut = RenderInteractive<EntriesGrid>(p => p.Add(x => x.Entries, [normal, outlier]).Add(x => x.OutlierIds, [outlier.Id]));

        var rows = cut.FindAll("[data-testid=entry-row]");
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=outlier-chip]"));
        Assert.Single(rows[1].QuerySelectorAll("[data-testid=outlier-chip]"));
        Assert.Contains("db-entry-outlier", rows[1].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void No_entries_shows_the_empty_state()
    {
        var cut = RenderInteractive<EntriesGrid>(p => p.Add(x => x.Entries, []));

        Assert.Equal("No entries yet for this parameter.", cut.Find("[data-testid=entries-empty]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=entries-grid]"));
    }

    [Theory]
    [InlineData(ModelRole.Viewer, 0)]
    [InlineData(ModelRole.Curator, 1)]
    [InlineData(ModelRole.Owner, 2)]
    public void Edit_controls_follow_the_role_curators_only_on_their_own_entries(ModelRole role, int editable)
    {
        var mine = Entry(0.15, author: "me");
        var theirs = Entry(0.2, author: "someone-else");

        var cut = RenderInteractive<EntriesGrid>(p => p.Add(x => x.Entries, [mine, theirs]).Add(x => x.Role, role).Add(x => x.CurrentUserId, "me"));

        Assert.Equal(editable, cut.FindAll("[data-testid=edit-entry]").Count);
        Assert.Equal(editable, cut.FindAll("[data-testid=delete-entry]").Count);
    }
}

using System.Diagnostics;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.Playwright;
using static DigitalBrain.Tests.Browser.Curation.CurationPages;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Curation;

/// <summary>Curation end to end on the shared app: models, structure, entries, live updates, roles.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class CurationBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_researcher_creates_a_model_and_population_adds_an_entry_with_a_doi_and_sees_the_estimate()
    {
        var (page, _) = await NewUserAsync(browser, fixture, "Grace Curator");

        await page.GotoAsync("/models");
        await Expect(page.GetByTestId("create-model")).ToBeVisibleAsync();
        await page.GetByTestId("create-model").ClickAsync();
        // An empty name is refused at the name field, not in a banner.
        await page.GetByTestId("save-model").ClickAsync();
        await Expect(page.Locator(".mud-dialog .mud-input-control.mud-input-error").First).ToContainTextAsync("A model needs a name.");
        await Field(page, "model-name").FillAsync("Barrel cortex");
        await page.GetByTestId("save-model").ClickAsync();
        // The save navigates to the new model's page; on a loaded CI machine that can take longer than the default 15 s.
        await page.WaitForURLAsync(url => url.Contains("/models/", StringComparison.Ordinal) && !url.EndsWith("/models", StringComparison.Ordinal),
            new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("role-chip").First).ToHaveTextAsync("owner");
        await BrowserFixture.ScreenshotAsync(page, "curation-model");

        await page.GetByRole(AriaRole.Link, new() { Name = "Structure" }).ClickAsync();
        await page.GetByText("Edit structure").ClickAsync();
        await Field(page, "region-name").FillAsync("S1");
        await page.GetByTestId("add-region").ClickAsync();
        await Expect(page.GetByTestId("structure-tree")).ToContainTextAsync("S1");
        await Field(page, "population-name").FillAsync("L4e");
        await page.GetByTestId("add-population").ClickAsync();
        var link = page.GetByTestId("populations-grid").GetByRole(AriaRole.Link, new() { Name = "L4e" });
        await Expect(link).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "curation-structure");

        await link.ClickAsync();
        await Expect(page.GetByTestId("curation-live")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("outcome-empty")).ToBeVisibleAsync();
        await AddEntryAsync(page, "1200", "https://doi.org/10.1093/CERCOR/bhs358");
        await Expect(page.GetByTestId("outcome-value")).ToHaveTextAsync("1200 neurons");
        await Expect(page.GetByTestId("entry-row")).ToContainTextAsync("doi:10.1093/cercor/bhs358");

        await AddEntryAsync(page, "1800", "10.1016/j.neuron.2010.01.001");
        await Expect(page.GetByTestId("outcome-value")).ToHaveTextAsync("1500 neurons");
        await Expect(page.GetByTestId("outcome-counts")).ToHaveTextAsync("2 / 2");
        await BrowserFixture.ScreenshotAsync(page, "curation-population");
    }

    [Fact]
    public async Task A_second_user_sees_an_entry_appear_live_without_reloading()
    {
        var (owner, ownerId) = await NewUserAsync(browser, fixture, "Alice Owner");
        var (curator, curatorId) = await NewUserAsync(browser, fixture, "Bob Curator");
        var (modelId, populationId) = await ModelWithPopulationAsync(fixture, ownerId);
        await AddMemberAsync(fixture, modelId, ownerId, curatorId, ModelRole.Curator);

        await OpenPopulationAsync(owner, modelId, populationId);
        await OpenPopulationAsync(curator, modelId, populationId);
        await Expect(curator.GetByTestId("entry-form")).ToBeVisibleAsync();
        await Expect(curator.GetByTestId("entries-empty")).ToBeVisibleAsync();

        await AddEntryAsync(owner, "950", "10.1093/cercor/bhs358");
        await Expect(owner.GetByTestId("outcome-value")).ToHaveTextAsync("950 neurons");
        var seen = Stopwatch.StartNew();
        await Expect(curator.GetByTestId("entry-value")).ToContainTextAsync("950 neurons", new() { Timeout = 2_000 });
        await Expect(curator.GetByTestId("outcome-value")).ToHaveTextAsync("950 neurons", new() { Timeout = 2_000 });
        TestContext.Current.TestOutputHelper?.WriteLine($"live update seen {seen.ElapsedMilliseconds} ms after the writer's page showed it");
    }

    [Fact]
    public async Task A_viewer_sees_entries_but_no_edit_controls_while_the_owner_does()
    {
        var (owner, ownerId) = await NewUserAsync(browser, fixture, "Olga Owner");
        var (viewer, viewerId) = await NewUserAsync(browser, fixture, "Victor Viewer");
        var (modelId, populationId) = await ModelWithPopulationAsync(fixture, ownerId);
        await AddMemberAsync(fixture, modelId, ownerId, viewerId, ModelRole.Viewer);

        await OpenPopulationAsync(owner, modelId, populationId);
        await AddEntryAsync(owner, "700", "10.1093/cercor/bhs358");
        await Expect(owner.GetByTestId("edit-entry")).ToBeVisibleAsync();

        await OpenPopulationAsync(viewer, modelId, populationId);
        await Expect(viewer.GetByTestId("entry-value")).ToContainTextAsync("700 neurons");
        await Expect(viewer.GetByTestId("entry-form")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("edit-entry")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("delete-entry")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(viewer, "curation-viewer");
    }

    [Fact]
    public async Task A_parameter_with_many_entries_lists_the_latest_and_all_on_request_without_motion()
    {
        var (owner, ownerId) = await NewUserAsync(browser, fixture, "Lena Lister");
        var (modelId, populationId) = await ModelWithPopulationAsync(fixture, ownerId);
        var entries = new EntryService(PostgresFixture.CreateFactory(fixture.ConnectionString));
        for (var i = 1; i <= 30; i++)
        {
            await entries.AddAsync(new Actor(ownerId), modelId, EstimateTarget.ForPopulation(populationId),
                new EntryInput { ParameterKey = "neuron_count", Value = 1000 + i, Doi = "10.1093/cercor/bhs358" }, TestContext.Current.CancellationToken);
        }

        await OpenPopulationAsync(owner, modelId, populationId);
        var values = owner.GetByTestId("entry-value");
        await Expect(values).ToHaveCountAsync(25);
        await Expect(values.First).ToContainTextAsync("1006 neurons");
        await Expect(values.Last).ToContainTextAsync("1030 neurons");
        await Expect(owner.GetByTestId("show-all-entries")).ToContainTextAsync("Show all 30 entries");
        await owner.GetByTestId("show-all-entries").ClickAsync();
        await Expect(values).ToHaveCountAsync(30);
        await Expect(values.First).ToContainTextAsync("1001 neurons");
        await Expect(owner.GetByTestId("show-all-entries")).ToHaveCountAsync(0);

        // Every browser on this page pays for motion in composited frames on each click (README, load test).
        var button = owner.GetByTestId("parameter-neuron_count");
        Assert.Equal("0s", await button.EvaluateAsync<string>("e => getComputedStyle(e).transitionDuration"));
        Assert.DoesNotContain("mud-ripple", await button.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Equal("0s", await owner.Locator(".mud-tab").First.EvaluateAsync<string>("e => getComputedStyle(e).transitionDuration"));
    }
}

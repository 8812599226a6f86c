using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Tests.Infrastructure;
using static DigitalBrain.Tests.Browser.Curation.CurationPages;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Curation;

/// <summary>The activity page lists the curation history kinds (issue 7 point 2) and links each line to its target.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class ActivityBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_activity_page_lists_repins_unpins_method_changes_and_note_edits_and_deletes()
    {
        var ct = TestContext.Current.CancellationToken;
        var (page, ownerId) = await NewUserAsync(browser, fixture, "Ada Owner");
        var (modelId, populationId) = await ModelWithPopulationAsync(fixture, ownerId);
        var factory = PostgresFixture.CreateFactory(fixture.ConnectionString);
        var owner = new Actor(ownerId);
        var target = EstimateTarget.ForPopulation(populationId);
        var estimates = new EstimateService(factory);
        var notes = new NoteService(factory);
        await estimates.PinAsync(owner, modelId, target, "tau_m", 11, "lab consensus", ct);
        await estimates.PinAsync(owner, modelId, target, "tau_m", 12.5, "new data", ct);
        await estimates.UnpinAsync(owner, modelId, target, "tau_m", ct);
        await estimates.SetMethodAsync(owner, modelId, target, "tau_m", AggregationMethod.Median, ct);
        var note = await notes.AddAsync(owner, modelId, target, "tau_m", "first thought", ct);
        await notes.EditAsync(owner, note.Id, "second thought", ct);
        await notes.DeleteAsync(owner, note.Id, ct);

        await page.GotoAsync($"/models/{modelId}/activity");
        var rows = page.GetByTestId("activity-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(7, new() { Timeout = 30_000 });
        await Expect(rows.Nth(0)).ToContainTextAsync("deleted a note");
        await Expect(rows.Nth(0)).ToContainTextAsync("“second thought”");
        await Expect(rows.Nth(1)).ToContainTextAsync("“first thought” → “second thought”");
        await Expect(rows.Nth(3)).ToContainTextAsync("arithmetic mean → median");
        await Expect(rows.Nth(4)).ToContainTextAsync("unpinned the value");
        await Expect(rows.Nth(4)).ToContainTextAsync("was 12.5 ms (new data)");
        await Expect(rows.Nth(5)).ToContainTextAsync("11 ms → 12.5 ms (new data)");
        await Expect(rows.Nth(6)).ToContainTextAsync("pinned the value");
        await BrowserFixture.ScreenshotAsync(page, "activity-history");

        await rows.Nth(4).GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "L4e" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/populations/{populationId}", StringComparison.Ordinal));
    }
}

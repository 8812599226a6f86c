using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Import;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.Playwright;
using static DigitalBrain.Tests.Browser.Curation.CurationPages;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Curation;

/// <summary>The references, coverage and activity pages end to end, with hostile text stored in
/// every place users' text is shown: no script may run (a dialog handler must never fire).</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class CurationLibraryBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string HostileNote = "Hostile: <script>alert('note')</script> <img src=x onerror=\"alert('img')\"> [click me](javascript:alert('link')) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)";

    // The CI machine is shared and can be heavily loaded; a first visit of a page may take long.
    private static readonly PageGotoOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task References_coverage_and_activity_pages_show_the_curation_and_stored_hostile_text_stays_inert()
    {
        var ct = TestContext.Current.CancellationToken;
        var (page, ownerId) = await NewUserAsync(browser, fixture, "Rosalind Owner");
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        var (modelId, populationId) = await ModelWithPopulationAsync(fixture, ownerId);
        var factory = PostgresFixture.CreateFactory(fixture.ConnectionString);
        var owner = new Actor(ownerId);
        var target = EstimateTarget.ForPopulation(populationId);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var bib = $$"""
            @article{evil{{tag}},
              title = {<script>alert('bib')</script><img src=x onerror=alert('bibimg')> Hostile cortex {{tag}}},
              author = {Mallory, M.},
              year = {2020},
              doi = {10.5555/hostile.{{tag}}}
            }
            """;
        var import = await new ReferenceImportService(factory).ImportAsync(ReferenceImportService.Parse(bib, BibliographyFormat.BibTex), dryRun: false, ct);
        Assert.True(import.Committed);
        await new EntryService(factory).AddAsync(owner, modelId, target, new EntryInput
        {
            ParameterKey = "neuron_count", Value = 1200, Doi = $"10.5555/hostile.{tag}", Notes = HostileNote,
        }, ct);
        await new NoteService(factory).AddAsync(owner, modelId, target, "neuron_count", HostileNote, ct);

        await page.GotoAsync($"/models/{modelId}/populations/{populationId}?parameter=neuron_count", Slow);
        await Expect(page.GetByTestId("curation-live")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("note")).ToContainTextAsync("Hostile:");
        await Expect(page.GetByTestId("entry-notes")).ToContainTextAsync("Hostile:");
        await Expect(page.GetByTestId("estimate-controls")).ToBeVisibleAsync();
        await page.GetByTestId("note").GetByText("click me").ClickAsync();
        await Expect(page.Locator("[data-testid=notes-thread] script, [data-testid=notes-thread] img, [data-testid=notes-thread] [onerror]")).ToHaveCountAsync(0);
        await Field(page, "note-text").FillAsync("Counted in **three** slices");
        await page.GetByTestId("post-note").ClickAsync();
        await Expect(page.GetByTestId("note").Nth(1).Locator("strong")).ToHaveTextAsync("three");
        await BrowserFixture.ScreenshotAsync(page, "curation-notes");

        await page.GetByRole(AriaRole.Link, new() { Name = "Coverage" }).ClickAsync();
        await Expect(page.GetByTestId("coverage-summary")).ToContainTextAsync("with one");
        await Expect(page.Locator("[data-testid=coverage-populations] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "curation-coverage");
        await page.GetByRole(AriaRole.Tab, new() { Name = "To-do list" }).ClickAsync();
        await Expect(page.GetByTestId("todo-link").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "curation-coverage-todo");

        await page.GotoAsync($"/models/{modelId}/activity", Slow);
        await Expect(page.GetByTestId("activity-row")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("activity-row").First).ToContainTextAsync("posted a note");
        await BrowserFixture.ScreenshotAsync(page, "curation-activity");

        await LivePage.GotoAsync(page, "/references", Slow);
        await Field(page, "reference-search").FillAsync(tag);
        await Expect(page.GetByTestId("reference-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("reference-row")).ToContainTextAsync("<script>alert('bib')</script>");
        await BrowserFixture.ScreenshotAsync(page, "curation-references");
        await page.GetByTestId("reference-open").ClickAsync();
        await Expect(page.GetByTestId("citation-row")).ToContainTextAsync("1200 neurons");
        await BrowserFixture.ScreenshotAsync(page, "curation-reference");

        Assert.Empty(dialogs);
    }
}

using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Curation;

/// <summary>Browser steps on the curation pages, and set-up through the Core services where the
/// test is not about the page that would do it.</summary>
internal static class CurationPages
{
    /// <summary>A MudBlazor field's input, whether the test id landed on the input or its wrapper.</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}]").First;

    /// <summary>Registers (which also logs in) a fresh user in a fresh browser context.</summary>
    public static async Task<(IPage Page, string UserId)> NewUserAsync(BrowserFixture browser, AccountsAppFixture app, string displayName)
    {
        var page = await browser.NewPageAsync(app.App.BaseAddress);
        var email = AccountPages.UniqueEmail(displayName.Split(' ')[0].ToLowerInvariant());
        await AccountPages.RegisterAsync(page, displayName, email, "a long enough passphrase");
        await Expect(AccountPages.UserMenuButton(page, displayName)).ToBeVisibleAsync();
        await using var db = PostgresFixture.CreateContext(app.ConnectionString);
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        return (page, id);
    }

    /// <summary>A private model owned by <paramref name="ownerId"/> with one region and one population.</summary>
    public static async Task<(Guid ModelId, Guid PopulationId)> ModelWithPopulationAsync(AccountsAppFixture app, string ownerId)
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = PostgresFixture.CreateFactory(app.ConnectionString);
        var owner = new Actor(ownerId);
        var model = await new BrainModelService(factory).CreateAsync(owner, new BrainModelInput($"Live test {Guid.NewGuid():N}"), ct);
        var structure = new StructureService(factory);
        var region = await structure.AddRegionAsync(owner, model.Id, new RegionInput("Ctx", "V1"), ct);
        var population = await structure.AddPopulationAsync(owner, model.Id, new PopulationInput(region, null, "L4e", "spiny stellate", "iaf_psc_exp"), ct);
        return (model.Id, population);
    }

    public static Task AddMemberAsync(AccountsAppFixture app, Guid modelId, string ownerId, string userId, ModelRole role) =>
        new BrainModelService(PostgresFixture.CreateFactory(app.ConnectionString))
            .SetMemberAsync(new Actor(ownerId), modelId, userId, role, TestContext.Current.CancellationToken);

    /// <summary>Opens a population page and waits for the circuit and its live subscription: the
    /// prerendered page looks the same, but input typed into it is lost.</summary>
    public static async Task OpenPopulationAsync(IPage page, Guid modelId, Guid populationId)
    {
        await page.GotoAsync($"/models/{modelId}/populations/{populationId}");
        await Expect(page.GetByTestId("curation-live")).ToBeVisibleAsync();
    }

    public static async Task AddEntryAsync(IPage page, string value, string doi)
    {
        await Field(page, "entry-value-input").FillAsync(value);
        await Field(page, "entry-doi").FillAsync(doi);
        await page.GetByTestId("save-entry").ClickAsync();
    }
}

using DigitalBrain.Core.Seeding;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Runs;

/// <summary>The run launch dialog of a model's runs page, as the browser tests drive it.</summary>
internal static class RunDialog
{
    /// <summary>The first admin logged in on a fresh page, the page's console errors as they come, and
    /// the seeded microcircuit model the run tests launch.</summary>
    public static async Task<(IPage Page, List<string> ConsoleErrors, Guid ModelId)> AdminWithMicrocircuitAsync(BrowserFixture browser, AccountsAppFixture fixture)
    {
        Guid modelId;
        await using (var db = PostgresFixture.CreateContext(fixture.ConnectionString))
            modelId = (await db.BrainModels.SingleAsync(m => m.SeedKey == MicrocircuitSeed.SeedKey, TestContext.Current.CancellationToken)).Id;
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                consoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        await AccountPages.LogInAsync(page, AccountsAppFixture.AdminEmail, AccountsAppFixture.AdminPassword);
        await Expect(AccountPages.UserMenuButton(page, AccountsAppFixture.AdminDisplayName)).ToBeVisibleAsync();
        return (page, consoleErrors, modelId);
    }

    public static async Task OpenAsync(IPage page)
    {
        await page.GetByTestId("run-button").ClickAsync();
        // The dialog opens once the model has compiled (for its size), which a loaded CI machine makes slow.
        await Expect(page.GetByTestId("run-launch")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    public static ILocator Field(IPage page, string id) => page.Locator($"#{id} input, input#{id}").First;

    public static async Task FillAsync(IPage page, string id, string value)
    {
        await Field(page, id).FillAsync(value);
        await Field(page, id).PressAsync("Tab");
    }
}

using Microsoft.Playwright;

namespace DigitalBrain.Tests.Browser;

/// <summary>What a person does on the account pages, as browser steps.</summary>
internal static class AccountPages
{
    public static async Task RegisterAsync(IPage page, string displayName, string email, string password)
    {
        await page.GotoAsync("/account/register");
        await page.FillAsync("#register-name", displayName);
        await page.FillAsync("#register-email", email);
        await page.FillAsync("#register-password", password);
        await page.FillAsync("#register-confirm", password);
        await SubmitAsync(page, "register-submit");
    }

    public static async Task LogInAsync(IPage page, string email, string password)
    {
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
            await page.GotoAsync("/account/login");
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", password);
        await SubmitAsync(page, "login-submit");
    }

    /// <summary>The user menu of the interactive app bar (a button labelled with the display
    /// name); waiting for it also waits for the circuit, since the prerendered bar has no button.</summary>
    public static ILocator UserMenuButton(IPage page, string displayName) =>
        page.GetByRole(AriaRole.Button, new() { Name = displayName });

    /// <summary>Opens the user menu. A click that lands while the circuit is still attaching its
    /// handlers is lost, so a menu that did not open is clicked again (at most three times).</summary>
    public static async Task OpenUserMenuAsync(IPage page, string displayName)
    {
        var menuContent = page.GetByTestId("user-menu-name");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await UserMenuButton(page, displayName).ClickAsync();
            try
            {
                await menuContent.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Try again.
            }
        }
    }

    public static string UniqueEmail(string who) => $"{who}.{Guid.NewGuid():N}@example.org";

    private static async Task SubmitAsync(IPage page, string testId)
    {
        // A static form post: wait for the answer to the POST itself, then for the page it leads to.
        await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId(testId).ClickAsync(),
            response => response.Request.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}

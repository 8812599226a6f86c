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

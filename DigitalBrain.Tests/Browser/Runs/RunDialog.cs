using Microsoft.Playwright;

namespace DigitalBrain.Tests.Browser.Runs;

/// <summary>The run launch dialog of a model's runs page, as the browser tests drive it.</summary>
internal static class RunDialog
{
    /// <summary>A click that lands before the circuit attached its handlers is lost: click again
    /// until the dialog shows (at most three times).</summary>
    public static async Task OpenAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("run-button").ClickAsync();
            try
            {
                await page.GetByTestId("run-launch").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Try again.
            }
        }
    }

    public static ILocator Field(IPage page, string id) => page.Locator($"#{id} input, input#{id}").First;

    public static async Task FillAsync(IPage page, string id, string value)
    {
        await Field(page, id).FillAsync(value);
        await Field(page, id).PressAsync("Tab");
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser;

/// <summary>
/// The app's page content is inert until its circuit is up (MainLayout), so a click or a tick on a
/// prerendered page waits by itself: Playwright retries until the element receives pointer events.
/// Typing does not wait (Playwright's fill of an inert field does nothing and reports success), so a
/// test that types right after navigating waits here first.
/// </summary>
internal static class LivePage
{
    private static readonly Regex AnyValue = new(".*");

    public static ILocator Content(IPage page) => page.GetByTestId("page-content");

    public static Task ExpectInertAsync(IPage page) => Expect(Content(page)).ToHaveAttributeAsync("inert", AnyValue);

    public static Task ExpectLiveAsync(IPage page, float? timeoutMs = null) =>
        Expect(Content(page)).Not.ToHaveAttributeAsync("inert", AnyValue, new() { Timeout = timeoutMs });

    public static async Task GotoAsync(IPage page, string url, PageGotoOptions? options = null)
    {
        await page.GotoAsync(url, options);
        await ExpectLiveAsync(page, options?.Timeout);
    }
}

using DigitalBrain.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser;

/// <summary>A prerendered page cannot be used before its circuit is up (input would be lost), and
/// statically rendered pages, which never get a circuit, always can.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class PrerenderBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Page_content_is_inert_until_the_circuit_is_up_and_static_forms_never_are()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        // Without Blazor's script the circuit never comes: the page stays as prerendered.
        await page.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());

        await page.GotoAsync("/");
        await LivePage.ExpectInertAsync(page);
        var link = LivePage.Content(page).Locator("a[href]").First;
        await Expect(link).ToBeVisibleAsync();
        Assert.False(await TakesFocusAsync(link), "a link of the prerendered page took the focus");

        // The log-in form is static: usable without any circuit.
        await page.GotoAsync("/account/login");
        await LivePage.ExpectLiveAsync(page);
        await page.FillAsync("#login-email", "someone@example.org");
        await Expect(page.Locator("#login-email")).ToHaveValueAsync("someone@example.org");

        await page.UnrouteAsync("**/_framework/blazor.web.js");
        await page.GotoAsync("/");
        // The drawer's toggle is rendered by the circuit only.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToBeVisibleAsync();
        await LivePage.ExpectLiveAsync(page);
        Assert.True(await TakesFocusAsync(link), "a link of the live page did not take the focus");
    }

    private static Task<bool> TakesFocusAsync(ILocator element) =>
        element.EvaluateAsync<bool>("e => { e.focus(); return document.activeElement === e; }");
}

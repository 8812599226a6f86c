using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser;

/// <summary>Accounts end to end: the real app in a child process, Debian's Chromium driving it.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class AccountsBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_new_researcher_registers_logs_out_logs_in_and_sees_their_name_in_the_user_menu()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        var email = AccountPages.UniqueEmail("ada");
        // Exactly twelve characters, lower case and a space: length is the only rule.
        const string password = "twelve chars";

        await AccountPages.RegisterAsync(page, "Ada Researcher", email, password);
        await Expect(AccountPages.UserMenuButton(page, "Ada Researcher")).ToBeVisibleAsync();

        await LogOutThroughTheUserMenuAsync(page, "Ada Researcher");
        // From the interactive home page through the app bar: the static login page must take over.
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator("#login-email")).ToBeVisibleAsync();

        await AccountPages.LogInAsync(page, email, password);
        await Expect(AccountPages.UserMenuButton(page, "Ada Researcher")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "home-logged-in");

        await LogOutThroughTheUserMenuAsync(page, "Ada Researcher");
        await Expect(AccountPages.UserMenuButton(page, "Ada Researcher")).ToHaveCountAsync(0);
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == "DigitalBrain.Auth");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_is_refused_next()
    {
        var email = AccountPages.UniqueEmail("locked");
        const string password = "a long enough passphrase";
        var registering = await browser.NewPageAsync(fixture.App.BaseAddress);
        await AccountPages.RegisterAsync(registering, "Lock Tester", email, password);
        await Expect(AccountPages.UserMenuButton(registering, "Lock Tester")).ToBeVisibleAsync();

        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AccountPages.LogInAsync(page, email, "not the password " + attempt);
            await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong e-mail or password.");
        }
        await AccountPages.LogInAsync(page, email, "not the password 5");
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("locked");

        await AccountPages.LogInAsync(page, email, password);
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("locked after 5 failed log-in attempts");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "DigitalBrain.Auth");

        await using var db = PostgresFixture.CreateContext(fixture.ConnectionString);
        var user = await db.Users.SingleAsync(u => u.Email == email, TestContext.Current.CancellationToken);
        Assert.NotNull(user.LockoutEnd);
        var remaining = user.LockoutEnd.Value - DateTimeOffset.UtcNow;
        Assert.InRange(remaining.TotalMinutes, 14, 15.01);
    }

    [Fact]
    public async Task An_eleven_character_password_is_refused_at_the_password_field()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        var email = AccountPages.UniqueEmail("short");

        await AccountPages.RegisterAsync(page, "Short Password", email, "eleven char");

        Assert.Contains("/account/register", page.Url, StringComparison.Ordinal);
        var message = page.Locator(".db-field:has(#register-password) .validation-message");
        await Expect(message).ToContainTextAsync("at least 12 characters");
        await Expect(page.Locator(".db-field:has(#register-email) .validation-message")).ToHaveCountAsync(0);
        await using var db = PostgresFixture.CreateContext(fixture.ConnectionString);
        Assert.False(await db.Users.AnyAsync(u => u.Email == email, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_first_admin_from_configuration_can_log_in_and_is_an_admin()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);

        await AccountPages.LogInAsync(page, AccountsAppFixture.AdminEmail, AccountsAppFixture.AdminPassword);

        await AccountPages.OpenUserMenuAsync(page, AccountsAppFixture.AdminDisplayName);
        await Expect(page.GetByTestId("user-menu-name")).ToHaveTextAsync(AccountsAppFixture.AdminDisplayName);
        await Expect(page.Locator(".mud-popover-open .mud-chip", new() { HasText = "admin" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Screenshots_of_home_login_and_register_and_dark_mode_survives_a_reload()
    {
        var page = await browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Build a spiking model");
        await BrowserFixture.ScreenshotAsync(page, "home");
        await page.GotoAsync("/account/login");
        await BrowserFixture.ScreenshotAsync(page, "login");
        await page.GotoAsync("/account/register");
        await BrowserFixture.ScreenshotAsync(page, "register");

        await page.GotoAsync("/");
        var lightBackground = await BodyBackgroundAsync(page);
        // The interactive toggle (a MudBlazor button) appears once the circuit is up.
        var toggle = page.Locator("button.mud-icon-button[data-testid=dark-mode-toggle]");
        await toggle.ClickAsync();
        // The label flips only after the cookie has been written (the toggle awaits the JS call).
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light mode");
        await page.ReloadAsync();
        var darkBackground = await BodyBackgroundAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "home-dark");

        Assert.Equal("rgb(246, 248, 250)", lightBackground);
        Assert.Equal("rgb(13, 17, 23)", darkBackground);
        await page.GotoAsync("/account/login");
        Assert.Equal("rgb(13, 17, 23)", await BodyBackgroundAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "login-dark");
    }

    private static async Task LogOutThroughTheUserMenuAsync(IPage page, string displayName)
    {
        await AccountPages.OpenUserMenuAsync(page, displayName);
        await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("logout").ClickAsync(),
            response => response.Request.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}

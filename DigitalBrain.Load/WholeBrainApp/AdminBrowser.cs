using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DigitalBrain.Load.WholeBrainApp;

/// <summary>The admin in a real browser (Debian's Chromium, headless): signs in, presses the models
/// page's "Whole-brain benchmark" button, and keeps a population's curation page open to time how
/// long an entry written through the API takes to appear on it (the live push).</summary>
public sealed partial class AdminBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly IPage _page;

    private AdminBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        _page = page;
    }

    public static async Task<AdminBrowser> SignInAsync(Uri baseAddress, string email, string password)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return new AdminBrowser(playwright, browser, context, page);
    }

    /// <summary>Presses the admin's "Whole-brain benchmark" button and waits until the app has
    /// navigated to the new model; returns its id. A click that lands before the circuit is up is
    /// lost, so it is repeated while neither the spinner nor the navigation shows.</summary>
    public async Task<Guid> ImportWholeBrainAsync(TimeSpan timeout)
    {
        await _page.GotoAsync("/models");
        var button = _page.GetByTestId("import-wholebrain");
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await _page.WaitForURLAsync(ModelUrl(), new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException)
            {
                if (await _page.Locator(".mud-progress-circular").IsVisibleAsync())
                {
                    await _page.WaitForURLAsync(ModelUrl(), new() { Timeout = (float)timeout.TotalMilliseconds });
                    break;
                }
                if (attempt == 3)
                    throw;
                // The click landed before the circuit was up: press again.
            }
        }
        return Guid.Parse(ModelUrl().Match(_page.Url).Groups[1].Value);
    }

    /// <summary>The browser's sign-in cookie for plain HTTP requests.</summary>
    public async Task<CookieContainer> CookiesAsync()
    {
        var jar = new CookieContainer();
        foreach (var cookie in await _context.CookiesAsync())
            jar.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        return jar;
    }

    /// <summary>Opens a curation page and waits for its live circuit.</summary>
    public async Task OpenLiveAsync(string path)
    {
        await _page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await _page.GetByTestId("curation-live").WaitForAsync();
    }

    /// <summary>Milliseconds from <paramref name="write"/>'s start until an entry whose value starts
    /// with the number <paramref name="valueText"/> (then its unit) shows on the open page.</summary>
    public async Task<double> RoundTripAsync(Func<Task> write, string valueText, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        await write();
        var exact = new Regex($"^\\s*{Regex.Escape(valueText)}(?![0-9.,])", RegexOptions.None, TimeSpan.FromSeconds(1));
        await _page.GetByTestId("entry-value").Filter(new() { HasTextRegex = exact }).First
            .WaitForAsync(new() { Timeout = (float)timeout.TotalMilliseconds });
        return clock.Elapsed.TotalMilliseconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [GeneratedRegex(@"/models/([0-9a-fA-F-]{36})(?:$|[/?#])")]
    private static partial Regex ModelUrl();
}

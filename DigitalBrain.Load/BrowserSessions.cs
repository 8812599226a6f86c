using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace DigitalBrain.Load;

/// <summary>Simultaneous curators in real browsers (Debian's Chromium, headless, one context
/// each) on one population's curation page: how long until the page is rendered and live, and
/// how long until an entry added by someone else shows on every page.</summary>
public static class BrowserSessions
{
    public static async Task<string> RunAsync(Uri baseAddress, IReadOnlyList<LoadUser> users, LoadUser writer, Guid modelId, Guid populationId, CancellationToken ct)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
        var path = $"/models/{modelId}/populations/{populationId}";
        var pages = await Task.WhenAll(users.Select(async user =>
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
            context.SetDefaultTimeout(120_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#login-email", user.Email);
            await page.FillAsync("#login-password", user.Password);
            await page.GetByTestId("login-submit").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
            return page;
        }));

        var rendered = new double[pages.Length];
        var live = new double[pages.Length];
        await Task.WhenAll(pages.Select(async (page, i) =>
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
            rendered[i] = clock.Elapsed.TotalMilliseconds;
            await page.GetByTestId("curation-live").WaitForAsync();
            live[i] = clock.Elapsed.TotalMilliseconds;
        }));

        // Someone else adds an entry (of the parameter the page opens on); every page must show it.
        var updated = new double[pages.Length];
        var shown = Stopwatch.StartNew();
        using (var added = await writer.Api.PostAsJsonAsync($"/api/v1/models/{modelId}/entries",
                   new { populationId, parameterKey = "neuron_count", value = 777, doi = "10.5555/load.browser" }, ct))
            added.EnsureSuccessStatusCode();
        await Task.WhenAll(pages.Select(async (page, i) =>
        {
            await page.GetByTestId("entry-value").Filter(new() { HasText = "777" }).First.WaitForAsync();
            updated[i] = shown.Elapsed.TotalMilliseconds;
        }));
        foreach (var page in pages)
            await page.Context.CloseAsync();

        var c = CultureInfo.InvariantCulture;
        return string.Format(c, "{0} browser sessions on {1}: first render (HTML) median {2:0} ms, max {3:0} ms; live (circuit up) median {4:0} ms, max {5:0} ms; another user's entry shown on every page: median {6:0} ms, max {7:0} ms",
            pages.Length, "a population's curation page", Median(rendered), rendered.Max(), Median(live), live.Max(), Median(updated), updated.Max());
    }

    private static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

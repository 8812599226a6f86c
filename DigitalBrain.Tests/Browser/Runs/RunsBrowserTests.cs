using DigitalBrain.Core.Seeding;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Runs;

/// <summary>One click to a finished run and its dashboard: the real app (role <c>all</c>, so it
/// executes the run itself) on the seeded microcircuit, driven by Chromium.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class RunsBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Plots = ["plot-rates", "plot-raster", "plot-rate-traces", "plot-irregularity"];

    [Fact]
    public async Task The_admin_launches_a_small_microcircuit_run_and_its_dashboard_renders_every_plot()
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
        await page.GotoAsync($"/models/{modelId}/runs");
        await Expect(AccountPages.UserMenuButton(page, AccountsAppFixture.AdminDisplayName)).ToBeVisibleAsync();
        await OpenLaunchDialogAsync(page);
        // 77 169 neurons: the dialog proposes a tenth.
        await Expect(Field(page, "run-scale")).ToHaveValueAsync("0.1");
        await FillAsync(page, "run-scale", "0.02");
        await FillAsync(page, "run-simulate-ms", "200");
        await page.GetByTestId("run-launch").ClickAsync();

        await page.WaitForURLAsync("**/runs/*");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 180_000 });
        foreach (var plot in Plots)
        {
            // plotly.js (1.5 MB) is fetched on first use: generous on a loaded CI machine.
            var chart = page.GetByTestId(plot).Locator(".js-plotly-plot");
            await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var points = await chart.EvaluateAsync<int>("gd => gd.data.reduce((n, trace) => n + (trace.x ? trace.x.length : 0), 0)");
            Assert.True(points > 0, $"{plot} has no data points");
        }
        var bars = await page.GetByTestId("plot-rates").Locator(".js-plotly-plot").EvaluateAsync<int>("gd => gd.data[0].y.length");
        Assert.Equal(8, bars);
        // Σ round(0.02 · N_pop) over the eight Potjans–Diesmann populations.
        await Expect(page.GetByTestId("run-facts")).ToContainTextAsync("1,544");
        await BrowserFixture.ScreenshotAsync(page, "run-dashboard");
        Assert.Empty(consoleErrors);
    }

    /// <summary>A click that lands before the circuit attached its handlers is lost: click again
    /// until the dialog shows (at most three times).</summary>
    private static async Task OpenLaunchDialogAsync(IPage page)
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

    private static ILocator Field(IPage page, string id) => page.Locator($"#{id} input, input#{id}").First;

    private static async Task FillAsync(IPage page, string id, string value)
    {
        await Field(page, id).FillAsync(value);
        await Field(page, id).PressAsync("Tab");
    }
}

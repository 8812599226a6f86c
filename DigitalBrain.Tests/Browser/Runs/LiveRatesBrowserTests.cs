using DigitalBrain.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Runs;

/// <summary>A run in progress: its dashboard draws the population rates as the engine counts them, the
/// traces grow with the progress notices, and the final dashboard replaces them when the run succeeds.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class LiveRatesBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_live_rate_chart_grows_while_the_run_simulates_and_gives_way_to_the_final_charts()
    {
        var (page, consoleErrors, modelId) = await RunDialog.AdminWithMicrocircuitAsync(browser, fixture);

        // Fetch plotly.js (1.5 MB) first, from the model overview's charts: on a loaded machine its first
        // load can take longer than the whole run.
        await page.GotoAsync($"/models/{modelId}");
        await Expect(page.GetByTestId("plot-neurons").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // 2 % of the microcircuit for 100 s of model time: about 5 CPU s of simulation on one engine
        // thread, i.e. several progress reports on an idle machine; 50 ms bins (2,000 per trace).
        await page.GotoAsync($"/models/{modelId}/runs");
        await Expect(page.GetByTestId("runs-table")).ToBeVisibleAsync();
        await RunDialog.OpenAsync(page);
        await RunDialog.FillAsync(page, "run-scale", "0.02");
        await RunDialog.FillAsync(page, "run-simulate-ms", "100000");
        await RunDialog.FillAsync(page, "run-presim-ms", "100");
        await RunDialog.FillAsync(page, "run-seed", "303");
        await page.GetByTestId("run-launch").ClickAsync();
        await page.WaitForURLAsync("**/runs/*");

        var live = page.GetByTestId("plot-live-rates").Locator(".js-plotly-plot");
        await Expect(live.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var first = await WaitForPointsAsync(live, above: 0);
        Assert.Equal(8, await live.EvaluateAsync<int>("gd => gd.data.length"));
        Assert.Equal("scattergl", await live.EvaluateAsync<string>("gd => gd.data[0].type"));
        await Expect(page.GetByTestId("plot-live-rates")).ToBeVisibleAsync();
        var later = await WaitForPointsAsync(live, above: first);
        Assert.True(later > first);
        // The time axis spans the whole recorded window, so the traces visibly grow across it.
        Assert.Equal(100_000, await live.EvaluateAsync<double>("gd => gd.layout.xaxis.range[1]"));
        await BrowserFixture.ScreenshotAsync(page, "run-live-rates");

        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 180_000 });
        await Expect(page.GetByTestId("plot-live-rates")).ToHaveCountAsync(0);
        var final = page.GetByTestId("plot-rate-traces").Locator(".js-plotly-plot");
        await Expect(final.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(2000, await final.EvaluateAsync<int>("gd => gd.data[0].x.length"));
        Assert.Empty(consoleErrors);
    }

    /// <summary>Polls the figure until its first trace holds more than <paramref name="above"/> points
    /// (Plotly.react replaces gd.data in place); fails if the run ends first.</summary>
    private static async Task<int> WaitForPointsAsync(ILocator figure, int above)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var captions = new HashSet<string>();
        while (DateTime.UtcNow < deadline)
        {
            if (await figure.Page.GetByTestId("live-rates-caption").CountAsync() > 0)
                captions.Add(await figure.Page.GetByTestId("live-rates-caption").First.TextContentAsync() ?? "");
            if (await figure.CountAsync() == 0)
            {
                var status = await figure.Page.GetByTestId("run-status").First.TextContentAsync();
                await BrowserFixture.ScreenshotAsync(figure.Page, "run-live-rates-gone");
                Assert.Fail($"the live chart went away (run {status}) before it held more than {above} points; captions seen: {string.Join(" | ", captions)}");
            }
            var points = await figure.EvaluateAsync<int>("gd => (gd.data && gd.data.length && gd.data[0].x) ? gd.data[0].x.length : 0");
            if (points > above)
                return points;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"the live chart never held more than {above} points");
    }
}

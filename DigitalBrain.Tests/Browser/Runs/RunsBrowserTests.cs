using DigitalBrain.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Runs;

/// <summary>One click to a finished run and its dashboard, two runs compared, and the model
/// overview: the real app (role <c>all</c>, so it executes the runs itself) on the seeded
/// microcircuit, driven by Chromium.</summary>
[Collection(AccountsAppCollection.Name)]
public sealed class RunsBrowserTests(BrowserFixture browser, AccountsAppFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] DashboardPlots =
        ["plot-rates", "plot-raster", "plot-rate-traces", "plot-irregularity", "plot-rate-distribution", "plot-cv-distribution"];

    [Fact]
    public async Task The_admin_launches_a_small_microcircuit_run_and_its_dashboard_renders_every_plot()
    {
        var (page, consoleErrors, modelId) = await RunDialog.AdminWithMicrocircuitAsync(browser, fixture);

        // 1 s: long enough for neurons of the faster populations to fire three times (CV ISI).
        await LaunchRunAsync(page, modelId, seed: 55, simulateMs: 1000);

        foreach (var plot in DashboardPlots)
            await ExpectRenderedAsync(page, plot);
        var bars = await Figure(page, "plot-rates").EvaluateAsync<int>("gd => gd.data[0].y.length");
        Assert.Equal(8, bars);
        // Bars grouped by region: a two-level category axis (region, population).
        Assert.Equal(2, await Figure(page, "plot-rates").EvaluateAsync<int>("gd => Array.isArray(gd.data[0].x[0]) ? gd.data[0].x.length : 1"));
        Assert.Equal(8, await Figure(page, "plot-rate-distribution").EvaluateAsync<int>("gd => gd.data.filter(t => t.type === 'box').length"));
        Assert.True(await Figure(page, "plot-cv-distribution").EvaluateAsync<int>("gd => gd.data.reduce((n, t) => n + t.y.length, 0)") > 10);
        Assert.Equal("scattergl", await Figure(page, "plot-raster").EvaluateAsync<string>("gd => gd.data[0].type"));
        // Σ round(0.02 · N_pop) over the eight Potjans–Diesmann populations.
        await Expect(page.GetByTestId("run-facts")).ToContainTextAsync("1,544");
        await Expect(page.GetByTestId("reference-sources")).ToContainTextAsync("frozen in the version");

        // The CSV of a chart holds what it plots: 8 bars and 8 reference marks, plus a header.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("plot-rates-csv").ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal("trace,x,y,error_plus,error_minus,text", csv[0]);
        Assert.Equal(17, csv.Length);
        Assert.Equal(8, csv.Count(l => l.StartsWith("simulated,", StringComparison.Ordinal)));

        await BrowserFixture.ScreenshotAsync(page, "run-dashboard");
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Two_runs_are_compared_side_by_side_and_the_model_overview_shows_the_latest()
    {
        var (page, consoleErrors, modelId) = await RunDialog.AdminWithMicrocircuitAsync(browser, fixture);
        var first = await LaunchRunAsync(page, modelId, seed: 101);
        var second = await LaunchRunAsync(page, modelId, seed: 202);

        await page.GotoAsync($"/models/{modelId}/runs");
        var table = page.GetByTestId("runs-table");
        await Expect(table.Locator($"a[href='/runs/{first}']")).ToBeVisibleAsync();
        foreach (var run in new[] { first, second })
            await table.Locator("tr", new() { Has = page.Locator($"a[href='/runs/{run}']") }).Locator("input[type=checkbox]").CheckAsync();
        await page.GetByTestId("compare-runs").ClickAsync();

        await page.WaitForURLAsync("**/runs/compare?ids=*");
        await ExpectRenderedAsync(page, "plot-compare-rates");
        Assert.Equal(2, await Figure(page, "plot-compare-rates").EvaluateAsync<int>("gd => gd.data.length"));
        await Expect(page.GetByTestId("compare-table").Locator("tbody tr")).ToHaveCountAsync(8);
        // Both runs froze the same estimates: one version, so nothing changed between versions.
        await Expect(page.GetByTestId("version-changes")).ToContainTextAsync("same version");
        await BrowserFixture.ScreenshotAsync(page, "run-compare");

        await page.GotoAsync($"/models/{modelId}");
        await ExpectRenderedAsync(page, "plot-neurons");
        await ExpectRenderedAsync(page, "plot-connectivity");
        Assert.Equal(8, await Figure(page, "plot-connectivity").EvaluateAsync<int>("gd => gd.data[0].z.length"));
        await Expect(page.GetByTestId("overview-run-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/runs/"));
        await Expect(page.GetByTestId("overview-coverage")).ToContainTextAsync("parameter values have a collective estimate");
        await BrowserFixture.ScreenshotAsync(page, "model-overview");
        Assert.Empty(consoleErrors);
    }

    /// <summary>Launches a run (200 ms unless told) at 2 % scale from the runs page and waits on its dashboard until it succeeded.</summary>
    private static async Task<Guid> LaunchRunAsync(IPage page, Guid modelId, long seed, int simulateMs = 200)
    {
        await page.GotoAsync($"/models/{modelId}/runs");
        await Expect(page.GetByTestId("runs-table")).ToBeVisibleAsync();
        await RunDialog.OpenAsync(page);
        // 77 169 neurons: the dialog proposes a tenth.
        await Expect(RunDialog.Field(page, "run-scale")).ToHaveValueAsync("0.1");
        await RunDialog.FillAsync(page, "run-scale", "0.02");
        await RunDialog.FillAsync(page, "run-simulate-ms", simulateMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await RunDialog.FillAsync(page, "run-seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("run-launch").ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        // The URL changes before the dashboard replaces the list (whose rows have status chips too).
        await Expect(page.GetByTestId("run-facts")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 180_000 });
        return Guid.Parse(page.Url.Split('/')[^1]);
    }

    private static ILocator Figure(IPage page, string testId) => page.GetByTestId(testId).Locator(".js-plotly-plot");

    /// <summary>The figure is drawn (plotly.js, 1.5 MB, is fetched on first use: generous on a
    /// loaded CI machine) and its traces hold data.</summary>
    private static async Task ExpectRenderedAsync(IPage page, string testId)
    {
        var chart = Figure(page, testId);
        await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var points = await chart.EvaluateAsync<int>(
            "gd => gd.data.reduce((n, t) => n + ((t.x && t.x.length) || (t.y && t.y.length) || (t.z && t.z.length) || (t.labels && t.labels.length) || 0), 0)");
        Assert.True(points > 0, $"{testId} has no data");
    }
}

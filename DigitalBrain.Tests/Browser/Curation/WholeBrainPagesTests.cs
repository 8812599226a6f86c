using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DigitalBrain.Tests.Browser.Curation;

/// <summary>
/// Issue 7 point 4: every model page answers with the whole-brain model loaded and shows what it
/// should. Server time, the app's CPU time and the HTML size of each page are written to the test
/// output and to .artifacts/wholebrain-pages.txt (figures for the README, never asserted: this
/// machine is shared).
/// </summary>
public sealed class WholeBrainPagesTests(WholeBrainAppFixture f, BrowserFixture browser) : IClassFixture<WholeBrainAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Every_model_page_answers_with_the_whole_brain_model_and_shows_its_content()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = WholeBrain.Create(1.0);
        Assert.Equal((spec.Populations.Count, spec.Projections.Count), (f.Import.Populations, f.Import.Projections));
        var m = $"/models/{f.Import.ModelId}";
        (string Path, string[] Holds)[] pages =
        [
            (m, [WholeBrainName]),
            (m + "/structure", [$"Populations ({spec.Populations.Count})", $"Projections ({spec.Projections.Count})", "data-testid=\"structure-tree\""]),
            ($"{m}/populations/{f.FirstPopulationId}?parameter=tau_m", ["data-testid=\"entries-grid\"", "NetworkSpec import"]),
            ($"{m}/projections/{f.FirstProjectionId}?parameter=in_degree", ["data-testid=\"entries-grid\"", "NetworkSpec import"]),
            (m + "/coverage", [WholeBrainName]),
            (m + "/activity", ["data-testid=\"activity-table\""]),
            (m + "/references", [WholeBrainName]),
            (m + "/versions", [WholeBrainName]),
        ];
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"whole-brain model: {f.Import.Populations} populations, {f.Import.Projections} projections, {f.Import.Entries} entries; import {f.ImportSeconds:F1} s wall\n");
        report.Append(CultureInfo.InvariantCulture, $"load average before: {LoadAverage()}\npage | first: wall ms / app CPU ms | second: wall ms / app CPU ms | HTML kB\n");
        foreach (var (path, holds) in pages)
        {
            var first = await GetAsync(path, ct);
            var second = await GetAsync(path, ct);
            Assert.True(second.Status == HttpStatusCode.OK, $"{path}: {(int)second.Status}");
            foreach (var text in holds)
                Assert.Contains(text, second.Html, StringComparison.Ordinal);
            report.Append(CultureInfo.InvariantCulture,
                $"{path.Replace(m, "", StringComparison.Ordinal),-60} | {first.WallMs,6:F0} / {first.CpuMs,6:F0} | {second.WallMs,6:F0} / {second.CpuMs,6:F0} | {second.Html.Length / 1024.0,7:F1}\n");
        }
        report.Append(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()}\n");
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        var artifacts = Path.Combine(AppContext.BaseDirectory, ".artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "wholebrain-pages.txt"), report.ToString(), ct);
    }

    [Fact]
    public async Task The_projection_matrix_of_the_whole_brain_model_has_a_cell_for_every_population_pair()
    {
        var spec = WholeBrain.Create(1.0);
        var used = spec.Projections.SelectMany(p => new[] { p.Source, p.Target }).Distinct().Count();
        var page = await browser.NewPageAsync(f.App.BaseAddress);
        await AccountPages.LogInAsync(page, WholeBrainAppFixture.AdminEmail, WholeBrainAppFixture.AdminPassword);
        await page.GotoAsync($"/models/{f.Import.ModelId}/structure");
        var matrix = page.GetByTestId("projection-matrix");
        await page.Locator(".mud-tab", new() { HasText = "Matrix" }).ClickAsync(new() { Timeout = 60_000 });
        await Expect(matrix).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(used * used, await matrix.Locator("td").CountAsync());
        var pairs = spec.Projections.Select(p => (p.Source, p.Target)).Distinct().Count();
        Assert.Equal(pairs, await matrix.Locator("td.db-matrix-cell").CountAsync());
        var html = await matrix.EvaluateAsync<int>("e => e.outerHTML.length");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matrix: {used}×{used} cells, {html / 1024.0:F1} kB of HTML"));
        await BrowserFixture.ScreenshotAsync(page, "wholebrain-matrix");
        await matrix.Locator("td.db-matrix-cell a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/projections/", StringComparison.Ordinal));
    }

    private const string WholeBrainName = "Whole-brain structural benchmark";

    private async Task<(HttpStatusCode Status, string Html, double WallMs, double CpuMs)> GetAsync(string path, CancellationToken ct)
    {
        var cpu = AppCpuMs();
        var clock = Stopwatch.StartNew();
        using var response = await f.Admin.GetAsync(path, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, html, clock.Elapsed.TotalMilliseconds, AppCpuMs() - cpu);
    }

    /// <summary>User + system CPU of the app process (Linux /proc, clock ticks of 10 ms).</summary>
    private double AppCpuMs()
    {
        var stat = File.ReadAllText($"/proc/{f.App.ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}

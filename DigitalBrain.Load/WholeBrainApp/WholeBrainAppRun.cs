using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DigitalBrain.Load.WholeBrainApp;

/// <summary>
/// Issue 12 point 3 measured: the whole-brain benchmark imported by the admin (the models page's
/// button), versioned and launched through the API (the Run button's path), while the pages of its
/// 65-type model are fetched every few seconds with the admin's cookie (prerendered HTML), an entry
/// is written through the API and its live arrival on an open curation page is timed. Latencies
/// are grouped by the run's status at the time of the sample; the run must succeed, every probe
/// must answer 2xx, and its dashboard and results must be served.
/// </summary>
public sealed partial class WholeBrainAppRun(WholeBrainAppOptions options, TextWriter log)
{
    private static readonly string[] FinalStates = ["succeeded", "failed", "cancelled"];
    private readonly LatencyTable _table = new();
    private readonly Dictionary<string, double> _phaseFirstSeen = [];
    private int _writes;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var total = Stopwatch.StartNew();
        await using var admin = await AdminBrowser.SignInAsync(options.BaseAddress, options.AdminEmail, options.AdminPassword);
        var clock = Stopwatch.StartNew();
        var modelId = await admin.ImportWholeBrainAsync(TimeSpan.FromMinutes(20));
        var importSeconds = clock.Elapsed.TotalSeconds;
        log.WriteLine(string.Format(c, "imported the whole-brain benchmark as model {0} in {1:0.0} s", modelId, importSeconds));

        using var pages = new HttpClient(new HttpClientHandler { CookieContainer = await admin.CookiesAsync(), AllowAutoRedirect = false })
            { BaseAddress = options.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var api = await TokenClientAsync(pages, ct);
        var populationId = await FirstIdAsync(api, $"/api/v1/models/{modelId}/populations", ct);
        var projectionId = await FirstIdAsync(api, $"/api/v1/models/{modelId}/projections", ct);
        (string Name, string Path)[] probes =
        [
            ("models page", "/models"),
            ("model overview", $"/models/{modelId}"),
            ("structure page", $"/models/{modelId}/structure"),
            ("population curation", $"/models/{modelId}/populations/{populationId}"),
            ("projection curation", $"/models/{modelId}/projections/{projectionId}"),
        ];
        await admin.OpenLiveAsync($"/models/{modelId}/populations/{populationId}");

        for (var i = 0; i < options.IdleSamples; i++)
            await SampleAsync("idle", probes, pages, api, admin, modelId, populationId, ct);

        clock.Restart();
        var version = await PostJsonAsync(api, $"/api/v1/models/{modelId}/versions", new { note = "whole-brain app benchmark" }, ct);
        var versionSeconds = clock.Elapsed.TotalSeconds;
        var run = await PostJsonAsync(api, $"/api/v1/models/{modelId}/runs",
            new { simulateMs = options.SimulateMs, presimMs = options.PresimMs, scale = options.Scale, backend = "cpu", seed = 1 }, ct);
        var runId = run.GetProperty("id").GetGuid();
        log.WriteLine(string.Format(c, "version {0} in {1:0.0} s; run {2} launched at scale {3} ({4} ms warm-up + {5} ms)",
            version.GetProperty("id").GetGuid(), versionSeconds, runId, options.Scale, options.PresimMs, options.SimulateMs));

        var runClock = Stopwatch.StartNew();
        string status;
        while (true)
        {
            var tick = Stopwatch.StartNew();
            status = await StatusAsync(api, runId, ct);
            _phaseFirstSeen.TryAdd(status, runClock.Elapsed.TotalSeconds);
            if (FinalStates.Contains(status) || runClock.Elapsed > options.Timeout)
                break;
            await SampleAsync(status, probes, pages, api, admin, modelId, populationId, ct);
            var rest = options.Interval - tick.Elapsed;
            if (rest > TimeSpan.Zero)
                await Task.Delay(rest, ct);
        }
        var runSeconds = runClock.Elapsed.TotalSeconds;
        var view = await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}", ct);
        if (status != "succeeded")
            _table.Error($"run ended {status} after {runSeconds:0} s: {(view.TryGetProperty("error", out var e) ? e.ToString() : "")}");

        var (dashboardMs, dashboard) = await GetPageAsync(pages, $"/runs/{runId}", ct);
        if (!dashboard.Contains("data-testid=\"run-facts\"", StringComparison.Ordinal))
            _table.Error("the run dashboard has no run facts");
        var results = await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}/results", ct);
        var populations = results.GetArrayLength();
        var meanRate = populations == 0 ? double.NaN
            : results.EnumerateArray().Sum(p => p.GetProperty("rateHz").GetDouble() * p.GetProperty("size").GetInt32())
              / results.EnumerateArray().Sum(p => p.GetProperty("size").GetInt32());
        if (status == "succeeded" && populations != 65)
            _table.Error($"results hold {populations} populations, not 65");

        log.WriteLine();
        log.WriteLine(_table.Format());
        log.WriteLine(string.Format(c, "run {0}: {1} after {2:0} s (first seen: {3})", runId, status, runSeconds,
            string.Join(", ", _phaseFirstSeen.Select(p => string.Format(c, "{0} {1:0} s", p.Key, p.Value)))));
        log.WriteLine(string.Format(c, "neurons {0:N0}, synapses {1:N0}, spikes {2:N0}; build {3}, simulate {4:0.0} s, RTF {5:0.0}, peak memory {6} (dashboard)",
            Number(view, "neurons"), Number(view, "synapses"), Number(view, "spikeCount"), Fact(dashboard, "Build time"),
            Number(view, "simulateSeconds"), Number(view, "realTimeFactor"), Fact(dashboard, "Peak memory")));
        log.WriteLine(string.Format(c, "dashboard /runs/{0}: {1:0} ms, results: {2} populations, mean rate {3:0.00} Hz; import {4:0.0} s, version {5:0.0} s, entry writes {6}; total {7:0} s",
            runId, dashboardMs, populations, meanRate, importSeconds, versionSeconds, _writes, total.Elapsed.TotalSeconds));
        foreach (var error in _table.Errors.Take(20))
            log.WriteLine("  error: " + error);
        log.WriteLine(_table.Errors.Count == 0 ? "status: OK" : $"status: FAILED ({_table.Errors.Count} errors)");
        return _table.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>One round: every page once, one entry write, its live arrival on the open page.</summary>
    private async Task SampleAsync(string phase, (string Name, string Path)[] probes, HttpClient pages, HttpClient api,
        AdminBrowser admin, Guid modelId, Guid populationId, CancellationToken ct)
    {
        foreach (var (name, path) in probes)
        {
            try
            {
                var (ms, _) = await GetPageAsync(pages, path, ct);
                _table.Add(phase, name, ms);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                _table.Error($"{phase} {name}: {ex.Message}");
            }
        }

        // 701–799: three digits that no imported neuron count reads as. Excluded, so the probes leave
        // the estimates (and so the network the launch freezes) as imported.
        var value = 701 + _writes++ % 99;
        try
        {
            var roundTrip = await admin.RoundTripAsync(async () =>
            {
                var clock = Stopwatch.StartNew();
                await PostJsonAsync(api, $"/api/v1/models/{modelId}/entries",
                    new { populationId, parameterKey = "neuron_count", value, doi = "10.5555/wholebrain.app", setAs = "excluded" }, ct);
                _table.Add(phase, "API entry write", clock.Elapsed.TotalMilliseconds);
            }, value.ToString(CultureInfo.InvariantCulture), TimeSpan.FromSeconds(30));
            _table.Add(phase, "entry shown live", roundTrip);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or TimeoutException
                                   or Microsoft.Playwright.PlaywrightException)
        {
            _table.Error($"{phase} entry write/live: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }

    private static async Task<(double Ms, string Html)> GetPageAsync(HttpClient pages, string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await pages.GetAsync(path, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        var ms = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("</html>", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return (ms, html);
    }

    private static async Task<HttpClient> TokenClientAsync(HttpClient cookie, CancellationToken ct)
    {
        var created = await PostJsonAsync(cookie, "/api/v1/tokens", new { name = "whole-brain app benchmark" }, ct);
        var api = new HttpClient { BaseAddress = cookie.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
        return api;
    }

    private static async Task<Guid> FirstIdAsync(HttpClient api, string path, CancellationToken ct)
    {
        var list = await api.GetFromJsonAsync<JsonElement>($"{path}?pageSize=1", ct);
        return list.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private static async Task<string> StatusAsync(HttpClient api, Guid runId, CancellationToken ct) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}", ct)).GetProperty("status").GetString()!;

    private static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, object body, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static double Number(JsonElement view, string name) =>
        view.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    /// <summary>A value of the dashboard's run facts table, as the page shows it.</summary>
    private static string Fact(string html, string label)
    {
        var match = FactCell().Matches(html).FirstOrDefault(m => m.Groups[1].Value == label);
        return match is null ? "?" : WebUtility.HtmlDecode(match.Groups[2].Value).Trim();
    }

    [GeneratedRegex(@"<th>([^<]+)</th>\s*<td>([^<]*)</td>")]
    private static partial Regex FactCell();
}

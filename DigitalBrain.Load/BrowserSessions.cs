using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace DigitalBrain.Load;

/// <summary>
/// Simultaneous curators in real browsers (Debian's Chromium, headless: one browser process,
/// one context per curator) on one population's curation page, in three phases:
/// <list type="number">
/// <item>arrival: the sessions open the page, spread evenly over <see cref="LoadOptions.ArrivalSeconds"/>
/// (0: all at once); per session the server's time for the HTML, the response, DOMContentLoaded, live;</item>
/// <item>use: with every session live, each switches parameters <see cref="LoadOptions.Interactions"/>
/// times (tab, then parameter) with 0.5–1.5 s of thought between, all sessions at the same time;
/// each click's round trip ends when what it asked for shows;</item>
/// <item>live: with every session on <c>tau_m</c> (the parameter the curators filled), someone
/// else adds an entry <see cref="LoadOptions.LiveRounds"/> times; each round ends when it shows in
/// every session.</item>
/// </list>
/// CPU seconds of the app (<see cref="LoadOptions.AppPid"/>) and of the browsers are reported per phase.
/// </summary>
public static class BrowserSessions
{
    private const string LiveKey = "tau_m";

    public static async Task<string> RunAsync(LoadOptions options, TextWriter log, IReadOnlyList<LoadUser> users, LoadUser writer, Guid modelId, Guid populationId, CancellationToken ct)
    {
        var parameters = await SwitchCycleAsync(writer.Api, ct);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
        var path = $"/models/{modelId}/populations/{populationId}";
        var sessions = new CurationSession[users.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, _) => sessions[i] = await CurationSession.LogInAsync(browser, options.BaseAddress, users[i], path));

        log.WriteLine($"{sessions.Length} browser sessions logged in; arriving …");
        var report = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        report.AppendLine(c, $"{sessions.Length} browser sessions (one Chromium, a context each) on a population's curation page:");

        // 1. Arrival.
        var server = new Timings();
        var response = new Timings();
        var dom = new Timings();
        var live = new Timings();
        var phase = await Phase.StartAsync(options.AppPid, sessions);
        var spacing = sessions.Length > 1 ? options.ArrivalSeconds * 1000 / (sessions.Length - 1) : 0;
        await Task.WhenAll(sessions.Select(async (session, i) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(i * spacing), ct);
            var (serverMs, responseMs, domMs, liveMs) = await session.ArriveAsync();
            if (double.IsFinite(serverMs))
                server.Add(serverMs);
            response.Add(responseMs);
            dom.Add(domMs);
            live.Add(liveMs);
        }));
        report.AppendLine(c, $"  arrival ({(options.ArrivalSeconds > 0 ? $"spread over {options.ArrivalSeconds:0.#} s" : "all at once")}, {await phase.EndAsync()}):");
        if (server.Count > 0)
            report.AppendLine(c, $"    server time for the HTML (Server-Timing) {server}");
        report.AppendLine(c, $"    response {response}; DOMContentLoaded {dom}; circuit live {live}");

        log.WriteLine("all sessions live; switching parameters …");

        // 2. Use: every session switches parameters at once.
        var tabs = new Timings();
        var opens = new Timings();
        var bytesBefore = sessions.Sum(s => s.BytesReceived);
        phase = await Phase.StartAsync(options.AppPid, sessions);
        await Task.WhenAll(sessions.Select(async (session, i) =>
        {
            var random = new Random(options.Seed * 31 + i);
            for (var n = 0; n < options.Interactions; n++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 + random.Next(1000)), ct);
                var parameter = parameters[(i + n) % parameters.Count];
                var (tabMs, parameterMs) = await session.SwitchAsync(parameter.Group, parameter.Key);
                tabs.Add(tabMs);
                opens.Add(parameterMs);
            }
        }));
        var interactionBytes = sessions.Sum(s => s.BytesReceived) - bytesBefore;
        report.AppendLine(c, $"  use: {options.Interactions} parameter switches per session, all sessions at once, 0.5-1.5 s apart ({await phase.EndAsync()}):");
        report.AppendLine(c, $"    tab click to its buttons shown {tabs}");
        report.AppendLine(c, $"    parameter click to its entries grid shown {opens}");
        report.AppendLine(c, $"    circuit traffic to the browsers {interactionBytes / 1024.0 / Math.Max(1, tabs.Count + opens.Count):0.0} KiB per click");

        log.WriteLine("switches done; live updates …");

        // 3. Live: someone else adds an entry; it must show in every session.
        var unit = parameters.Single(p => p.Key == LiveKey).Unit;
        await Task.WhenAll(sessions.Select(s => s.SwitchAsync(parameters.Single(p => p.Key == LiveKey).Group, LiveKey)));
        var perSession = new Timings();
        var everywhere = new Timings();
        bytesBefore = sessions.Sum(s => s.BytesReceived);
        phase = await Phase.StartAsync(options.AppPid, sessions);
        for (var round = 1; round <= options.LiveRounds; round++)
        {
            // 40 + round ms: the curators' tau_m values lie between 5 and 35 ms, so the new entry is the only one that reads so.
            var value = 40.0 + round;
            var clock = Stopwatch.StartNew();
            using (var added = await writer.Api.PostAsJsonAsync($"/api/v1/models/{modelId}/entries",
                       new { populationId, parameterKey = LiveKey, value, doi = "10.5555/load.browser" }, ct))
                added.EnsureSuccessStatusCode();
            await Task.WhenAll(sessions.Select(async s =>
            {
                await s.WaitForValueAsync(value, unit);
                perSession.Add(clock.Elapsed.TotalMilliseconds);
            }));
            everywhere.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        var liveBytes = sessions.Sum(s => s.BytesReceived) - bytesBefore;
        report.AppendLine(c, $"  live: {options.LiveRounds} entries added by someone else through the API, 1 s apart ({await phase.EndAsync()}):");
        report.AppendLine(c, $"    from the POST to the entry shown, per session {perSession}; in every session {everywhere}");
        report.Append(c, $"    circuit traffic to the browsers {liveBytes / 1024.0 / Math.Max(1, perSession.Count):0.0} KiB per session per update");

        foreach (var session in sessions)
            await session.Page.Context.CloseAsync();
        return report.ToString();
    }

    private sealed record Parameter(string Group, string Key, string Unit);

    /// <summary>The parameters sessions switch between: <c>tau_m</c> (hundreds of entries after the
    /// API phase), <c>neuron_count</c> and the first population parameter of one more group.</summary>
    private static async Task<List<Parameter>> SwitchCycleAsync(HttpClient api, CancellationToken ct)
    {
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/parameters?pageSize=500", ct);
        var all = list.GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("appliesTo").ToString().Contains("opulation", StringComparison.OrdinalIgnoreCase))
            .Select(p => new Parameter(p.GetProperty("group").GetString()!, p.GetProperty("key").GetString()!, p.GetProperty("unit").GetString()!))
            .ToList();
        var cycle = all.Where(p => p.Key is LiveKey or "neuron_count").ToList();
        cycle.AddRange(all.Where(p => cycle.All(q => q.Group != p.Group)).Take(1));
        if (cycle.Count < 2 || cycle.All(p => p.Key != LiveKey))
            throw new InvalidOperationException("The catalogue lacks tau_m or neuron_count for populations.");
        return cycle;
    }

    /// <summary>CPU seconds of the app and of the browsers over a phase (by process: Chromium's
    /// renderers, its GPU and utility processes, its main process, and Playwright's node driver),
    /// and the load average at its end.</summary>
    private sealed class Phase
    {
        private readonly int _appPid;
        private readonly double _app;
        private readonly IReadOnlyDictionary<string, double> _browsers;
        private readonly IReadOnlyList<CurationSession> _sessions;
        private readonly RendererTime _renderers;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private Phase(int appPid, IReadOnlyList<CurationSession> sessions, RendererTime renderers)
        {
            _appPid = appPid;
            _sessions = sessions;
            _renderers = renderers;
            _app = ProcessCpu.Seconds(appPid);
            _browsers = ProcessCpu.DescendantSecondsByType(Environment.ProcessId);
        }

        public static async Task<Phase> StartAsync(int appPid, IReadOnlyList<CurationSession> sessions) =>
            new(appPid, sessions, await RenderersAsync(sessions));

        private static async Task<RendererTime> RenderersAsync(IReadOnlyList<CurationSession> sessions) =>
            (await Task.WhenAll(sessions.Select(s => s.RendererTimeAsync()))).Aggregate(RendererTime.Zero, (a, b) => a + b);

        public async Task<string> EndAsync()
        {
            var renderers = await RenderersAsync(_sessions) - _renderers;
            var c = CultureInfo.InvariantCulture;
            var app = _appPid > 0 ? string.Format(c, "app {0:0.0} CPU s, ", ProcessCpu.Seconds(_appPid) - _app) : "";
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
            var now = ProcessCpu.DescendantSecondsByType(Environment.ProcessId);
            var used = now.Select(kv => (kv.Key, Seconds: kv.Value - _browsers.GetValueOrDefault(kv.Key))).Where(t => t.Seconds >= 0.05)
                .OrderByDescending(t => t.Seconds).ToList();
            var split = string.Join(", ", used.Select(t => string.Format(c, "{0} {1:0.0}", t.Key, t.Seconds)));
            return string.Format(c, "{0:0.0} s; {1}browsers and driver {2:0.0} CPU s ({3}; {4}); load average {5}", _clock.Elapsed.TotalSeconds, app,
                used.Sum(t => t.Seconds), split, renderers, load);
        }
    }
}

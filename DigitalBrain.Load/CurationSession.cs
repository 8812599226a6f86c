using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DigitalBrain.Load;

/// <summary>One curator's browser context on a population's curation page: how a person opens
/// it, switches parameters on it, and sees someone else's entry arrive.</summary>
public sealed class CurationSession(IPage page, string path, ICDPSession devTools)
{
    private long _bytesReceived;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _consoleErrors = new();

    /// <summary>What the page's console said was wrong (Blazor logs a failed circuit there), for a
    /// timeout's report.</summary>
    public string ConsoleErrors => _consoleErrors.IsEmpty ? "none" : string.Join(" | ", _consoleErrors.TakeLast(3));

    /// <summary>The renderer's own accounting (DevTools Performance domain, seconds): script, style
    /// recalculation, layout, and all main-thread tasks — where a page's CPU goes.</summary>
    public async Task<RendererTime> RendererTimeAsync()
    {
        var metrics = (await devTools.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        return new RendererTime(metrics["ScriptDuration"], metrics["RecalcStyleDuration"], metrics["LayoutDuration"], metrics["TaskDuration"]);
    }

    /// <summary>Bytes the server sent over the circuit's WebSocket so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public IPage Page => page;

    /// <summary>A context of its own, logged in through the form. The log-in lands on /healthz, not
    /// on an interactive page, so no circuit is left behind before the measured arrival.</summary>
    public static async Task<CurationSession> LogInAsync(IBrowser browser, Uri baseAddress, LoadUser user, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Performance.enable");
        var session = new CurationSession(page, path, devTools);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                session._consoleErrors.Enqueue(message.Text);
        };
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            Interlocked.Add(ref session._bytesReceived, frame.Binary?.Length ?? frame.Text?.Length ?? 0);
        await page.GotoAsync("/account/login?ReturnUrl=%2Fhealthz");
        await page.FillAsync("#login-email", user.Email);
        await page.FillAsync("#login-password", user.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/healthz", StringComparison.Ordinal));
        return session;
    }

    /// <summary>Opens the page: the server's own time for the HTML (its Server-Timing header, when
    /// the app sends one), the time to the response, to DOMContentLoaded, and until the circuit is live.</summary>
    public async Task<(double ServerMs, double ResponseMs, double DomMs, double LiveMs)> ArriveAsync()
    {
        var clock = Stopwatch.StartNew();
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit })
                       ?? throw new InvalidOperationException($"No response for {path}");
        var responseMs = clock.Elapsed.TotalMilliseconds;
        var serverMs = ServerTime(await response.AllHeadersAsync());
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var domMs = clock.Elapsed.TotalMilliseconds;
        try
        {
            await page.GetByTestId("curation-live").WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} waiting for the page to go live; console errors: {ConsoleErrors}", ex);
        }
        return (serverMs, responseMs, domMs, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Switches to another parameter as a person does: its group's tab, then its button;
    /// each click's round trip ends when what it asked for shows (the tab's buttons, then the
    /// grid of that parameter's entries).</summary>
    public async Task<(double TabMs, double ParameterMs)> SwitchAsync(string group, string key)
    {
        var clock = Stopwatch.StartNew();
        await page.Locator(".mud-tab", new() { HasText = group }).First.ClickAsync();
        var button = page.GetByTestId($"parameter-{key}");
        await button.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var tabMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await button.ClickAsync();
        await page.Locator($"[data-parameter='{key}'] :is([data-testid=entries-grid], [data-testid=entries-empty])").First.WaitForAsync();
        return (tabMs, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Waits until an entry whose value reads "<paramref name="value"/> <paramref name="unit"/>" shows.</summary>
    public Task WaitForValueAsync(double value, string unit) =>
        page.GetByTestId("entry-value")
            .Filter(new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(value.ToString("G4", CultureInfo.InvariantCulture))} {Regex.Escape(unit)}") })
            .First.WaitForAsync();

    private static double ServerTime(Dictionary<string, string> headers)
    {
        if (!headers.TryGetValue("server-timing", out var timing))
            return double.NaN;
        var match = Regex.Match(timing, @"app;dur=([0-9.]+)");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }
}

/// <summary>Seconds a renderer's main thread spent, by kind (see <see cref="CurationSession.RendererTimeAsync"/>).</summary>
public sealed record RendererTime(double Script, double Style, double Layout, double Tasks)
{
    public static RendererTime operator -(RendererTime a, RendererTime b) =>
        new(a.Script - b.Script, a.Style - b.Style, a.Layout - b.Layout, a.Tasks - b.Tasks);

    public static RendererTime operator +(RendererTime a, RendererTime b) =>
        new(a.Script + b.Script, a.Style + b.Style, a.Layout + b.Layout, a.Tasks + b.Tasks);

    public static readonly RendererTime Zero = new(0, 0, 0, 0);

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "renderers' main threads {0:0.0} s: script {1:0.0}, style {2:0.0}, layout {3:0.0}", Tasks, Script, Style, Layout);
}

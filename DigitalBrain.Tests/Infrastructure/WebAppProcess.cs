using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DigitalBrain.Tests.Infrastructure;

/// <summary>The real web app (DigitalBrain.Web.dll, built next to the tests) in a child process on
/// a free loopback port: what browser, fault and kill tests drive.</summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Keeps the app's output as a test artifact (bin/.artifacts/logs/NAME), for failures seen only on CI.</summary>
    public async Task SaveLogAsync(string fileName)
    {
        var logs = Path.Combine(AppContext.BaseDirectory, ".artifacts", "logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, fileName), Log);
    }

    public int ProcessId => _process.Id;

    public static ProcessStartInfo StartInfo(string connectionString, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "DigitalBrain.Web.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ConnectionStrings__DigitalBrain"] = connectionString;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // Several test apps simulate at once on CI's two cores: engine threads that meet at a spinning
        // barrier every 0.1 ms convoy behind each other there, so each test app simulates on one thread.
        psi.Environment["DigitalBrain__Runs__Threads"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return psi;
    }

    public static async Task<WebAppProcess> StartAsync(string connectionString, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var process = Process.Start(StartInfo(connectionString, port, settings))!;
        var app = new WebAppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The web app exited with {process.ExitCode}:\n{app.Log}");
            try
            {
                using var response = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                    return app;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, ct);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The web app did not become healthy in 90 s:\n{app.Log}");
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

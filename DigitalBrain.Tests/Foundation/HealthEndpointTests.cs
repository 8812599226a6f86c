using System.Diagnostics;
using System.Net;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Foundation;

public sealed class HealthEndpointTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Healthz_reports_healthy_while_the_database_answers()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var app = await WebAppProcess.StartAsync(connectionString, TestContext.Current.CancellationToken);

        using var response = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_one_clear_line_when_the_database_is_unreachable()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var psi = WebAppProcess.StartInfo("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=y;Timeout=3", port: 0);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var all = await output + await error;
        var line = Assert.Single(all.Split('\n'), l => l.Contains("unreachable", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
    }
}

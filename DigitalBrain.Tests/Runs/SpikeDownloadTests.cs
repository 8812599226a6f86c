using System.Globalization;
using System.IO.Compression;
using System.Net;
using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Tests.Api;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Web.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalBrain.Tests.Runs;

/// <summary>The full-spike download through the real app: what it streams is exactly what the
/// engine produced, the size cap is announced, and it obeys the run's read access rule.</summary>
[Collection(ApiAppCollection.Name)]
public sealed class SpikeDownloadTests(ApiAppFixture f)
{
    [Fact]
    public async Task The_download_holds_exactly_the_spikes_the_engine_produced()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = await TestModel.CreateAsync(f, "spike download");
        var spec = RunTestData.SmallBrunel();
        var runId = await RunTestData.CreateRunAsync(f.ConnectionString, spec, simulateMs: 200, presimMs: 50, modelId: model.ModelId);
        await NewJob(f.ConnectionString, spikeCapBytes: 64L << 20).ExecuteAsync(runId, ct);
        Assert.Equal(RunStatus.Succeeded, (await RunTestData.LoadAsync(f.ConnectionString, runId)).Status);
        // The same spec and seed through the engine here: the counter-based generator makes it the same network and spikes.
        var expected = SimulationBackends.Create(BackendKind.Cpu).Run(spec, new SimulationOptions(200, 50, 0, BackendKind.Cpu), null, ct);

        using var response = await f.Viewer.GetAsync(new Uri($"/api/v1/runs/{runId}/spikes", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/gzip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("false", Header(response, SpikeDownloadEndpoints.TruncatedHeader));
        var rows = await ReadCsvAsync(response, ct);
        var expectedCount = expected.Populations.Sum(p => p.TimesMs.Length);
        Assert.True(expectedCount > 1000, $"the test network should fire ({expectedCount} spikes)");
        Assert.Equal(expectedCount.ToString(CultureInfo.InvariantCulture), Header(response, SpikeDownloadEndpoints.CountHeader));
        Assert.Equal(expectedCount, rows.Count);
        var k = 0;
        foreach (var population in expected.Populations)
        {
            for (var i = 0; i < population.TimesMs.Length; i++, k++)
            {
                var (name, neuron, time) = rows[k];
                if (name != population.Name || neuron != population.Neurons[i] || time != population.TimesMs[i])
                    Assert.Fail($"row {k}: got ({name}, {neuron}, {time}), engine produced ({population.Name}, {population.Neurons[i]}, {population.TimesMs[i]})");
            }
        }
    }

    [Fact]
    public async Task A_download_cut_by_the_size_cap_says_so_and_keeps_only_whole_chunks()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = await TestModel.CreateAsync(f, "spike cap");
        var runId = await RunTestData.CreateRunAsync(f.ConnectionString, RunTestData.SmallBrunel(), simulateMs: 100, modelId: model.ModelId);
        await NewJob(f.ConnectionString, spikeCapBytes: 16).ExecuteAsync(runId, ct);
        var run = await RunTestData.LoadAsync(f.ConnectionString, runId);

        using var response = await f.Owner.GetAsync(new Uri($"/api/v1/runs/{runId}/spikes", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(run.SpikesTruncated);
        Assert.Equal("true", Header(response, SpikeDownloadEndpoints.TruncatedHeader));
        Assert.Equal("0", Header(response, SpikeDownloadEndpoints.StoredHeader));
        Assert.Equal(run.SpikeCount?.ToString(CultureInfo.InvariantCulture), Header(response, SpikeDownloadEndpoints.CountHeader));
        Assert.Empty(await ReadCsvAsync(response, ct));
    }

    [Fact]
    public async Task The_download_follows_the_run_read_rule()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = await TestModel.CreateAsync(f, "spike access");
        var finished = await RunTestData.CreateRunAsync(f.ConnectionString, RunTestData.SmallBrunel(), simulateMs: 50, modelId: model.ModelId);
        await NewJob(f.ConnectionString, spikeCapBytes: 64L << 20).ExecuteAsync(finished, ct);
        var queued = await RunTestData.CreateRunAsync(f.ConnectionString, RunTestData.SmallBrunel(), simulateMs: 50, modelId: model.ModelId);

        foreach (var (client, path, expected) in new (HttpClient, string, HttpStatusCode)[]
        {
            (f.Anonymous, $"/api/v1/runs/{finished}/spikes", HttpStatusCode.Unauthorized),
            (f.Outsider, $"/api/v1/runs/{finished}/spikes", HttpStatusCode.NotFound), // a private model's runs do not exist for outsiders
            (f.Viewer, $"/api/v1/runs/{Guid.NewGuid()}/spikes", HttpStatusCode.NotFound),
            (f.Viewer, $"/api/v1/runs/{queued}/spikes", HttpStatusCode.Conflict),
            (f.Viewer, $"/api/v1/runs/{finished}/spikes", HttpStatusCode.OK),
            (f.Admin, $"/api/v1/runs/{finished}/spikes", HttpStatusCode.OK),
            // The browser route: no cookie is an anonymous visitor, who sees public models only.
            (f.Anonymous, SpikeDownloadEndpoints.BrowserPath(finished), HttpStatusCode.NotFound),
            (f.Anonymous, SpikeDownloadEndpoints.BrowserPath(Guid.NewGuid()), HttpStatusCode.NotFound),
        })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            Assert.True(response.StatusCode == expected, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static async Task<List<(string Population, int Neuron, float TimeMs)>> ReadCsvAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var gzip = new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Equal(RunSpikeDownload.CsvHeader, await reader.ReadLineAsync(ct));
        var rows = new List<(string, int, float)>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var cells = line.Split(',');
            rows.Add((cells[0], int.Parse(cells[1], CultureInfo.InvariantCulture), float.Parse(cells[2], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    private static SimulationJob NewJob(string cs, long spikeCapBytes) =>
        new(new RunLifecycle(PostgresFixture.CreateFactory(cs)), new RunAnalysis(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DigitalBrain:Runs:SpikeCapBytes"] = spikeCapBytes.ToString(CultureInfo.InvariantCulture),
            }).Build(),
            NullLogger<SimulationJob>.Instance);
}

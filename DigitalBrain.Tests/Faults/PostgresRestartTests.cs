using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Infrastructure;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Runs;
using DigitalBrain.Core.Tokens;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Tests.Runs;
using DigitalBrain.Web.Runs;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Tests.Faults;

/// <summary>
/// PostgreSQL restarted (<c>pg_ctl restart -m fast</c>: every connection gets 57P01) under the
/// real app while a run simulates and curators add entries through the API. On a cluster of its
/// own: the shared test cluster is never restarted under other tests.
/// </summary>
public sealed class PostgresRestartTests
{
    private const int Curators = 4;
    private const string Parameter = "tau_m";

    [Fact]
    public async Task A_database_restart_loses_no_run_and_no_acknowledged_entry_and_duplicates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalPostgresCluster.StartTemporaryAsync(ct);
        var cs = await CreateDatabaseAsync(cluster, ct);
        // Migrated here, not by the app's start-up, which then has only seeding to do before it is healthy.
        await using (var migrate = PostgresFixture.CreateContext(cs))
            await migrate.Database.MigrateAsync(ct);
        await using var app = await WebAppProcess.StartAsync(cs, ct, new Dictionary<string, string>
        {
            ["DigitalBrain:Worker:InvisibilityTimeout"] = TimeSpan.FromSeconds(30).ToString("c"),
        });
        Log($"{clock.Elapsed.TotalSeconds:F1} s: cluster and app up");
        var owner = await UserClientAsync(app, cs, "fault-owner", ct);
        var (modelId, populationId) = await CreateModelAsync(owner, ct);
        var curators = new List<HttpClient>();
        for (var c = 0; c < Curators; c++)
        {
            var id = $"fault-curator-{c}";
            curators.Add(await UserClientAsync(app, cs, id, ct));
            await Expect(owner.PutAsJsonAsync($"/api/v1/models/{modelId}/members/{id}", new { role = "curator" }, ct), 204);
        }
        var spec = RunTestData.SmallBrunel();
        var runId = await RunTestData.CreateRunAsync(cs, spec, simulateMs: 5_000, modelId: modelId);
        RunTestData.JobClient(cs).Create<SimulationJob>(j => j.ExecuteAsync(runId, CancellationToken.None), new EnqueuedState(RunQueues.Small));

        // Curators add entries without pause until told to stop; every answer is recorded by the entry's marker.
        var answers = new ConcurrentDictionary<string, (int Status, DateTimeOffset Sent, DateTimeOffset At)>();
        using var stop = new CancellationTokenSource();
        var writers = curators.Select((client, c) => AddEntriesAsync(client, c, modelId, populationId, answers, stop.Token)).ToList();

        await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(60), app, RunStatus.Running);
        Log($"{clock.Elapsed.TotalSeconds:F1} s: run running");
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var before = await RunTestData.LoadAsync(cs, runId);
        Assert.True(before.Status == RunStatus.Running, $"the run must still be running when the database restarts (was {before.Status})");
        var restartAt = DateTimeOffset.UtcNow;
        var restart = Stopwatch.StartNew();
        await cluster.RestartAsync(ct);
        restart.Stop();
        // The test's own pooled connections died with the server too (the app's are the app's business).
        NpgsqlConnection.ClearPool(new NpgsqlConnection(cs));
        Log($"{clock.Elapsed.TotalSeconds:F1} s: restarted");
        var restartEnd = restartAt + restart.Elapsed;
        // Writes keep coming after the restart: the app must take them without a restart of its own.
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(60) && !EveryCuratorWroteAfter(answers, restartEnd);)
            await Task.Delay(200, ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var run = await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(90), app, RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled);
        Log($"{clock.Elapsed.TotalSeconds:F1} s: restart took {restart.Elapsed.TotalSeconds:F1} s; run wall {run.WallSeconds:F1} s, attempts {run.Attempts}; " +
            $"{answers.Count} entry writes: {string.Join(", ", answers.Values.GroupBy(a => a.Status).Select(g => $"{g.Count()}×{g.Key}"))}");

        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}\n{app.Log}");
        Assert.True(run.FinishedAt > restartAt, "the run spanned the restart");
        Assert.Equal(1, run.Attempts);
        Assert.Equal(spec.Populations.Count, await RunTestData.PopulationResultCountAsync(cs, runId));

        await using var db = PostgresFixture.CreateContext(cs);
        var stored = (await db.Entries.AsNoTracking().Where(e => e.ModelId == modelId).Select(e => e.Notes).ToListAsync(ct))
            .GroupBy(n => n ?? "").ToDictionary(g => g.Key, g => g.Count());
        var acknowledged = answers.Where(a => a.Value.Status is >= 200 and < 300).Select(a => a.Key).ToList();
        Assert.All(acknowledged, marker => Assert.True(stored.GetValueOrDefault(marker) == 1, $"{marker} acknowledged, stored {stored.GetValueOrDefault(marker)} times"));
        Assert.All(stored, s => Assert.True(s.Value == 1, $"{s.Key} stored {s.Value} times"));
        Assert.All(stored.Keys, marker => Assert.True(answers.ContainsKey(marker), $"{marker} stored but never sent"));
        Assert.Contains(answers.Values, a => a.Status == 201 && a.Sent < restartEnd && a.At > restartAt); // a write that met the restart and got in
        // Recovered without a restart of the app: every curator got entries in after the database came back.
        Assert.True(EveryCuratorWroteAfter(answers, restartEnd), "every curator adds entries again after the restart");

        var parameterId = await db.ParameterDefinitions.Where(p => p.Key == Parameter).Select(p => p.Id).SingleAsync(ct);
        var estimate = await db.CollectiveEstimates.AsNoTracking().SingleAsync(e => e.PopulationId == populationId && e.ParameterDefinitionId == parameterId, ct);
        var inputs = await db.Entries.AsNoTracking().Where(e => e.PopulationId == populationId && e.ParameterDefinitionId == parameterId)
            .Select(e => new AggregationInput(e.Id, e.ReferenceId, e.Value, e.Min, e.Max, e.Sd, e.Sem, e.N, e.SetAs == SetAs.Excluded))
            .ToListAsync(ct);
        var scratch = Aggregator.Aggregate(inputs, estimate.Method);
        Assert.Equal(stored.Count, estimate.EntryCount);
        Assert.Equal(scratch.EntryCount, estimate.EntryCount);
        Assert.Equal(scratch.Value!.Value, estimate.Value!.Value, 1e-9);
    }

    private static bool EveryCuratorWroteAfter(ConcurrentDictionary<string, (int Status, DateTimeOffset Sent, DateTimeOffset At)> answers, DateTimeOffset when) =>
        Enumerable.Range(0, Curators).All(c =>
            answers.Any(a => a.Key.StartsWith($"c{c}-", StringComparison.Ordinal) && a.Value.Status == 201 && a.Value.Sent > when));

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static async Task AddEntriesAsync(HttpClient client, int curator, Guid modelId, Guid populationId,
        ConcurrentDictionary<string, (int Status, DateTimeOffset Sent, DateTimeOffset At)> answers, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var marker = $"c{curator}-{i}";
            var value = 5 + (curator * 37 + i * 11) % 25;
            var sent = DateTimeOffset.UtcNow;
            int status;
            try
            {
                // Not cancelled by 'stop': a write in flight runs to its answer.
                using var response = await client.PostAsJsonAsync($"/api/v1/models/{modelId}/entries",
                    new { populationId, parameterKey = Parameter, value = (double)value, doi = $"10.1000/fault.{curator}", notes = marker },
                    CancellationToken.None);
                status = (int)response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                status = 0; // no answer: the entry may or may not be stored, but never twice
            }
            answers[marker] = (status, sent, DateTimeOffset.UtcNow);
        }
    }

    private static async Task<string> CreateDatabaseAsync(LocalPostgresCluster cluster, CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE faults", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return cluster.ConnectionString("faults");
    }

    /// <summary>A user written straight into the app's database and an API client with their token.</summary>
    private static async Task<HttpClient> UserClientAsync(WebAppProcess app, string cs, string id, CancellationToken ct)
    {
        var factory = PostgresFixture.CreateFactory(cs);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.Users.Add(new AppUser
            {
                Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), Email = $"{id}@example.org",
                NormalizedEmail = $"{id}@EXAMPLE.ORG", DisplayName = id, SecurityStamp = Guid.NewGuid().ToString(),
            });
            await db.SaveChangesAsync(ct);
        }
        var token = await new ApiTokenService(factory).CreateAsync(new Actor(id), "fault test", ct: ct);
        // Longer than the retry strategy's patience, so a slow answer during the restart is an answer, not a timeout.
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    private static async Task<(Guid Model, Guid Population)> CreateModelAsync(HttpClient owner, CancellationToken ct)
    {
        var model = await IdOf(owner.PostAsJsonAsync("/api/v1/models", new { name = "fault model", description = "restart test", isPublic = false }, ct));
        var path = $"/api/v1/models/{model}";
        var region = await IdOf(owner.PostAsJsonAsync($"{path}/regions", new { category = "Ctx", name = "S1" }, ct));
        var layer = await IdOf(owner.PostAsJsonAsync($"{path}/regions/{region}/layers", new { name = "L2/3" }, ct));
        var population = await IdOf(owner.PostAsJsonAsync($"{path}/populations",
            new { regionId = region, layerId = layer, name = "L23E", cellType = "pyramidal", neuronModel = "iaf_psc_exp" }, ct));
        return (model, population);
    }

    private static async Task<Guid> IdOf(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task Expect(Task<HttpResponseMessage> request, int status)
    {
        using var response = await request;
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

using DigitalBrain.Core.Data;
using DigitalBrain.Core.Runs;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Spec;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Web.Runs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Runs;

/// <summary>Versions and runs written straight into a test database, and a Hangfire client on it.</summary>
internal static class RunTestData
{
    public static async Task<Guid> CreateRunAsync(string connectionString, NetworkSpec spec, double simulateMs, double presimMs = 0,
        int attempts = 0, Guid? modelId = null)
    {
        await using var db = PostgresFixture.CreateContext(connectionString);
        var model = modelId ?? await TestModels.CreateModelAsync(db);
        var json = NetworkSpecJson.Serialize(spec);
        var number = (await db.ModelVersions.Where(v => v.BrainModelId == model).MaxAsync(v => (int?)v.Number) ?? 0) + 1;
        var version = new ModelVersion
        {
            Id = Guid.NewGuid(), BrainModelId = model, Number = number, SpecJson = json,
            ContentHash = Core.Versions.ContentHash.Of(json), NeuronCount = spec.NeuronCount,
            PopulationCount = spec.Populations.Count, ProjectionCount = spec.Projections.Count,
            CreatedById = "test", CreatedAt = DateTimeOffset.UtcNow,
        };
        var run = new SimulationRun
        {
            Id = Guid.NewGuid(), ModelVersionId = version.Id, BrainModelId = model, CreatedById = "test",
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(-1), SimulateMs = simulateMs, PresimMs = presimMs,
            Seed = spec.Seed, Scale = 1, Backend = BackendKind.Cpu, Queue = RunQueues.Small, Attempts = attempts,
        };
        db.AddRange(version, run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    public static NetworkSpec SmallBrunel() => Brunel.Create(0.1, seed: 3);

    public static IBackgroundJobClient JobClient(string connectionString) =>
        new BackgroundJobClient(new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions { SchemaName = "hangfire" }),
            new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }));

    public static async Task<SimulationRun> LoadAsync(string connectionString, Guid runId)
    {
        await using var db = PostgresFixture.CreateContext(connectionString);
        return await db.Set<SimulationRun>().AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    public static async Task<int> PopulationResultCountAsync(string connectionString, Guid runId)
    {
        await using var db = PostgresFixture.CreateContext(connectionString);
        return await db.Set<RunPopulationResult>().CountAsync(p => p.RunId == runId);
    }

    /// <summary>Polls until the run reaches one of <paramref name="statuses"/>; fails with the run's state on timeout.</summary>
    public static Task<SimulationRun> WaitForAsync(string connectionString, Guid runId, TimeSpan timeout, params RunStatus[] statuses) =>
        WaitForAsync(connectionString, runId, timeout, null, statuses);

    public static async Task<SimulationRun> WaitForAsync(string connectionString, Guid runId, TimeSpan timeout, WebAppProcess? worker, params RunStatus[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        SimulationRun run;
        do
        {
            run = await LoadAsync(connectionString, runId);
            if (statuses.Contains(run.Status))
                return run;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Run {runId} still {run.Status} (progress {run.Progress:P3}, simulated {run.SimulatedMs} ms, updated {run.UpdatedAt:HH:mm:ss.fff} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}, cancel requested {run.CancelRequested}, attempts {run.Attempts}, error {run.Error}) after {timeout}\n{worker?.Log}");
    }

    public static Dictionary<string, string> WorkerSettings(TimeSpan invisibility) => new()
    {
        ["DigitalBrain:Role"] = "worker",
        ["DigitalBrain:Worker:InvisibilityTimeout"] = invisibility.ToString("c"),
    };
}

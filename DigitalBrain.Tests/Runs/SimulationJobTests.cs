using DigitalBrain.Core.Runs;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Web.Runs;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalBrain.Tests.Runs;

/// <summary>Runs through real Hangfire on real PostgreSQL, executed by real worker processes.</summary>
public sealed class SimulationJobTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Invisibility = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task A_launched_run_succeeds_and_stores_its_results_once()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var spec = RunTestData.SmallBrunel();
        var runId = await RunTestData.CreateRunAsync(cs, spec, simulateMs: 500, presimMs: 100);
        await using var worker = await WebAppProcess.StartAsync(cs, TestContext.Current.CancellationToken, RunTestData.WorkerSettings(Invisibility));

        Enqueue(cs, runId);
        var run = await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(90), worker, RunStatus.Succeeded, RunStatus.Failed);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(spec.NeuronCount, run.Neurons);
        Assert.True(run.Synapses > 0);
        Assert.True(run.SpikeCount > 0, "a Brunel network driven at twice the threshold rate fires");
        Assert.Equal("cpu", run.BackendUsed);
        Assert.Equal(spec.Populations.Count, await RunTestData.PopulationResultCountAsync(cs, runId));
    }

    [Fact]
    public async Task A_failing_run_is_marked_failed_with_its_error()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var good = RunTestData.SmallBrunel();
        // A projection onto a population the spec does not have: the engine must refuse it by name.
        var broken = good with { Projections = [.. good.Projections, good.Projections[0] with { Target = "Nowhere" }] };
        var runId = await RunTestData.CreateRunAsync(cs, broken, simulateMs: 100);
        await using var worker = await WebAppProcess.StartAsync(cs, TestContext.Current.CancellationToken, RunTestData.WorkerSettings(Invisibility));

        Enqueue(cs, runId);
        var run = await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(60), RunStatus.Succeeded, RunStatus.Failed);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("Nowhere", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_run_is_cancelled_within_seconds()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var runId = await RunTestData.CreateRunAsync(cs, RunTestData.SmallBrunel(), simulateMs: 600_000);
        await using var worker = await WebAppProcess.StartAsync(cs, TestContext.Current.CancellationToken, RunTestData.WorkerSettings(Invisibility));
        Enqueue(cs, runId);
        await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(60), RunStatus.Running);

        var asked = DateTimeOffset.UtcNow;
        Assert.True(await new RunLifecycle(PostgresFixture.CreateFactory(cs)).RequestCancelAsync(runId, TestContext.Current.CancellationToken));
        var run = await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(20), worker, RunStatus.Cancelled, RunStatus.Succeeded, RunStatus.Failed);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        // The worker polls for cancel requests twice a second and the engine checks every 20 steps;
        // the slack above one second is for a CI machine whose two cores run other tests too.
        Assert.True(run.FinishedAt - asked < TimeSpan.FromSeconds(3), $"cancelled after {run.FinishedAt - asked}");
    }

    [Fact]
    public async Task Executing_the_job_of_a_finished_run_again_changes_nothing()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var runId = await RunTestData.CreateRunAsync(cs, RunTestData.SmallBrunel(), simulateMs: 200);
        var job = NewJob(cs);
        await job.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        var first = await RunTestData.LoadAsync(cs, runId);
        Assert.Equal(RunStatus.Succeeded, first.Status);

        await job.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var second = await RunTestData.LoadAsync(cs, runId);
        Assert.Equal(first.UpdatedAt, second.UpdatedAt);
        Assert.Equal(1, second.Attempts);
        Assert.Equal(first.SpikeCount, second.SpikeCount);
        Assert.Equal(RunTestData.SmallBrunel().Populations.Count, await RunTestData.PopulationResultCountAsync(cs, runId));
    }

    [Fact]
    public async Task A_run_that_keeps_killing_its_worker_is_given_up_after_the_attempt_limit()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var runId = await RunTestData.CreateRunAsync(cs, RunTestData.SmallBrunel(), simulateMs: 200, attempts: 3);

        await NewJob(cs).ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var run = await RunTestData.LoadAsync(cs, runId);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("given up", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_killed_mid_run_leaves_the_run_to_another_worker_which_completes_it_exactly_once()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var spec = RunTestData.SmallBrunel();
        var runId = await RunTestData.CreateRunAsync(cs, spec, simulateMs: 30_000);
        var first = await WebAppProcess.StartAsync(cs, TestContext.Current.CancellationToken, RunTestData.WorkerSettings(Invisibility));
        Enqueue(cs, runId);
        await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(60), RunStatus.Running);

        first.Kill(); // SIGKILL: no shutdown, no cleanup, heartbeat just stops
        await first.DisposeAsync();
        var stalled = await RunTestData.LoadAsync(cs, runId);
        Assert.Equal(RunStatus.Running, stalled.Status);
        await using var second = await WebAppProcess.StartAsync(cs, TestContext.Current.CancellationToken, RunTestData.WorkerSettings(Invisibility));
        var run = await RunTestData.WaitForAsync(cs, runId, TimeSpan.FromSeconds(150), RunStatus.Succeeded, RunStatus.Failed);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error);
        Assert.Equal(2, run.Attempts);
        Assert.Equal(spec.Populations.Count, await RunTestData.PopulationResultCountAsync(cs, runId));
    }

    private static void Enqueue(string cs, Guid runId) =>
        RunTestData.JobClient(cs).Create<SimulationJob>(j => j.ExecuteAsync(runId, CancellationToken.None), new EnqueuedState(RunQueues.Small));

    private static SimulationJob NewJob(string cs) =>
        new(new RunLifecycle(PostgresFixture.CreateFactory(cs)), new RunAnalysis(),
            new ConfigurationBuilder().Build(), NullLogger<SimulationJob>.Instance);
}

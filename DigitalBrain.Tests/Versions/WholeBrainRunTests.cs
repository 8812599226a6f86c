using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Tests.Runs;
using DigitalBrain.Web.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalBrain.Tests.Versions;

/// <summary>Issue 12 point 3 at a small scale: the benchmark imported as a model, versioned, and run
/// by the Hangfire job's own code on real PostgreSQL. (The lead runs it at full size.)</summary>
public sealed class WholeBrainRunTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_imported_whole_brain_benchmark_is_versioned_and_run_by_the_simulation_job()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        // 1 % keeps every population at two neurons or more: a one-neuron population cannot feed
        // itself a fixed in-degree without autapses.
        const double scale = 0.01;
        var import = await bed.Imports.ImportWholeBrainBenchmarkAsync(SpecImportTestBed.Admin, scale, ct);
        var lifecycle = new RunLifecycle(bed.Factory);
        var runs = new RunService(bed.Factory, bed.Versions, lifecycle);

        var runId = await runs.LaunchAsync(SpecImportTestBed.Admin, import.ModelId, new RunSettings(50, 0, 7, 1.0, BackendKind.Cpu), ct);
        await new SimulationJob(lifecycle, new RunAnalysis(), new ConfigurationBuilder().Build(), NullLogger<SimulationJob>.Instance)
            .ExecuteAsync(runId, ct);

        var run = await RunTestData.LoadAsync(bed.ConnectionString, runId);
        Assert.True(run.Status == RunStatus.Succeeded, run.Error);
        Assert.Equal(WholeBrain.Create(scale).NeuronCount, run.Neurons);
        // Fixed in-degree of 1,500 onto every neuron.
        Assert.Equal(run.Neurons * WholeBrain.Indegree, run.Synapses);
        Assert.Equal(65, await RunTestData.PopulationResultCountAsync(bed.ConnectionString, runId));
        Assert.True(run.SpikeCount > 0, "Poisson background at 8 Hz × 1,800 inputs drives the network");
    }
}

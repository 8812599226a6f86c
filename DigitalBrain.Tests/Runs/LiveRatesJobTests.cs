using DigitalBrain.Core.Runs;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalBrain.Tests.Runs;

/// <summary>The job stores live rate traces with its progress writes; they agree with the final rate
/// trace and make way for it when the run succeeds.</summary>
public sealed class LiveRatesJobTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_running_run_stores_growing_live_rates_that_agree_with_its_final_rate_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await postgres.CreateDatabaseAsync();
        var spec = RunTestData.SmallBrunel();
        // Long enough in model time for several progress writes (twice a second) even on a fast idle machine.
        var runId = await RunTestData.CreateRunAsync(cs, spec, simulateMs: 20000, presimMs: 50);
        var job = new SimulationJob(new RunLifecycle(PostgresFixture.CreateFactory(cs)), new RunAnalysis(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DigitalBrain:Runs:Threads"] = "1" }).Build(),
            NullLogger<SimulationJob>.Instance);

        var execution = job.ExecuteAsync(runId, ct);
        var seen = new List<LiveRateTrace>();
        while (!execution.IsCompleted)
        {
            var run = await RunTestData.LoadAsync(cs, runId);
            if (run.Status is RunStatus.Running or RunStatus.Analysing && LiveRateTrace.FromJson(run.LiveRates) is { } live)
                seen.Add(live);
            await Task.WhenAny(execution, Task.Delay(100, ct));
        }
        await execution;

        var finished = await RunTestData.LoadAsync(cs, runId);
        Assert.True(finished.Status == RunStatus.Succeeded, finished.Error);
        Assert.Null(finished.LiveRates); // the results replace the live traces
        var growing = seen.Where(s => s.CompletedBins > 0).ToList();
        Assert.True(growing.Select(s => s.CompletedBins).Distinct().Count() >= 2, $"live bins seen: {string.Join(", ", seen.Select(s => s.CompletedBins))}");
        await using var db = PostgresFixture.CreateContext(cs);
        var results = await db.RunPopulationResults.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Order).ToListAsync(ct);
        foreach (var snapshot in growing)
        {
            var rates = snapshot.ToRates();
            Assert.Equal(results[0].BinMs, rates.BinMs);
            Assert.Equal(results.Count, rates.Populations.Count);
            for (var p = 0; p < results.Count; p++)
            {
                Assert.Equal(results[p].Population, rates.Populations[p].Population);
                // Stored results are float32: agreement to float precision.
                var final = results[p].RateSeries.Take(rates.TimesMs.Length).Select(r => (double)r);
                Assert.All(final.Zip(rates.Populations[p].RatesHz), x => Assert.Equal(x.First, x.Second, 1e-4 * Math.Max(1, x.First)));
            }
        }
    }
}

using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Analysis;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Engine.Gpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Runs;

/// <summary>The engine's live spike counts against what the run finally recorded: the counts sum to the
/// recorded spikes of each population, and as rates they equal the final rate trace bin for bin.</summary>
public sealed class LiveSpikeCountsTests
{
    /// <summary>Keeps every report; sleeps through the first few simulating reports so that the engine
    /// (which reports at most every 0.5 s of wall time) reports several times during a short run.</summary>
    private sealed class Reports(int slowReports) : IProgress<SimulationProgress>
    {
        public List<SimulationProgress> All { get; } = [];

        public void Report(SimulationProgress value)
        {
            All.Add(value);
            if (value.Phase == SimulationPhase.Simulating && value.Fraction < 1 && slowReports-- > 0)
                Thread.Sleep(520);
        }
    }

    /// <summary>Excitatory and inhibitory iaf_psc_exp populations with Poisson drive (the GPU backend
    /// needs iaf_psc_exp); <paramref name="recorded"/> neurons of each are recorded.</summary>
    private static NetworkSpec Network(int? recorded)
    {
        var p = new NeuronParameters();
        var rule = new ConnectionRule(ConnectionRuleKind.FixedIndegree, 20, AllowAutapses: false, AllowMultapses: false);
        var ex = new SynapseSpec(new Distribution(87.81, 8.781), new Distribution(1.5, 0.75));
        var inh = new SynapseSpec(new Distribution(-351.2, 35.12), new Distribution(0.75, 0.375));
        return new NetworkSpec("live", 0.1, 5,
            [
                new PopulationSpec("E", 160, NeuronModel.IafPscExp, p, new Distribution(-58, 5)),
                new PopulationSpec("I", 40, NeuronModel.IafPscExp, p, new Distribution(-58, 5)),
            ],
            [
                new ProjectionSpec("E", "E", rule, ex), new ProjectionSpec("E", "I", rule, ex),
                new ProjectionSpec("I", "E", rule with { Count = 5 }, inh), new ProjectionSpec("I", "I", rule with { Count = 5 }, inh),
            ],
            [new PoissonInput("E", 8, 2000, 87.5, 1.5), new PoissonInput("I", 8, 1900, 87.5, 1.5)],
            new RecordingSpec(recorded, []));
    }

    [Fact]
    public void Cpu_live_counts_sum_to_the_recorded_spikes_and_equal_the_final_rate_trace()
    {
        var reports = new Reports(slowReports: 3);
        // 2 threads: the counts of both partitions are merged; 50 of 160 E neurons recorded: only those count.
        var options = new SimulationOptions(400, 50, 2) { LiveBinMs = 10 };
        var output = new CpuBackend().Run(Network(recorded: 50), options, reports, TestContext.Current.CancellationToken);

        AssertFinalCountsMatch(output, reports.All[^1].Live, binMs: 10);
        // Mid-run reports hold completed bins only: each is a prefix of the final counts.
        var final = reports.All[^1].Live!;
        var midRun = reports.All.Where(r => r.Live is { CompletedBins: > 0 } l && l.CompletedBins < final.CompletedBins).ToList();
        Assert.NotEmpty(midRun);
        foreach (var report in midRun)
        {
            for (var p = 0; p < final.Counts.Count; p++)
                Assert.Equal(final.Counts[p][..report.Live!.CompletedBins], report.Live.Counts[p]);
        }
        // During the warm-up (the first 50 ms of model time) nothing is counted.
        Assert.All(reports.All.Where(r => r.Live is not null && r.SimulatedMs < 50), r => Assert.Equal(0, r.Live!.CompletedBins));
        Assert.True(reports.All.Select(r => r.Live?.CompletedBins ?? 0).Zip(reports.All.Skip(1).Select(r => r.Live?.CompletedBins ?? 0)).All(x => x.First <= x.Second),
            "completed bins never decrease");
    }

    [Fact]
    public void A_window_that_is_not_a_multiple_of_the_bin_counts_the_remainder_in_the_last_bin()
    {
        var reports = new Reports(slowReports: 0);
        var output = new CpuBackend().Run(Network(recorded: null), new SimulationOptions(155, 0, 1) { LiveBinMs = 20 }, reports,
            TestContext.Current.CancellationToken);

        var live = reports.All[^1].Live;
        Assert.Equal(7, live!.TotalBins); // ⌊155 / 20⌋, the last bin takes 120–155 ms
        AssertFinalCountsMatch(output, live, binMs: 20);
    }

    [Fact]
    public void Without_a_live_bin_width_nothing_is_counted()
    {
        var reports = new Reports(slowReports: 0);
        new CpuBackend().Run(Network(recorded: null), new SimulationOptions(20, 0, 1), reports, TestContext.Current.CancellationToken);

        Assert.All(reports.All, r => Assert.Null(r.Live));
    }

    [Fact]
    public void A_bin_narrower_than_the_resolution_is_refused_before_building()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpuBackend().Run(Network(recorded: null),
            new SimulationOptions(20, 0, 1) { LiveBinMs = 0.05 }, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Gpu_backend_on_the_cpu_accelerator_counts_as_the_final_trace()
    {
        var reports = new Reports(slowReports: 0);
        var output = GpuBackend.CpuAccelerator().Run(Network(recorded: 100), new SimulationOptions(100, 10, 1) { LiveBinMs = 5 }, reports,
            TestContext.Current.CancellationToken);

        AssertFinalCountsMatch(output, reports.All[^1].Live, binMs: 5);
    }

    private static void AssertFinalCountsMatch(SimulationOutput output, LiveSpikeCounts? live, double binMs)
    {
        Assert.NotNull(live);
        Assert.Equal(live.TotalBins, live.CompletedBins);
        Assert.True(output.Populations.Sum(p => p.TimesMs.Length) > 100, "the network must spike");
        var rates = LiveRateTrace.FromCounts(live).ToRates();
        for (var p = 0; p < output.Populations.Count; p++)
        {
            var population = output.Populations[p];
            Assert.Equal(population.Name, live.Populations[p]);
            Assert.Equal(population.RecordedNeurons, live.RecordedNeurons[p]);
            Assert.Equal(population.TimesMs.Length, live.Counts[p].Sum());
            var final = SpikeStatistics.Compute(population, output.RecordedMs, binMs).RateSeriesHz;
            LiveRateTraceTests.AssertClose(final, rates.Populations[p].RatesHz, 1e-9);
        }
    }
}

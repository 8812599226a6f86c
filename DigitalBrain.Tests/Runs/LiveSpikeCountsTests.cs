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
    private sealed class Reports : IProgress<SimulationProgress>
    {
        public List<SimulationProgress> All { get; } = [];

        public void Report(SimulationProgress value) => All.Add(value);
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
        var reports = new Reports();
        // 2 threads: the counts of both partitions are merged; 50 of 160 E neurons recorded: only those count.
        var options = new SimulationOptions(400, 50, 2) { LiveBinMs = 10 };
        var output = new CpuBackend().Run(Network(recorded: 50), options, reports, TestContext.Current.CancellationToken);

        AssertFinalCountsMatch(output, reports.All[^1].Live, binMs: 10);
    }

    [Fact]
    public void Mid_run_snapshots_hold_only_completed_bins_whose_counts_are_final()
    {
        // The backend's report path without its 0.5 s rate limit: a snapshot at every progress callback
        // (thread 0, every 20 steps, while the other thread may be integrating the current step).
        var ct = TestContext.Current.CancellationToken;
        const long presim = 500, steps = 4000;
        var network = CpuNetwork.Build(Network(recorded: 50), 2, presim, ct);
        var live = LiveSpikeBins.For(new SimulationOptions(400, 50) { LiveBinMs = 10 }, presim, steps, 0.1,
            ["E", "I"], network.Context.RecordedPerPopulation)!;
        foreach (var partition in network.Partitions)
            partition.CountLive(live);
        var snapshots = new List<LiveSpikeCounts>();
        void Snapshot(long done) => snapshots.Add(live.Snapshot(network.Partitions.Select(p => p.LiveCounts), live.CompletedBefore(done)));

        network.Run(presim, Snapshot, ct);
        Assert.All(snapshots, s => Assert.Equal(0, s.CompletedBins)); // the warm-up is not counted
        network.Run(steps, done => Snapshot(presim + done), ct);
        var final = live.Snapshot(network.Partitions.Select(p => p.LiveCounts), live.CompletedBefore(presim + steps));

        Assert.Equal(40, final.CompletedBins);
        Assert.True(final.Counts.Sum(c => c.Sum()) > 100, "the network must spike");
        Assert.Equal(final.Counts.Sum(c => c.Sum()), network.Partitions.Sum(p => (long)p.RecordedSpikes.Count));
        // Step s (relative) is stamped (s + 1)·0.1 ms, so bin b is complete once step 100·b + 99 has run.
        var midRun = snapshots.Skip((int)(presim / 20)).ToList();
        Assert.Equal(Enumerable.Range(0, (int)(steps / 20)).Select(i => Math.Max(0, (i * 20 + 1) / 100)), midRun.Select(s => s.CompletedBins));
        foreach (var snapshot in midRun)
        {
            for (var p = 0; p < final.Counts.Count; p++)
                Assert.Equal(final.Counts[p][..snapshot.CompletedBins], snapshot.Counts[p]);
        }
    }

    [Fact]
    public void A_window_that_is_not_a_multiple_of_the_bin_counts_the_remainder_in_the_last_bin()
    {
        var reports = new Reports();
        var output = new CpuBackend().Run(Network(recorded: null), new SimulationOptions(155, 0, 1) { LiveBinMs = 20 }, reports,
            TestContext.Current.CancellationToken);

        var live = reports.All[^1].Live;
        Assert.Equal(7, live!.TotalBins); // ⌊155 / 20⌋, the last bin takes 120–155 ms
        AssertFinalCountsMatch(output, live, binMs: 20);
    }

    [Fact]
    public void Without_a_live_bin_width_nothing_is_counted()
    {
        var reports = new Reports();
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
        var reports = new Reports();
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

using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

public sealed class BuiltinNetworksTests
{
    [Fact]
    public void FullScaleMicrocircuitHasThePapersSizes()
    {
        var spec = Microcircuit.Create();
        Assert.Equal(77_169, spec.NeuronCount);
        var synapses = spec.Projections.Sum(p => p.Rule.Count);
        // NEST's example builds ≈ 2.99e8 recurrent synapses at full scale.
        Assert.InRange(synapses, 298_000_000, 300_500_000);
        Assert.Equal(8, spec.Stimuli.Count);
        Assert.All(spec.Populations, p => Assert.Equal(0.0, p.Parameters.ExternalCurrentPa));
        var l23e = spec.Projections.Single(p => p.Source == "L23E" && p.Target == "L23E");
        Assert.Equal(87.81, l23e.Synapse.Weight.Mean, 0.01);
        Assert.Equal(8.781, l23e.Synapse.Weight.Sd, 0.001);
        var l4eToL23e = spec.Projections.Single(p => p.Source == "L4E" && p.Target == "L23E");
        Assert.Equal(2 * 87.81, l4eToL23e.Synapse.Weight.Mean, 0.02);
        var inhibitory = spec.Projections.Single(p => p.Source == "L23I" && p.Target == "L23E");
        Assert.Equal(-4 * 87.81, inhibitory.Synapse.Weight.Mean, 0.05);
        Assert.Equal(0.75, inhibitory.Synapse.DelayMs.Mean);
        Assert.Equal(0.375, inhibitory.Synapse.DelayMs.Sd);
    }

    [Fact]
    public void DownScalingCompensatesWeightsAndAddsDc()
    {
        var spec = Microcircuit.Create(0.1);
        Assert.Equal([2068, 583, 2192, 548, 485, 106, 1440, 295], spec.Populations.Select(p => p.Size));
        var l23e = spec.Projections.Single(p => p.Source == "L23E" && p.Target == "L23E");
        Assert.Equal(87.81 / Math.Sqrt(0.1), l23e.Synapse.Weight.Mean, 0.05);
        Assert.All(spec.Populations, p => Assert.True(p.Parameters.ExternalCurrentPa > 0));
        var poisson = spec.Stimuli.OfType<PoissonInput>().First();
        Assert.Equal(160, poisson.Indegree);
    }

    [Fact]
    public void ThePscOf87PointEightOnePaGivesAPeakPspOfPointFifteenMv()
    {
        var p = new NeuronParameters { CapacitancePf = 250, TauMembraneMs = 10, TauSynExMs = 0.5, TauSynInMs = 0.5, RestingPotentialMv = -65, ThresholdMv = -50, ResetMv = -65 };
        var weight = 0.15 * Microcircuit.PscOverPsp(250, 10, 0.5);
        Assert.Equal(87.81, weight, 0.01);
        Assert.Equal(0.15, PeakPsp(NeuronModel.IafPscExp, p, weight), 1e-3);
    }

    [Fact]
    public void BrunelWeightGivesAPeakPspOfPointOneMv()
    {
        var spec = Brunel.Create();
        Assert.Equal(12_500, spec.NeuronCount);
        var jEx = spec.Projections[0].Synapse.Weight.Mean;
        Assert.Equal(-5 * jEx, spec.Projections[2].Synapse.Weight.Mean, 1e-9);
        Assert.Equal(0.1, PeakPsp(NeuronModel.IafPscAlpha, spec.Populations[0].Parameters, jEx), 1e-3);
    }

    [Fact]
    public void LambertWMinus1InvertsWTimesExpW()
    {
        foreach (var x in new[] { -0.3678, -0.3, -0.1, -1e-3, -1e-8 })
        {
            var w = Brunel.LambertWMinus1(x);
            Assert.True(w <= -1);
            Assert.Equal(x, w * Math.Exp(w), 1e-12);
        }
    }

    [Fact]
    public void LoadResolvesBuiltinsAndSpecFiles()
    {
        Assert.Equal(["microcircuit", "brunel"], BuiltinNetworks.Names);
        var spec = BuiltinNetworks.Load("builtin:microcircuit", 0.1, seed: 9);
        Assert.Equal(9UL, spec.Seed);
        var path = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, NetworkSpecJson.Serialize(Brunel.Create(0.1)));
            var loaded = BuiltinNetworks.Load(path);
            Assert.Equal(1250, loaded.NeuronCount);
            Assert.Equal(NetworkSpecJson.Serialize(Brunel.Create(0.1)), NetworkSpecJson.Serialize(loaded));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<ArgumentException>(() => BuiltinNetworks.Load("builtin:nope"));
    }

    [Fact]
    public void BrunelModelAGivesEqualExcitatoryAndInhibitoryRates()
    {
        // Model A: E and I neurons are identical and receive statistically identical input, so their
        // stationary rates must agree (NEST's brunel_alpha_nest.py reports ≈ 30 Hz for both).
        var output = new CpuBackend().Run(Brunel.Create(0.2), new SimulationOptions(500, 100, 2), null, TestContext.Current.CancellationToken);
        var stats = DigitalBrain.Simulation.Analysis.SpikeStatistics.Compute(output);
        Assert.All(stats, s => Assert.InRange(s.RateHz, 15, 45));
        Assert.Equal(stats[0].RateHz, stats[1].RateHz, 0.05 * stats[0].RateHz);
    }

    private static double PeakPsp(NeuronModel model, NeuronParameters p, double weight)
    {
        var spec = TestNetworks.SingleNeuron(model, p, new SpikeTimesInput("N", [1.0], weight, 0.1)) with { ResolutionMs = 0.01 };
        var network = CpuNetwork.Build(spec, 1, 0, TestContext.Current.CancellationToken);
        var peak = 0.0;
        for (var k = 0; k < 5000; k++)
        {
            network.Run(1, null, TestContext.Current.CancellationToken);
            peak = Math.Max(peak, network.Context.State.V[0]);
        }

        return peak;
    }
}

using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

/// <summary>Connection rules build exactly what they promise, independently of the partitioning.</summary>
public sealed class ConnectivityTests
{
    private static List<(int Source, int Target, float Weight, int Delay)> Synapses(NetworkSpec spec, int partitions = 1)
    {
        var layout = new NetworkLayout(spec);
        var plans = spec.Projections.Select((p, i) => new ProjectionPlan(layout, p, i)).ToArray();
        var result = new List<(int, int, float, int)>();
        var n = layout.NeuronCount;
        for (var q = 0; q < partitions; q++)
        {
            int lo = n * q / partitions, hi = n * (q + 1) / partitions;
            var csr = PartitionSynapses.Build(plans, n, lo, hi, CompactSynapse.ScaleFor(spec), TestContext.Current.CancellationToken);
            for (var s = 0; s < n; s++)
            {
                for (var k = csr.RowStart[s]; k < csr.RowStart[s + 1]; k++)
                {
                    result.Add((s, csr.TargetAt(k) + lo, csr.WeightAt(k), csr.DelayAt(k)));
                }
            }
        }

        return result;
    }

    [Fact]
    public void FixedIndegreeGivesEveryTargetExactlyKSources()
    {
        var synapses = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedIndegree, 12)));
        var perTarget = synapses.GroupBy(s => s.Target).ToList();
        Assert.Equal(40, perTarget.Count);
        Assert.All(perTarget, g => Assert.Equal(12, g.Count()));
        Assert.All(synapses, s => Assert.InRange(s.Source, 0, 49));
    }

    [Fact]
    public void FixedTotalNumberGivesExactlyNSynapses()
    {
        var synapses = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 1234)));
        Assert.Equal(1234, synapses.Count);
        Assert.All(synapses, s => Assert.InRange(s.Target, 50, 89));
    }

    [Fact]
    public void FixedOutdegreeGivesEverySourceExactlyKTargets()
    {
        var synapses = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedOutdegree, 7)), partitions: 3);
        Assert.All(synapses.GroupBy(s => s.Source), g => Assert.Equal(7, g.Count()));
        Assert.Equal(50 * 7, synapses.Count);
    }

    [Fact]
    public void PairwiseBernoulliConnectsAFractionPWithinFiveSigma()
    {
        var synapses = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.2), 300, 200));
        const double expected = 300 * 200 * 0.2;
        Assert.InRange(synapses.Count, expected - 5 * Math.Sqrt(expected * 0.8), expected + 5 * Math.Sqrt(expected * 0.8));
        Assert.Equal(synapses.Count, synapses.Distinct().Count());
    }

    [Fact]
    public void OneToOneAndAllToAllPairAsNamed()
    {
        var one = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.OneToOne), 30, 30));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (i, i + 30)), one.Select(s => (s.Source, s.Target)).OrderBy(x => x.Item1));
        var all = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.AllToAll), 20, 10));
        Assert.Equal(200, all.Select(s => (s.Source, s.Target)).Distinct().Count());
    }

    [Fact]
    public void AutapsesAndMultapsesAreExcludedWhenDisallowed()
    {
        var rule = new ConnectionRule(ConnectionRuleKind.FixedIndegree, 30, AllowAutapses: false, AllowMultapses: false);
        var synapses = Synapses(TestNetworks.TwoPopulations(rule, 40, 40, sameSource: true));
        Assert.DoesNotContain(synapses, s => s.Source == s.Target);
        Assert.Equal(synapses.Count, synapses.Select(s => (s.Source, s.Target)).Distinct().Count());
        Assert.Equal(40 * 30, synapses.Count);
    }

    [Fact]
    public void NormalWeightsKeepTheirSignAndDelaysStayAtLeastOneStep()
    {
        // Mean 1 pA with SD 5 pA: most raw draws would flip sign; all must be redrawn to ≥ 0.
        var synapse = new SynapseSpec(new Distribution(1, 5), new Distribution(0.3, 1.0));
        var synapses = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 20_000), synapse: synapse));
        Assert.All(synapses, s => Assert.True(s.Weight >= 0));
        Assert.All(synapses, s => Assert.True(s.Delay >= 1));
        var inhibitory = Synapses(TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 5_000),
            synapse: new SynapseSpec(new Distribution(-1, 5), Distribution.Constant(1.0))));
        Assert.All(inhibitory, s => Assert.True(s.Weight <= 0));
        Assert.All(inhibitory, s => Assert.Equal(10, s.Delay));
    }

    [Fact]
    public void PartitioningDoesNotChangeTheSynapses()
    {
        var spec = TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 3000));
        static List<(int, int, float, int)> Sorted(List<(int, int, float, int)> list) => [.. list.OrderBy(x => x)];
        Assert.Equal(Sorted(Synapses(spec, 1)), Sorted(Synapses(spec, 4)));
    }
}

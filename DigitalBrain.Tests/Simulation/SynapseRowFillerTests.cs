using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

/// <summary>The bucketed CSR fill gives exactly the rows of the plain definition: all synapses in
/// generation order (projection, then key), stably grouped by source.</summary>
public sealed class SynapseRowFillerTests
{
    private static NetworkSpec ThreePopulations()
    {
        var p = new NeuronParameters();
        PopulationSpec Pop(string name, int n) => new(name, n, NeuronModel.IafPscExp, p, Distribution.Constant(-70));
        var syn = new SynapseSpec(new Distribution(20, 4), new Distribution(1.5, 0.5));
        var inh = new SynapseSpec(new Distribution(-80, 8), new Distribution(0.8, 0.2));
        return new NetworkSpec("three", 0.1, 99,
            [Pop("E", 400), Pop("I", 100), Pop("X", 250)],
            [
                new ProjectionSpec("E", "E", new ConnectionRule(ConnectionRuleKind.FixedIndegree, 60, AllowAutapses: false), syn),
                new ProjectionSpec("I", "E", new ConnectionRule(ConnectionRuleKind.FixedIndegree, 25, AllowMultapses: false), inh),
                new ProjectionSpec("X", "I", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 9_000), syn),
                new ProjectionSpec("E", "X", new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.1), syn),
                new ProjectionSpec("I", "I", new ConnectionRule(ConnectionRuleKind.FixedOutdegree, 12), inh),
                new ProjectionSpec("E", "I", new ConnectionRule(ConnectionRuleKind.FixedIndegree, 40), syn),
            ],
            [], RecordingSpec.AllSpikes);
    }

    private sealed class ListSink : List<(int Source, int Target, ulong Key)>;

    private struct CollectingSink(ListSink list) : ISynapseSink
    {
        public readonly void Add(int source, int target, ulong key) => list.Add((source, target, key));
    }

    /// <summary>Rows by the definition, without the filler: every synapse drawn in generation order,
    /// then a stable sort by source.</summary>
    private static List<(int Source, int Target, float Weight, byte Delay)> Reference(ProjectionPlan[] plans, int lo, int hi, double scale)
    {
        var all = new List<(int, int, float, byte)>();
        foreach (var plan in plans)
        {
            var list = new ListSink();
            var sink = new CollectingSink(list);
            SynapseEnumerator.Enumerate(plan, lo, hi, ref sink);
            all.AddRange(list.Select(x =>
            {
                var (w, d) = plan.Sampler.Draw(x.Key);
                return (x.Source, x.Target - lo, CompactSynapse.Quantise(w, scale) * (float)(1 / scale), d);
            }));
        }

        return [.. all.OrderBy(x => x.Item1)];
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 0)]
    public void BucketedFillEqualsTheStableSortBySource(int partitions, int bufferedPerRow)
    {
        var spec = ThreePopulations();
        var layout = new NetworkLayout(spec);
        var plans = spec.Projections.Select((p, i) => new ProjectionPlan(layout, p, i)).ToArray();
        var n = layout.NeuronCount;
        var scale = CompactSynapse.ScaleFor(spec);
        long synapses = 0;
        for (var q = 0; q < partitions; q++)
        {
            int lo = n * q / partitions, hi = n * (q + 1) / partitions;
            var csr = PartitionSynapses.Build(plans, n, lo, hi, scale, TestContext.Current.CancellationToken, bufferedPerRow);
            var built = new List<(int, int, float, byte)>();
            for (var s = 0; s < n; s++)
            {
                for (var k = csr.RowStart[s]; k < csr.RowStart[s + 1]; k++)
                {
                    built.Add((s, csr.TargetAt(k), csr.WeightAt(k), csr.DelayAt(k)));
                }
            }

            var expected = Reference(plans, lo, hi, scale);
            Assert.Equal(expected.Count, built.Count);
            Assert.Equal(expected, built);
            Assert.Equal(expected.Max(x => x.Item4), csr.MaxDelaySteps);
            synapses += built.Count;
        }

        // 400·60 + 400·25 + 9,000 + ≈ 400·250·0.1 + 100·12 + 100·40: the network is not trivially small.
        Assert.InRange(synapses, 55_000, 60_000);
    }
}

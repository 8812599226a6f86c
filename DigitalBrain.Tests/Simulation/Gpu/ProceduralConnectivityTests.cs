using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Gpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation.Gpu;

/// <summary>Procedural connectivity (rows regenerated per spike) against stored rows, on ILGPU's CPU accelerator.</summary>
public sealed class ProceduralConnectivityTests
{
    private const int E = 160, I = 40;

    private static SimulationOutput Run(NetworkSpec spec, ConnectivityMode mode, double ms, double presimMs = 0) =>
        GpuBackend.CpuAccelerator().Run(spec, new SimulationOptions(ms, presimMs, 1) { Connectivity = mode }, null, TestContext.Current.CancellationToken);

    private static NetworkSpec Network(params ProjectionSpec[] projections)
    {
        var p = new NeuronParameters();
        return new NetworkSpec("procedural", 0.1, 23,
            [
                new PopulationSpec("E", E, NeuronModel.IafPscExp, p, new Distribution(-58, 5)),
                new PopulationSpec("I", I, NeuronModel.IafPscExp, p, new Distribution(-58, 5)),
            ],
            projections,
            [new PoissonInput("E", 8, 2000, 87.5, 1.5), new PoissonInput("I", 8, 1900, 87.5, 1.5)],
            RecordingSpec.AllSpikes);
    }

    private static readonly SynapseSpec Excitatory = new(new Distribution(87.81, 8.781), new Distribution(1.5, 0.75));
    private static readonly SynapseSpec Inhibitory = new(new Distribution(-351.2, 35.12), new Distribution(0.75, 0.375));

    [Fact]
    public void RegeneratedRowsGiveTheStoredSpikeTrains()
    {
        // fixed_outdegree, all_to_all and one_to_one rows are the stored draws themselves (same keys), so
        // with normal weights and delays the procedural network is the stored one, spike for spike.
        // fixed_indegree cannot be regenerated from the source and stays stored.
        const int indegree = 5;
        var spec = Network(
            new ProjectionSpec("E", "E", new ConnectionRule(ConnectionRuleKind.FixedOutdegree, 20, AllowAutapses: false, AllowMultapses: false), Excitatory),
            new ProjectionSpec("E", "I", new ConnectionRule(ConnectionRuleKind.AllToAll), Excitatory with { Weight = new Distribution(4, 0.4) }),
            new ProjectionSpec("I", "E", new ConnectionRule(ConnectionRuleKind.FixedIndegree, indegree, AllowMultapses: false), Inhibitory),
            new ProjectionSpec("I", "I", new ConnectionRule(ConnectionRuleKind.OneToOne), Inhibitory));
        var stored = Run(spec, ConnectivityMode.Stored, 200);
        var procedural = Run(spec, ConnectivityMode.Procedural, 200);
        Assert.Equal((20 * E) + (E * I) + (indegree * E) + I, stored.Synapses);
        Assert.Equal(stored.Synapses, procedural.Synapses);
        Assert.True(stored.Populations.Sum(x => x.TimesMs.Length) > 200, "the network must spike");
        for (var i = 0; i < stored.Populations.Count; i++)
        {
            Assert.Equal(stored.Populations[i].Neurons, procedural.Populations[i].Neurons);
            Assert.Equal(stored.Populations[i].TimesMs, procedural.Populations[i].TimesMs);
        }

        // Stored: 8 bytes per synapse and a row start per neuron. Procedural: only the fixed_indegree synapses,
        // the row starts and the projections' parameters (< 1 kB): nothing per regenerated synapse.
        Assert.Equal((8 * stored.Synapses) + (4 * (E + I + 1)), stored.ConnectivityBytes);
        var perRegenerated = procedural.ConnectivityBytes - (8 * indegree * E) - (4 * (E + I + 1));
        Assert.InRange(perRegenerated, 1, 1024);
    }

    [Fact]
    public void FixedTotalNumberAndPairwiseBernoulliKeepTheirLawWhenRegenerated()
    {
        // fixed_total_number: the stored draws' row lengths, targets redrawn per source, so the count is exact.
        var total = Network(
            new ProjectionSpec("E", "E", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 3200, AllowAutapses: false), Excitatory),
            new ProjectionSpec("E", "I", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 800), Excitatory),
            new ProjectionSpec("I", "E", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 800), Inhibitory),
            new ProjectionSpec("I", "I", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 200, AllowAutapses: false), Inhibitory));
        AssertSameRates(total, exactCount: true);

        // pairwise_bernoulli: skipping over each source's targets instead of each target's sources, so the
        // count is another Binomial(pairs, p) draw.
        var bernoulli = Network(
            new ProjectionSpec("E", "E", new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.125, AllowAutapses: false), Excitatory),
            new ProjectionSpec("E", "I", new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.125), Excitatory),
            new ProjectionSpec("I", "E", new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.125), Inhibitory),
            new ProjectionSpec("I", "I", new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.125, AllowAutapses: false), Inhibitory));
        AssertSameRates(bernoulli, exactCount: false);
    }

    private static void AssertSameRates(NetworkSpec spec, bool exactCount)
    {
        var stored = Run(spec, ConnectivityMode.Stored, 200, 50);
        var procedural = Run(spec, ConnectivityMode.Procedural, 200, 50);
        if (exactCount)
        {
            Assert.Equal(stored.Synapses, procedural.Synapses);
        }
        else
        {
            // Both counts are Binomial(n, 1/8) over the n ordered pairs without autapses: within 5 SD of n/8.
            double pairs = ((long)E * (E - 1)) + (2L * E * I) + ((long)I * (I - 1));
            var sd = Math.Sqrt(pairs * 0.125 * 0.875);
            Assert.InRange(stored.Synapses, (pairs / 8) - (5 * sd), (pairs / 8) + (5 * sd));
            Assert.InRange(procedural.Synapses, (pairs / 8) - (5 * sd), (pairs / 8) + (5 * sd));
            Assert.NotEqual(stored.Synapses, procedural.Synapses);
        }

        // Nothing per synapse: row starts, fixed_total_number's row lengths (one int per source of each
        // projection) and the projections' parameters.
        Assert.InRange(procedural.ConnectivityBytes, 1, (4 * (E + I + 1)) + (4 * ((2 * E) + (2 * I))) + 1024);
        for (var i = 0; i < stored.Populations.Count; i++)
        {
            // Another realisation of the same random network: the CPU validation's tolerance on rates.
            var a = stored.Populations[i].TimesMs.Length / (stored.Populations[i].RecordedNeurons * 0.2);
            var b = procedural.Populations[i].TimesMs.Length / (procedural.Populations[i].RecordedNeurons * 0.2);
            Assert.True(a > 1, $"population {i} must fire ({a} Hz)");
            Assert.True(Math.Abs(b - a) <= Math.Max(0.15 * a, 0.15), $"population {i}: stored {a} Hz, procedural {b} Hz");
        }
    }

    [Theory]
    [InlineData(ConnectivityMode.Stored, 3e9, 1L << 30, false)]
    [InlineData(ConnectivityMode.Procedural, 10, 1L << 40, true)]
    [InlineData(ConnectivityMode.Auto, 1e6, 1L << 30, false)]
    [InlineData(ConnectivityMode.Auto, 3e8, 1L << 30, true)]
    [InlineData(ConnectivityMode.Auto, 2.2e9, 1L << 40, true)]
    public void AutoStoresWhatFitsTheDeviceAndRegeneratesWhatDoesNot(ConnectivityMode mode, double synapses, long deviceBytes, bool procedural)
    {
        // 1e6 synapses take 8 MB of a 1 GiB device; 3e8 take 2.4 GB; 2.2e9 exceed the 2³¹ − 1 a stored build indexes.
        Assert.Equal(procedural, GpuProjections.UseProcedural(mode, synapses, 10_000, 1 << 20, deviceBytes));
    }
}

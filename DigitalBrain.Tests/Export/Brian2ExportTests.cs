using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary>Exported Brian2 scripts draw connectivity as NEST's rules do and run every model,
/// rule and stimulus the spec can hold.</summary>
public sealed class Brian2ExportTests
{
    [Fact]
    public async Task ConnectionRules_DrawCountsPairsWeightsAndDelaysAsNestWould()
    {
        var noAutapsesNoMultapses = new ConnectionRule(ConnectionRuleKind.FixedIndegree, Count: 5, AllowAutapses: false, AllowMultapses: false);
        var spec = TestSpecs.Network(
            [TestSpecs.Population("A", 50), TestSpecs.Population("B", 40)],
            [
                TestSpecs.Projection("A", "A", noAutapsesNoMultapses, 10.0),
                TestSpecs.Projection("A", "B", new ConnectionRule(ConnectionRuleKind.FixedOutdegree, Count: 4), 10.0),
                TestSpecs.Projection("A", "B", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, Count: 300, AllowMultapses: false), 10.0),
                TestSpecs.Projection("B", "B", new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.2, AllowAutapses: false), 10.0),
                TestSpecs.Projection("A", "A", new ConnectionRule(ConnectionRuleKind.OneToOne), 10.0),
                TestSpecs.Projection("B", "A", new ConnectionRule(ConnectionRuleKind.AllToAll), 50.0, 40.0, 0.2, 0.5),
                TestSpecs.Projection("A", "B", new ConnectionRule(ConnectionRuleKind.AllToAll), -50.0, 40.0),
                TestSpecs.Projection("B", "B", new ConnectionRule(ConnectionRuleKind.AllToAll, AllowAutapses: false), 10.0),
                TestSpecs.Projection("A", "A", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, Count: 500, AllowAutapses: false), 10.0),
            ]);

        var results = await Brian2Run.RunAsync(spec, presimMs: 0, simMs: 10, TestContext.Current.CancellationToken);

        var drawn = results.Projections.ToArray();
        Assert.Equal(spec.Projections.Count, drawn.Length);
        long Get(int index, string name) => drawn[index].GetProperty(name).GetInt64();
        double Real(int index, string name) => drawn[index].GetProperty(name).GetDouble();

        Assert.Equal((250L, 250L, 0L), (Get(0, "synapses"), Get(0, "distinct_pairs"), Get(0, "autapses")));
        Assert.Equal(200L, Get(1, "synapses"));
        Assert.Equal((300L, 300L), (Get(2, "synapses"), Get(2, "distinct_pairs")));
        var bernoulliMean = 0.2 * 40 * 39;
        Assert.True(Math.Abs(Get(3, "synapses") - bernoulliMean) <= 5 * Math.Sqrt(bernoulliMean * 0.8), $"bernoulli drew {Get(3, "synapses")}, expected ≈ {bernoulliMean}");
        Assert.Equal(0L, Get(3, "autapses"));
        Assert.Equal((50L, 50L), (Get(4, "synapses"), Get(4, "autapses")));
        Assert.Equal(40L * 50L, Get(5, "synapses"));
        Assert.Equal((1560L, 0L), (Get(7, "synapses"), Get(7, "autapses")));
        Assert.Equal((500L, 0L), (Get(8, "synapses"), Get(8, "autapses")));

        // Redraw keeps the sign of the weight and delays ≥ h; the mean is the truncated normal's.
        Assert.True(Real(5, "weight_min") >= 0 && Real(6, "weight_max") <= 0, "a redrawn weight changed sign");
        Assert.True(Real(5, "delay_min_ms") >= 0.1, $"delay {Real(5, "delay_min_ms")} ms below h");
        var truncatedMean = TruncatedNormalMean(50.0, 40.0, 0.0);
        Assert.True(Math.Abs(Real(5, "weight_mean") - truncatedMean) <= 4.0, $"weight mean {Real(5, "weight_mean"):F2}, truncated normal {truncatedMean:F2}");
        Assert.True(Math.Abs(Real(6, "weight_mean") + truncatedMean) <= 4.0, $"weight mean {Real(6, "weight_mean"):F2}, truncated normal {-truncatedMean:F2}");
        Assert.True(Math.Abs(Real(5, "delay_mean_ms") - TruncatedNormalMean(0.2, 0.5, 0.1)) <= 0.05,
            $"delay mean {Real(5, "delay_mean_ms"):F3}, truncated normal {TruncatedNormalMean(0.2, 0.5, 0.1):F3}");
    }

    [Fact]
    public async Task EveryModelRuleAndStimulus_RunsAndRecordsWhatTheSpecAsks()
    {
        var spec = TestSpecs.Everything();

        var results = await Brian2Run.RunAsync(spec, presimMs: 50, simMs: 200, TestContext.Current.CancellationToken);

        foreach (var population in spec.Populations)
        {
            Assert.Equal(Math.Min(7, population.Size), results.Population(population.Name).GetProperty("recorded").GetInt32());
            Assert.All(results.SpikeTimes(population.Name), t => Assert.InRange(t, 0.0, 200.0));
        }

        // 1600 × 8 Hz of 87.81 pA onto E drives it far above threshold; nothing drives C (≈ 1 nS
        // mean excitatory conductance against g_L = 16.7 nS) to fire.
        Assert.True(results.Rate("E") > 50, $"E fires at {results.Rate("E")} Hz");
        Assert.Equal(0.0, results.Rate("C"));
        Assert.Equal(200 / 0.5, results.Voltage("E", 3).Length, 1.0);
        Assert.Equal(200 / 1.0, results.Voltage("C", 0).Length, 1.0);
        Assert.All(results.Voltage("C", 0), v => Assert.InRange(v, -85.0, -55.0));
        Assert.Equal(spec.Projections.Count, results.Projections.Count());
    }

    /// <summary>Mean of N(μ, σ) conditioned on x ≥ a: μ + σ φ(α) / (1 − Φ(α)), α = (a − μ)/σ.</summary>
    private static double TruncatedNormalMean(double mean, double sd, double lower)
    {
        var alpha = (lower - mean) / sd;
        var density = Math.Exp(-alpha * alpha / 2) / Math.Sqrt(2 * Math.PI);
        var tail = 0.5 * Erfc(alpha / Math.Sqrt(2));
        return mean + sd * density / tail;
    }

    /// <summary>erfc by Abramowitz &amp; Stegun 7.1.26 (absolute error &lt; 1.5e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * z);
        var poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        var erfcAbs = poly * Math.Exp(-z * z);
        return x >= 0 ? erfcAbs : 2 - erfcAbs;
    }
}

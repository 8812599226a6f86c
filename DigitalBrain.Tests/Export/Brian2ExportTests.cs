using System.Globalization;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Export;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary>Runs exported Brian2 scripts under Debian's python3-brian (numpy target) and checks them
/// against NEST's published rates and against closed-form single-neuron results.</summary>
public sealed class Brian2ExportTests
{
    private static readonly TimeSpan SmallRun = TimeSpan.FromMinutes(2);

    /// <summary>NEST's reference rates of the 10 %-scale microcircuit (Hz), 1 s after 0.5 s warm-up.</summary>
    private static readonly Dictionary<string, double> NestTenPercentRatesHz = new()
    {
        ["L23E"] = 0.402, ["L23I"] = 2.017, ["L4E"] = 3.880, ["L4I"] = 4.958,
        ["L5E"] = 6.575, ["L5I"] = 7.726, ["L6E"] = 0.831, ["L6I"] = 6.986,
    };

    [Fact]
    public async Task Microcircuit10Percent_RatesMatchNestReference()
    {
        var ct = TestContext.Current.CancellationToken;
        using var python = new PythonRunner();
        var script = python.Write("microcircuit.py", new Brian2Exporter().Export(Microcircuit.Create(0.1)));

        await python.RunAsync([script, "--target", "numpy", "--t-presim", "500", "--t-sim", "1000", "--out", python.PathOf("out.json")],
            TimeSpan.FromMinutes(4), ct);

        var results = ResultsJson.Load(python.PathOf("out.json"));
        var report = string.Join(", ", NestTenPercentRatesHz.Select(r => $"{r.Key} {results.Rate(r.Key):F3} (NEST {r.Value})"));
        foreach (var (population, reference) in NestTenPercentRatesHz)
        {
            // The issue's tolerance: 15 % or, for the near-silent L2/3E and L6E, 0.15 Hz (NEST 3.9
            // itself gives 0.49–0.52 Hz for L2/3E).
            var tolerance = Math.Max(0.15 * reference, 0.15);
            Assert.True(Math.Abs(results.Rate(population) - reference) <= tolerance,
                $"{population}: Brian2 {results.Rate(population):F3} Hz vs NEST {reference} Hz (± {tolerance:F3}). All: {report}");
        }
    }

    [Fact]
    public async Task SingleNeuronWithDc_FiresAtClosedFormRate()
    {
        // From V_reset the membrane relaxes to V_inf = E_L + I τ_m / C_m and crosses V_th after
        // τ_m ln((V_reset − V_inf)/(V_th − V_inf)); with t_ref the ISI is that plus t_ref.
        var parameters = new NeuronParameters { ResetMv = -70.0, RestingPotentialMv = -70.0, ThresholdMv = -55.0, RefractoryMs = 2.0 };
        const double current = 500.0;
        var vInf = parameters.RestingPotentialMv + current * parameters.TauMembraneMs / parameters.CapacitancePf;
        var isi = parameters.RefractoryMs + parameters.TauMembraneMs * Math.Log((parameters.ResetMv - vInf) / (parameters.ThresholdMv - vInf));
        var spec = TestSpecs.Network(
            [
                TestSpecs.Population("dc", 1, parameters),
                TestSpecs.Population("dc_until_300", 1, parameters),
                TestSpecs.Population("i_e", 1, parameters with { ExternalCurrentPa = current }),
            ],
            stimuli: [new DcInput("dc", current), new DcInput("dc_until_300", current, 0.0, 300.0)]);

        var results = await RunAsync(spec, presimMs: 100, simMs: 1000, TestContext.Current.CancellationToken);

        foreach (var population in new[] { "dc", "i_e" })
        {
            var times = results.SpikeTimes(population);
            Assert.True(times.Length > 50, $"{population}: only {times.Length} spikes");
            var meanIsi = (times[^1] - times[0]) / (times.Length - 1);
            // The step h = 0.1 ms quantises each ISI to whole steps: allow two steps.
            Assert.True(Math.Abs(meanIsi - isi) <= 0.2, $"{population}: mean ISI {meanIsi:F4} ms, closed form {isi:F4} ms");
        }

        // The limited DC stops at 300 ms model time, i.e. 200 ms after the warm-up.
        var limited = results.SpikeTimes("dc_until_300");
        Assert.True(limited.Length > 5, $"dc_until_300: only {limited.Length} spikes");
        Assert.True(limited[^1] <= 200.0, $"dc_until_300 fired at {limited[^1]} ms, after its DC stopped");
    }

    [Fact]
    public async Task SubthresholdPoissonInput_VoltageMeanAndVarianceMatchCampbell()
    {
        // Shot noise (Campbell's theorem): K inputs of rate ν and PSP kernel u(t) give
        // E[V] = E_L + K ν ∫u and Var V = K ν ∫u², with u(t) = A (e^(−t/τ_m) − e^(−t/τ_s)),
        // A = w τ_m τ_s / (C (τ_m − τ_s)).
        var parameters = new NeuronParameters { ThresholdMv = 1e6, TauSynExMs = 2.0, RestingPotentialMv = -70.0 };
        const int k = 100;
        const double rateHz = 10.0, weightPa = 100.0;
        var (tm, ts, c) = (parameters.TauMembraneMs, parameters.TauSynExMs, parameters.CapacitancePf);
        var amplitudeMv = weightPa * tm * ts / (c * (tm - ts));
        var inputPerMs = k * rateHz / 1000.0;
        var expectedMean = parameters.RestingPotentialMv + inputPerMs * amplitudeMv * (tm - ts);
        var expectedVariance = inputPerMs * amplitudeMv * amplitudeMv * (tm / 2 + ts / 2 - 2 * tm * ts / (tm + ts));
        var neurons = Enumerable.Range(0, 20).ToArray();
        var spec = TestSpecs.Network(
            [TestSpecs.Population("p", 20, parameters)],
            stimuli: [new PoissonInput("p", rateHz, k, weightPa, 1.5)],
            recording: new RecordingSpec(null, [new VoltageRecording("p", neurons, 1.0)]));

        var results = await RunAsync(spec, presimMs: 200, simMs: 2000, TestContext.Current.CancellationToken);

        var samples = neurons.SelectMany(n => results.Voltage("p", n)).ToArray();
        Assert.True(samples.Length >= 20 * 1990, $"only {samples.Length} voltage samples");
        var mean = samples.Average();
        var variance = samples.Sum(v => (v - mean) * (v - mean)) / (samples.Length - 1);
        // ~4000 independent samples (τ ≈ 10 ms): SE of the mean ≈ 0.03 mV, of the variance ≈ 2 %.
        Assert.True(Math.Abs(mean - expectedMean) <= 0.2, $"mean V {mean:F4} mV, Campbell {expectedMean:F4} mV");
        Assert.True(Math.Abs(variance / expectedVariance - 1) <= 0.1, $"Var V {variance:F4} mV², Campbell {expectedVariance:F4} mV²");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(10.0)]
    public async Task SingleInputSpike_PspPeakAndTimeMatchClosedForm(double tauSynMs)
    {
        // One spike of weight w arriving at t0 + d: PSP u(t) = A (e^(−t/τ_m) − e^(−t/τ_s)),
        // A = w τ_m τ_s / (C (τ_m − τ_s)), peaking at t* = τ_m τ_s / (τ_m − τ_s) ln(τ_m/τ_s); for
        // τ_s = τ_m (the degenerate case, integrated with RK4) u(t) = (w/C) t e^(−t/τ), peak at t* = τ.
        var parameters = new NeuronParameters { ThresholdMv = 1e6, TauSynExMs = tauSynMs, RestingPotentialMv = -65.0 };
        const double weightPa = 87.81, spikeMs = 20.0, delayMs = 1.5;
        var (tm, ts, c) = (parameters.TauMembraneMs, parameters.TauSynExMs, parameters.CapacitancePf);
        double peakTime, peakMv;
        if (ts == tm)
        {
            peakTime = tm;
            peakMv = weightPa / c * tm * Math.Exp(-1);
        }
        else
        {
            var amplitudeMv = weightPa * tm * ts / (c * (tm - ts));
            peakTime = tm * ts / (tm - ts) * Math.Log(tm / ts);
            peakMv = amplitudeMv * (Math.Exp(-peakTime / tm) - Math.Exp(-peakTime / ts));
        }

        var spec = TestSpecs.Network(
            [TestSpecs.Population("n", 1, parameters, v0: -65.0)],
            stimuli: [new SpikeTimesInput("n", [spikeMs], weightPa, delayMs)],
            recording: new RecordingSpec(null, [new VoltageRecording("n", [0], 0.1)]));

        var results = await RunAsync(spec, presimMs: 0, simMs: 60, TestContext.Current.CancellationToken);

        var v = results.Voltage("n", 0);
        var peakIndex = Array.IndexOf(v, v.Max());
        var psp = v[peakIndex] - parameters.RestingPotentialMv;
        Assert.True(Math.Abs(psp / peakMv - 1) <= 0.01, $"PSP peak {psp:F5} mV, closed form {peakMv:F5} mV");
        var measuredPeakTime = peakIndex * 0.1 - (spikeMs + delayMs);
        Assert.True(Math.Abs(measuredPeakTime - peakTime) <= 0.25, $"PSP peaks {measuredPeakTime:F2} ms after arrival, closed form {peakTime:F2} ms");
    }

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

        var results = await RunAsync(spec, presimMs: 0, simMs: 10, TestContext.Current.CancellationToken);

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

        var results = await RunAsync(spec, presimMs: 50, simMs: 200, TestContext.Current.CancellationToken);

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

    private static async Task<ResultsJson> RunAsync(NetworkSpec spec, double presimMs, double simMs, CancellationToken ct)
    {
        using var python = new PythonRunner();
        var script = python.Write("model.py", new Brian2Exporter().Export(spec));
        await python.RunAsync(
            [script, "--target", "numpy", "--spikes", "--t-presim", presimMs.ToString(CultureInfo.InvariantCulture),
             "--t-sim", simMs.ToString(CultureInfo.InvariantCulture), "--out", python.PathOf("out.json")],
            SmallRun, ct);
        return ResultsJson.Load(python.PathOf("out.json"));
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

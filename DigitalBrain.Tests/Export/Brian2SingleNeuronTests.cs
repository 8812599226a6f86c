using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary>One Brian2 run of single neurons and one unconnected population (a Brian2 start-up
/// costs seconds, so they share it), each checked against a closed-form result.</summary>
public sealed class Brian2SingleNeuronRun : IAsyncLifetime
{
    public const double PresimMs = 100, SimMs = 1000;
    public const double DcPa = 500.0, DcStopMs = 300.0;
    public const double PspWeightPa = 87.81, InputSpikeMs = 120.0, InputDelayMs = 1.5;
    public const int ShotK = 100, ShotNeurons = 100;
    public const double ShotRateHz = 10.0, ShotWeightPa = 100.0;

    public static NeuronParameters Firing { get; } = new() { ResetMv = -70.0, RestingPotentialMv = -70.0, ThresholdMv = -55.0, RefractoryMs = 2.0 };

    public static NeuronParameters Silent(double tauSynMs) => new() { ThresholdMv = 1e6, TauSynExMs = tauSynMs, RestingPotentialMv = -65.0 };

    public static NeuronParameters Shot { get; } = new() { ThresholdMv = 1e6, TauSynExMs = 2.0, RestingPotentialMv = -70.0 };

    public ResultsJson Results { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var spec = TestSpecs.Network(
            [
                TestSpecs.Population("dc", 1, Firing),
                TestSpecs.Population("dc_until_300", 1, Firing),
                TestSpecs.Population("i_e", 1, Firing with { ExternalCurrentPa = DcPa }),
                TestSpecs.Population("psp_0.5", 1, Silent(0.5), v0: -65.0),
                TestSpecs.Population("psp_10", 1, Silent(10.0), v0: -65.0),
                TestSpecs.Population("shot", ShotNeurons, Shot),
            ],
            stimuli:
            [
                new DcInput("dc", DcPa), new DcInput("dc_until_300", DcPa, 0.0, DcStopMs),
                new SpikeTimesInput("psp_0.5", [InputSpikeMs], PspWeightPa, InputDelayMs),
                new SpikeTimesInput("psp_10", [InputSpikeMs], PspWeightPa, InputDelayMs),
                new PoissonInput("shot", ShotRateHz, ShotK, ShotWeightPa, 1.5),
            ],
            recording: new RecordingSpec(null,
            [
                new VoltageRecording("psp_0.5", [0], 0.1), new VoltageRecording("psp_10", [0], 0.1),
                new VoltageRecording("shot", Enumerable.Range(0, ShotNeurons).ToArray(), 1.0),
            ]));
        Results = await Brian2Run.RunAsync(spec, PresimMs, SimMs, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class Brian2SingleNeuronTests(Brian2SingleNeuronRun run) : IClassFixture<Brian2SingleNeuronRun>
{
    [Theory]
    [InlineData("dc")]
    [InlineData("i_e")]
    public void ConstantCurrent_FiresAtClosedFormRate(string population)
    {
        // From V_reset the membrane relaxes to V_inf = E_L + I τ_m / C_m and crosses V_th after
        // τ_m ln((V_reset − V_inf)/(V_th − V_inf)); with t_ref the ISI is that plus t_ref.
        var p = Brian2SingleNeuronRun.Firing;
        var vInf = p.RestingPotentialMv + Brian2SingleNeuronRun.DcPa * p.TauMembraneMs / p.CapacitancePf;
        var isi = p.RefractoryMs + p.TauMembraneMs * Math.Log((p.ResetMv - vInf) / (p.ThresholdMv - vInf));

        var times = run.Results.SpikeTimes(population);

        Assert.True(times.Length > 50, $"{population}: only {times.Length} spikes");
        var meanIsi = (times[^1] - times[0]) / (times.Length - 1);
        // The step h = 0.1 ms quantises each ISI to whole steps: allow two steps.
        Assert.True(Math.Abs(meanIsi - isi) <= 0.2, $"{population}: mean ISI {meanIsi:F4} ms, closed form {isi:F4} ms");
    }

    [Fact]
    public void DcWithStopTime_StopsFiringWhenItEnds()
    {
        var times = run.Results.SpikeTimes("dc_until_300");

        // Recorded times start after the warm-up: the DC ends 200 ms into the recording.
        var stop = Brian2SingleNeuronRun.DcStopMs - Brian2SingleNeuronRun.PresimMs;
        Assert.True(times.Length > 5, $"only {times.Length} spikes");
        Assert.True(times[^1] <= stop, $"fired at {times[^1]} ms, after its DC stopped at {stop} ms");
    }

    [Fact]
    public void PoissonInput_VoltageMeanAndVarianceMatchCampbell()
    {
        // Shot noise (Campbell's theorem): K inputs of rate ν and PSP kernel u(t) give
        // E[V] = E_L + K ν ∫u and Var V = K ν ∫u², with u(t) = A (e^(−t/τ_m) − e^(−t/τ_s)),
        // A = w τ_m τ_s / (C (τ_m − τ_s)).
        var p = Brian2SingleNeuronRun.Shot;
        var (tm, ts, c) = (p.TauMembraneMs, p.TauSynExMs, p.CapacitancePf);
        var amplitudeMv = Brian2SingleNeuronRun.ShotWeightPa * tm * ts / (c * (tm - ts));
        var inputPerMs = Brian2SingleNeuronRun.ShotK * Brian2SingleNeuronRun.ShotRateHz / 1000.0;
        var expectedMean = p.RestingPotentialMv + inputPerMs * amplitudeMv * (tm - ts);
        var expectedVariance = inputPerMs * amplitudeMv * amplitudeMv * (tm / 2 + ts / 2 - 2 * tm * ts / (tm + ts));

        var samples = Enumerable.Range(0, Brian2SingleNeuronRun.ShotNeurons).SelectMany(n => run.Results.Voltage("shot", n)).ToArray();

        Assert.True(samples.Length >= 100 * 990, $"only {samples.Length} voltage samples");
        var mean = samples.Average();
        var variance = samples.Sum(v => (v - mean) * (v - mean)) / (samples.Length - 1);
        // ~10⁴ independent samples (100 independent neurons, τ ≈ 10 ms): SE of the mean ≈ 0.02 mV,
        // of the variance ≈ 1.5 %.
        Assert.True(Math.Abs(mean - expectedMean) <= 0.2, $"mean V {mean:F4} mV, Campbell {expectedMean:F4} mV");
        Assert.True(Math.Abs(variance / expectedVariance - 1) <= 0.1, $"Var V {variance:F4} mV², Campbell {expectedVariance:F4} mV²");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(10.0)]
    public void SingleInputSpike_PspPeakAndTimeMatchClosedForm(double tauSynMs)
    {
        // One spike of weight w arriving at t0 + d: PSP u(t) = A (e^(−t/τ_m) − e^(−t/τ_s)),
        // A = w τ_m τ_s / (C (τ_m − τ_s)), peaking at t* = τ_m τ_s / (τ_m − τ_s) ln(τ_m/τ_s); for
        // τ_s = τ_m (the degenerate case, which the Brian2 export nudges by 1e-7) u(t) = (w/C) t e^(−t/τ), peak at t* = τ.
        var p = Brian2SingleNeuronRun.Silent(tauSynMs);
        var (tm, ts, c, w) = (p.TauMembraneMs, p.TauSynExMs, p.CapacitancePf, Brian2SingleNeuronRun.PspWeightPa);
        double peakTime, peakMv;
        if (ts == tm)
        {
            peakTime = tm;
            peakMv = w / c * tm * Math.Exp(-1);
        }
        else
        {
            peakTime = tm * ts / (tm - ts) * Math.Log(tm / ts);
            peakMv = w * tm * ts / (c * (tm - ts)) * (Math.Exp(-peakTime / tm) - Math.Exp(-peakTime / ts));
        }

        var v = run.Results.Voltage(FormattableString.Invariant($"psp_{tauSynMs}"), 0);

        var peakIndex = Array.IndexOf(v, v.Max());
        var psp = v[peakIndex] - p.RestingPotentialMv;
        Assert.True(Math.Abs(psp / peakMv - 1) <= 0.01, $"PSP peak {psp:F5} mV, closed form {peakMv:F5} mV");
        var arrival = Brian2SingleNeuronRun.InputSpikeMs + Brian2SingleNeuronRun.InputDelayMs - Brian2SingleNeuronRun.PresimMs;
        var measuredPeakTime = peakIndex * 0.1 - arrival;
        Assert.True(Math.Abs(measuredPeakTime - peakTime) <= 0.25, $"PSP peaks {measuredPeakTime:F2} ms after arrival, closed form {peakTime:F2} ms");
    }
}

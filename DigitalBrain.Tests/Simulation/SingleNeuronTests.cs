using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

/// <summary>Single neurons against closed-form solutions, in double precision (tolerance 1e-6 relative).</summary>
public sealed class SingleNeuronTests
{
    private const double H = 0.1;

    private static double[] Trace(NetworkSpec spec, int steps)
    {
        var network = CpuNetwork.Build(spec, 1, 0, TestContext.Current.CancellationToken);
        var resting = spec.Populations[0].Parameters.RestingPotentialMv;
        var v = new double[steps + 1];
        v[0] = network.Context.State.V[0] + resting;
        for (var k = 1; k <= steps; k++)
        {
            network.Run(1, null, TestContext.Current.CancellationToken);
            v[k] = network.Context.State.V[0] + resting;
        }

        return v;
    }

    [Fact]
    public void IafPscExpFollowsTheClosedFormUnderDcInput()
    {
        // V(t) = E_L + R I (1 − e^(−t/τ_m)), R = τ_m / C; 300 pA keeps V (→ −58 mV) below threshold.
        var p = new NeuronParameters { ExternalCurrentPa = 300 };
        var v = Trace(TestNetworks.SingleNeuron(NeuronModel.IafPscExp, p), 1000);
        var r = p.TauMembraneMs / p.CapacitancePf;
        for (var k = 0; k < v.Length; k++)
        {
            var exact = p.RestingPotentialMv + r * 300 * (1 - Math.Exp(-k * H / p.TauMembraneMs));
            Assert.True(Math.Abs(v[k] - exact) / Math.Abs(exact) < 1e-6, $"t = {k * H} ms: {v[k]} vs {exact}");
        }

        Assert.InRange(v[^1], -58.1, -57.9);
    }

    [Fact]
    public void IafPscExpFollowsTheClosedFormAfterOneInputSpike()
    {
        // A spike at 10 ms with delay 1 ms makes I_ex jump by w at t0 = 11 ms; then
        // V(t) − E_L = w/C · τ_s τ_m/(τ_m − τ_s) · (e^(−(t−t0)/τ_m) − e^(−(t−t0)/τ_s)).
        var p = new NeuronParameters();
        const double w = 100.0;
        var spec = TestNetworks.SingleNeuron(NeuronModel.IafPscExp, p, new SpikeTimesInput("N", [10.0], w, 1.0));
        var v = Trace(spec, 600);
        double tauM = p.TauMembraneMs, tauS = p.TauSynExMs, t0 = 11.0;
        var peak = 0.0;
        var maxError = 0.0;
        for (var k = 0; k < v.Length; k++)
        {
            var t = k * H;
            var exact = t < t0 - 1e-9 ? 0 : w / p.CapacitancePf * tauS * tauM / (tauM - tauS) * (Math.Exp(-(t - t0) / tauM) - Math.Exp(-(t - t0) / tauS));
            peak = Math.Max(peak, exact);
            maxError = Math.Max(maxError, Math.Abs(v[k] - p.RestingPotentialMv - exact));
            Assert.True(Math.Abs(v[k] - (p.RestingPotentialMv + exact)) / Math.Abs(p.RestingPotentialMv + exact) < 1e-6, $"t = {t} ms");
        }

        Assert.True(peak > 0.1, "the PSP must be visible");
        Assert.True(maxError / peak < 1e-6, $"PSP error {maxError} mV relative to peak {peak} mV");
    }

    [Fact]
    public void IafPscAlphaFollowsTheClosedFormAfterOneInputSpike()
    {
        // I(t) = w (e/τ_s)(t − t0) e^(−(t−t0)/τ_s), so V − E_L = w (e/τ_s)/C · (e^(−s/τ_m) − e^(−s/τ_s)(1 + a s))/a², a = 1/τ_s − 1/τ_m.
        var p = new NeuronParameters { TauSynExMs = 0.5, TauMembraneMs = 20 };
        const double w = 50.0;
        var spec = TestNetworks.SingleNeuron(NeuronModel.IafPscAlpha, p, new SpikeTimesInput("N", [5.0], w, 1.5));
        var v = Trace(spec, 500);
        const double t0 = 6.5;
        var a = 1 / p.TauSynExMs - 1 / p.TauMembraneMs;
        var peak = 0.0;
        var maxError = 0.0;
        for (var k = 0; k < v.Length; k++)
        {
            var s = k * H - t0;
            var exact = s < -1e-9 ? 0 : w * Math.E / p.TauSynExMs / p.CapacitancePf * (Math.Exp(-s / p.TauMembraneMs) - Math.Exp(-s / p.TauSynExMs) * (1 + a * s)) / (a * a);
            peak = Math.Max(peak, exact);
            maxError = Math.Max(maxError, Math.Abs(v[k] - p.RestingPotentialMv - exact));
        }

        Assert.True(peak > 0.05);
        Assert.True(maxError / peak < 1e-6, $"PSP error {maxError} mV relative to peak {peak} mV");
    }

    [Fact]
    public void IafPscDeltaJumpsByTheWeightAndDecays()
    {
        var p = new NeuronParameters();
        var spec = TestNetworks.SingleNeuron(NeuronModel.IafPscDelta, p, new SpikeTimesInput("N", [2.0], 0.5, 1.0));
        var v = Trace(spec, 200);
        for (var k = 0; k < v.Length; k++)
        {
            var s = k * H - 3.0;
            var exact = s < -1e-9 ? 0 : 0.5 * Math.Exp(-s / p.TauMembraneMs);
            Assert.True(Math.Abs(v[k] - p.RestingPotentialMv - exact) < 1e-9, $"t = {k * H} ms");
        }
    }

    [Fact]
    public void IafCondExpRelaxesToTheConductanceWeightedRestingPotential()
    {
        // With no input, C dV/dt = −g_L (V − E_L) + I_e: V(t) = E_L + I_e/g_L (1 − e^(−t g_L/C)); RK4 error ≪ 1e-6.
        var p = new NeuronParameters { ExternalCurrentPa = 100, LeakConductanceNs = 16.6667 };
        var v = Trace(TestNetworks.SingleNeuron(NeuronModel.IafCondExp, p), 500);
        for (var k = 0; k < v.Length; k++)
        {
            var exact = p.RestingPotentialMv + 100 / p.LeakConductanceNs * (1 - Math.Exp(-k * H * p.LeakConductanceNs / p.CapacitancePf));
            Assert.True(Math.Abs(v[k] - exact) / Math.Abs(exact) < 1e-6, $"t = {k * H} ms");
        }
    }
}

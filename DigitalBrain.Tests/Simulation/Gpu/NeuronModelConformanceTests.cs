using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Engine.Gpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation.Gpu;

/// <summary>
/// The neuron models beyond iaf_psc_exp against closed forms, written once against <see cref="ISimulationBackend"/>
/// and run on the CPU backend, on the GPU kernels on ILGPU's CPU accelerator, and on CUDA when present.
/// Traces are floats, so tolerances are a few float ulps of −70 mV (7.6e-6 mV) or relative 1e-6.
/// </summary>
public abstract class NeuronModelConformanceTests
{
    private const double H = 0.1;

    protected abstract ISimulationBackend CreateBackend();

    private float[] Trace(NetworkSpec spec, double ms) =>
        CreateBackend().Run(spec, new SimulationOptions(ms), null, TestContext.Current.CancellationToken).Voltages.Single().VoltageMv;

    /// <summary>Current-based models: V = E_L + (τ_m/C) I (1 − e^(−t/τ_m)); iaf_cond_exp without input
    /// conductances: V = E_L + (I/g_L)(1 − e^(−t g_L/C)) (its RK4 error is ≪ 1e-6 here).</summary>
    [Theory]
    [InlineData(NeuronModel.IafPscAlpha)]
    [InlineData(NeuronModel.IafPscDelta)]
    [InlineData(NeuronModel.IafCondExp)]
    public void DcChargingFollowsTheClosedForm(NeuronModel model)
    {
        // Both settle at −58 mV, below threshold.
        var current = model == NeuronModel.IafCondExp ? 200 : 300;
        var p = new NeuronParameters { ExternalCurrentPa = current };
        var trace = Trace(TestNetworks.SingleNeuron(model, p), 50);
        var (gain, tau) = model == NeuronModel.IafCondExp
            ? (1 / p.LeakConductanceNs, p.CapacitancePf / p.LeakConductanceNs)
            : (p.TauMembraneMs / p.CapacitancePf, p.TauMembraneMs);
        Assert.Equal(500, trace.Length);
        for (var k = 0; k < trace.Length; k++)
        {
            var exact = p.RestingPotentialMv + (gain * current * (1 - Math.Exp(-(k + 1) * H / tau)));
            Assert.True(Math.Abs(trace[k] - exact) / Math.Abs(exact) < 1e-6, $"sample {k}: {trace[k]} vs {exact}");
        }
    }

    [Fact]
    public void IafPscAlphaPostsynapticPotentialFollowsTheClosedForm()
    {
        // I(s) = w (e/τ_s) s e^(−s/τ_s) from arrival: V − E_L = w (e/τ_s)/C · (e^(−s/τ_m) − e^(−s/τ_s)(1 + a s))/a², a = 1/τ_s − 1/τ_m.
        var p = new NeuronParameters { TauSynExMs = 0.5, TauMembraneMs = 20 };
        const double w = 50.0;
        var trace = Trace(TestNetworks.SingleNeuron(NeuronModel.IafPscAlpha, p, new SpikeTimesInput("N", [5.0], w, 1.5)), 50);
        var a = (1 / p.TauSynExMs) - (1 / p.TauMembraneMs);
        var peak = 0.0;
        for (var k = 0; k < trace.Length; k++)
        {
            var s = ((k + 1) * H) - 6.5;
            var psp = s < 1e-9 ? 0 : w * Math.E / p.TauSynExMs / p.CapacitancePf * (Math.Exp(-s / p.TauMembraneMs) - (Math.Exp(-s / p.TauSynExMs) * (1 + (a * s)))) / (a * a);
            peak = Math.Max(peak, psp);
            Assert.True(Math.Abs(trace[k] - (p.RestingPotentialMv + psp)) < 2e-5, $"sample {k}: {trace[k]} vs {p.RestingPotentialMv + psp}");
        }

        Assert.True(peak > 0.05, $"the PSP must be visible ({peak} mV)");
    }

    [Fact]
    public void IafPscDeltaJumpsByTheWeightAndIgnoresInputWhileRefractory()
    {
        // 0.5 mV at 3 ms decays as e^(−s/τ_m); 20 mV at 10 ms makes it spike (clamped for t_ref = 2 ms),
        // so the 0.5 mV arriving at 11 ms is discarded (NEST's refractory_input = false).
        var p = new NeuronParameters();
        var spec = TestNetworks.SingleNeuron(NeuronModel.IafPscDelta, p,
            new SpikeTimesInput("N", [2.0, 10.0], 0.5, 1.0), new SpikeTimesInput("N", [9.0], 20, 1.0));
        var trace = Trace(spec, 30);
        for (var k = 0; k < trace.Length; k++)
        {
            var t = (k + 1) * H;
            var exact = t < 3 - 1e-9 ? 0 : t < 10 - 1e-9 ? 0.5 * Math.Exp(-(t - 3) / p.TauMembraneMs) : 0;
            Assert.True(Math.Abs(trace[k] - (p.RestingPotentialMv + exact)) < 2e-5, $"t = {t} ms: {trace[k]} vs {p.RestingPotentialMv + exact}");
        }
    }
}

public sealed class CpuNeuronModelConformanceTests : NeuronModelConformanceTests
{
    protected override ISimulationBackend CreateBackend() => new CpuBackend();
}

public sealed class GpuCpuAcceleratorNeuronModelConformanceTests : NeuronModelConformanceTests
{
    protected override ISimulationBackend CreateBackend() => GpuBackend.CpuAccelerator();
}

/// <summary>Every test skips, saying why, without a CUDA device.</summary>
public sealed class GpuCudaNeuronModelConformanceTests : NeuronModelConformanceTests
{
    protected override ISimulationBackend CreateBackend()
    {
        if (!GpuHost.Instance.HasCuda)
        {
            Assert.Skip($"no CUDA device: {GpuHost.Instance.Describe()}");
        }

        return GpuBackend.Cuda();
    }
}

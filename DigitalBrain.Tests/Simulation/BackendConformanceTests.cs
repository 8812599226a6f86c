using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

/// <summary>
/// What every <see cref="ISimulationBackend"/> must do, written once: derive a class per backend and
/// return it from <see cref="CreateBackend"/> (the GPU backend on ILGPU's CPU accelerator in CI).
/// Only the public backend interface is used.
/// </summary>
public abstract class BackendConformanceTests
{
    private const double H = 0.1;

    protected abstract ISimulationBackend CreateBackend();

    private SimulationOutput Run(NetworkSpec spec, double ms, int threads = 1) =>
        CreateBackend().Run(spec, new SimulationOptions(ms, 0, threads), null, TestContext.Current.CancellationToken);

    [Fact]
    public void VoltageTraceMatchesTheClosedFormUnderDcInput()
    {
        var p = new NeuronParameters { ExternalCurrentPa = 300 };
        var trace = Run(TestNetworks.SingleNeuron(NeuronModel.IafPscExp, p), 50).Voltages.Single().VoltageMv;
        Assert.Equal(500, trace.Length);
        for (var k = 0; k < trace.Length; k++)
        {
            // Sample k is taken at the end of step k, t = (k + 1) h; traces are stored as float.
            var exact = p.RestingPotentialMv + p.TauMembraneMs / p.CapacitancePf * 300 * (1 - Math.Exp(-(k + 1) * H / p.TauMembraneMs));
            Assert.True(Math.Abs(trace[k] - exact) / Math.Abs(exact) < 1e-6, $"sample {k}: {trace[k]} vs {exact}");
        }
    }

    [Fact]
    public void PostsynapticPotentialArrivesAfterTheDelayWithTheClosedFormShape()
    {
        var p = new NeuronParameters();
        var spec = TestNetworks.SingleNeuron(NeuronModel.IafPscExp, p, new SpikeTimesInput("N", [10.0], 100, 1.0));
        var trace = Run(spec, 60).Voltages.Single().VoltageMv;
        for (var k = 0; k < trace.Length; k++)
        {
            var s = (k + 1) * H - 11.0;
            var psp = s < 1e-9 ? 0 : 100 / p.CapacitancePf * p.TauSynExMs * p.TauMembraneMs / (p.TauMembraneMs - p.TauSynExMs)
                                     * (Math.Exp(-s / p.TauMembraneMs) - Math.Exp(-s / p.TauSynExMs));
            Assert.True(Math.Abs(trace[k] - (p.RestingPotentialMv + psp)) < 1e-4, $"sample {k}");
        }
    }

    [Fact]
    public void SpikeTimesAndRefractorinessFollowNestSemantics()
    {
        // V_∞ = −70 + 0.04·500 = −50 mV > −55: the first spike is stamped at the end of the first step with
        // V ≥ θ; then V is clamped for round(t_ref/h) = 20 steps and restarts from V_reset.
        var p = new NeuronParameters { ExternalCurrentPa = 500 };
        var spec = TestNetworks.SingleNeuron(NeuronModel.IafPscExp, p) with { Recording = RecordingSpec.AllSpikes };
        var times = Run(spec, 200).Populations[0].TimesMs;
        var r = p.TauMembraneMs / p.CapacitancePf;
        var stepsToThreshold = 0;
        while (p.RestingPotentialMv + r * 500 * (1 - Math.Exp(-(stepsToThreshold + 1) * H / p.TauMembraneMs)) < p.ThresholdMv)
        {
            stepsToThreshold++;
        }

        var first = (stepsToThreshold + 1) * H;
        var interval = (20 + stepsToThreshold + 1) * H;
        Assert.True(times.Length >= 5);
        for (var i = 0; i < times.Length; i++)
        {
            Assert.Equal(first + i * interval, times[i], 1e-3);
        }
    }

    [Fact]
    public void SpikeRecordingCanBeLimitedToTheFirstNeurons()
    {
        var spec = Microcircuit.Create(0.02, 3) with { Recording = new RecordingSpec(10, []) };
        var output = Run(spec, 100, threads: 2);
        Assert.All(output.Populations, p => Assert.Equal(Math.Min(10, p.Size), p.RecordedNeurons));
        Assert.All(output.Populations, p => Assert.All(p.Neurons, n => Assert.InRange(n, 0, 9)));
        Assert.All(output.Populations, p => Assert.True(p.TimesMs.Zip(p.TimesMs.Skip(1)).All(x => x.First <= x.Second)));
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CreateBackend().Run(Microcircuit.Create(0.02), new SimulationOptions(1000, 0, 2), null, cts.Token));
    }
}

public sealed class CpuBackendConformanceTests : BackendConformanceTests
{
    protected override ISimulationBackend CreateBackend() => new CpuBackend();
}

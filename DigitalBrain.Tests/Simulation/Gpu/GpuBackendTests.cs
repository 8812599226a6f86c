using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Engine.Gpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation.Gpu;

/// <summary>The GPU backend (on ILGPU's CPU accelerator) against the CPU backend on small networks.</summary>
public sealed class GpuBackendTests
{
    private static SimulationOutput Run(ISimulationBackend backend, NetworkSpec spec, double ms, double presimMs = 0) =>
        backend.Run(spec, new SimulationOptions(ms, presimMs, 1), null, TestContext.Current.CancellationToken);

    /// <summary>An excitatory–inhibitory network with Poisson drive. With <paramref name="exactWeights"/>
    /// every weight is a constant with few binary digits (87.5 and −350 pA), so fixed-point and float sums
    /// are both exact and the two backends must agree spike for spike.</summary>
    private static NetworkSpec Balanced(bool exactWeights, ConnectionRule? rule = null)
    {
        var p = new NeuronParameters();
        var ex = exactWeights ? new SynapseSpec(Distribution.Constant(87.5), Distribution.Constant(1.5)) : new SynapseSpec(new Distribution(87.81, 8.781), new Distribution(1.5, 0.75));
        var inh = exactWeights ? new SynapseSpec(Distribution.Constant(-350), Distribution.Constant(0.8)) : new SynapseSpec(new Distribution(-351.2, 35.12), new Distribution(0.75, 0.375));
        var r = rule ?? new ConnectionRule(ConnectionRuleKind.FixedIndegree, 20, AllowAutapses: false, AllowMultapses: false);
        return new NetworkSpec("balanced", 0.1, 11,
            [
                new PopulationSpec("E", 160, NeuronModel.IafPscExp, p, new Distribution(-58, 5)),
                new PopulationSpec("I", 40, NeuronModel.IafPscExp, p, new Distribution(-58, 5)),
            ],
            [
                new ProjectionSpec("E", "E", r, ex), new ProjectionSpec("E", "I", r, ex),
                new ProjectionSpec("I", "E", r with { Count = 5 }, inh), new ProjectionSpec("I", "I", r with { Count = 5 }, inh),
            ],
            [new PoissonInput("E", 8, 2000, 87.5, 1.5), new PoissonInput("I", 8, 1900, 87.5, 1.5)],
            RecordingSpec.AllSpikes);
    }

    [Fact]
    public void SpikeTrainsEqualTheCpuBackendsWhenWeightsAreExactInFixedPoint()
    {
        var spec = Balanced(exactWeights: true);
        var cpu = Run(new CpuBackend(), spec, 200);
        var gpu = Run(GpuBackend.CpuAccelerator(), spec, 200);
        Assert.Equal(cpu.Synapses, gpu.Synapses);
        Assert.True(cpu.Populations.Sum(x => x.TimesMs.Length) > 200, "the network must spike");
        for (var i = 0; i < cpu.Populations.Count; i++)
        {
            Assert.Equal(cpu.Populations[i].Neurons, gpu.Populations[i].Neurons);
            Assert.Equal(cpu.Populations[i].TimesMs, gpu.Populations[i].TimesMs);
        }
    }

    [Theory]
    [InlineData(ConnectionRuleKind.FixedTotalNumber, 1500, 0, true, true)]
    [InlineData(ConnectionRuleKind.FixedIndegree, 12, 0, false, false)]
    [InlineData(ConnectionRuleKind.FixedOutdegree, 9, 0, false, false)]
    [InlineData(ConnectionRuleKind.PairwiseBernoulli, 0, 0.25, false, true)]
    [InlineData(ConnectionRuleKind.AllToAll, 0, 0, false, true)]
    [InlineData(ConnectionRuleKind.OneToOne, 0, 0, true, true)]
    public void EveryRuleBuildsTheCpuBackendsSynapseCountAndRates(ConnectionRuleKind kind, long count, double probability, bool autapses, bool multapses)
    {
        var rule = new ConnectionRule(kind, count, probability, AllowAutapses: autapses, AllowMultapses: multapses);
        var spec = TestNetworks.TwoPopulations(rule, 40, 40, sameSource: true) with
        {
            Stimuli = [new PoissonInput("A", 8, 2000, 87.5, 1.5)],
        };
        var cpu = Run(new CpuBackend(), spec, 100);
        var gpu = Run(GpuBackend.CpuAccelerator(), spec, 100);
        Assert.Equal(cpu.Synapses, gpu.Synapses);
        // 8 bytes per synapse plus one row start per neuron.
        Assert.Equal((8 * gpu.Synapses) + (4 * (gpu.Neurons + 1)), gpu.ConnectivityBytes);
        // Weights differ by < 2^−(k+1) pA, so spike counts stay within the CPU validation's tolerance.
        var a = cpu.Populations[0].TimesMs.Length;
        var b = gpu.Populations[0].TimesMs.Length;
        Assert.True(a > 20, $"the network must spike ({a})");
        Assert.True(Math.Abs(a - b) <= 0.15 * a, $"CPU {a} spikes, GPU {b}");
    }

    [Fact]
    public void NormalWeightsAndDelaysGiveRatesWithinTheCpuValidationTolerance()
    {
        var spec = Balanced(exactWeights: false, new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, 3200));
        var cpu = Run(new CpuBackend(), spec, 300, 50);
        var gpu = Run(GpuBackend.CpuAccelerator(), spec, 300, 50);
        Assert.Equal(cpu.Synapses, gpu.Synapses);
        for (var i = 0; i < cpu.Populations.Count; i++)
        {
            var rateCpu = cpu.Populations[i].TimesMs.Length / (cpu.Populations[i].RecordedNeurons * 0.3);
            var rateGpu = gpu.Populations[i].TimesMs.Length / (gpu.Populations[i].RecordedNeurons * 0.3);
            Assert.True(rateCpu > 1, $"population {i} must fire ({rateCpu} Hz)");
            Assert.True(Math.Abs(rateGpu - rateCpu) <= Math.Max(0.15 * rateCpu, 0.15), $"population {i}: CPU {rateCpu} Hz, GPU {rateGpu} Hz");
        }
    }

    /// <summary>Each model driven by DC to spiking and hit by excitatory and inhibitory spikes: the device
    /// kernels repeat the CPU kernels' expressions, so traces agree to the float resolution of a trace.</summary>
    [Theory]
    [InlineData(NeuronModel.IafPscExp, 400, 87.5, -175)]
    [InlineData(NeuronModel.IafPscAlpha, 400, 87.5, -175)]
    [InlineData(NeuronModel.IafPscDelta, 400, 2.5, -3.75)]
    [InlineData(NeuronModel.IafCondExp, 350, 5, -10)]
    public void EveryNeuronModelGivesTheCpuBackendsTraceAndSpikes(NeuronModel model, double dcPa, double exWeight, double inWeight)
    {
        var p = new NeuronParameters { ExternalCurrentPa = dcPa, TauSynInMs = 5 };
        var spec = TestNetworks.SingleNeuron(model, p,
            new SpikeTimesInput("N", [3.0, 3.0, 9.0, 21.0, 30.0], exWeight, 1.0),
            new SpikeTimesInput("N", [5.0, 15.0, 16.0, 40.0], inWeight, 1.5));
        var cpu = Run(new CpuBackend(), spec, 80);
        var gpu = Run(GpuBackend.CpuAccelerator(), spec, 80);
        var a = cpu.Voltages.Single().VoltageMv;
        var b = gpu.Voltages.Single().VoltageMv;
        Assert.Equal(a.Length, b.Length);
        Assert.True(a.Max() - a.Min() > 5, "the trace must move");
        for (var k = 0; k < a.Length; k++)
        {
            Assert.True(Math.Abs(a[k] - b[k]) <= 1e-5, $"{model} sample {k}: CPU {a[k]} mV, GPU {b[k]} mV");
        }

        Assert.NotEmpty(cpu.Populations[0].TimesMs);
        Assert.Equal(cpu.Populations[0].TimesMs, gpu.Populations[0].TimesMs);
    }

    [Fact]
    public void GpuAndAutoSelectCudaOrFallBackToTheCpuSayingWhy()
    {
        foreach (var kind in new[] { BackendKind.Gpu, BackendKind.Auto })
        {
            var lines = new List<string>();
            var backend = SimulationBackends.Create(kind, lines.Add);
            if (GpuHost.Instance.HasCuda)
            {
                Assert.Equal("cuda", backend.Name);
                Assert.Empty(lines);
            }
            else
            {
                Assert.Equal("cpu", backend.Name);
                Assert.Contains("falling back to the CPU backend", Assert.Single(lines), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AutoRunsASpecTheGpuRefusesOnTheCpuSayingWhy()
    {
        var lines = new List<string>();
        var auto = new AutoBackend(new RefusingBackend(), lines.Add);
        var p = new NeuronParameters { ExternalCurrentPa = 500 };
        var spec = TestNetworks.SingleNeuron(NeuronModel.IafPscAlpha, p) with { Recording = RecordingSpec.AllSpikes };
        var output = Run(auto, spec, 50);
        Assert.Equal("cpu", output.Backend);
        Assert.NotEmpty(output.Populations[0].TimesMs);
        Assert.Contains(RefusingBackend.Reason, Assert.Single(lines), StringComparison.Ordinal);
    }

    /// <summary>Stands for a GPU backend refusing a spec while building (e.g. more than 2³¹ − 1 stored synapses).</summary>
    private sealed class RefusingBackend : ISimulationBackend
    {
        public const string Reason = "the device refuses this spec.";

        public string Name => "refusing";

        public SimulationOutput Run(NetworkSpec spec, SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct) =>
            throw new NotSupportedException(Reason);
    }
}

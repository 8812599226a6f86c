using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

public sealed class RingBufferTests
{
    [Fact]
    public void EqualSynapticTimeConstantsShareOneSummedReceptorBuffer()
    {
        var network = CpuNetwork.Build(Microcircuit.Create(0.02), 2, 0, TestContext.Current.CancellationToken);
        Assert.True(network.Context.SingleReceptor);
        Assert.All(network.Partitions, p => Assert.Equal((long)(p.Synapses.MaxDelaySteps + 1) * (p.Hi - p.Lo), p.Ring.LongLength));
    }

    [Fact]
    public void DifferentSynapticTimeConstantsKeepTwoReceptorBuffers()
    {
        var spec = TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedIndegree, 5));
        var network = CpuNetwork.Build(spec, 1, 0, TestContext.Current.CancellationToken);
        Assert.True(network.Context.SingleReceptor);
        var distinct = spec with { Populations = [.. spec.Populations.Select(p => p with { Parameters = p.Parameters with { TauSynInMs = 5 } })] };
        var two = CpuNetwork.Build(distinct, 1, 0, TestContext.Current.CancellationToken);
        Assert.False(two.Context.SingleReceptor);
        Assert.Equal((long)(two.Partitions[0].Synapses.MaxDelaySteps + 1) * 2 * 90, two.Partitions[0].Ring.LongLength);
    }
}

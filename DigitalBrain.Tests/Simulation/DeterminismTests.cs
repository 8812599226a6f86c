using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;

namespace DigitalBrain.Tests.Simulation;

/// <summary>The same seed gives bit-identical spikes on 1, 2 and N threads.</summary>
public sealed class DeterminismTests
{
    private static SimulationOutput Run(int threads, ulong seed) =>
        new CpuBackend().Run(Microcircuit.Create(0.05, seed), new SimulationOptions(200, 100, threads), null, TestContext.Current.CancellationToken);

    [Fact]
    public void SpikesAreBitIdenticalOnOneTwoAndFiveThreads()
    {
        var reference = Run(1, 55);
        Assert.True(reference.Populations.Sum(p => p.TimesMs.Length) > 1000, "the run must produce spikes");
        foreach (var threads in new[] { 2, 5 })
        {
            var other = Run(threads, 55);
            Assert.Equal(threads, other.Threads);
            Assert.Equal(reference.Synapses, other.Synapses);
            for (var p = 0; p < reference.Populations.Count; p++)
            {
                Assert.Equal(reference.Populations[p].Neurons, other.Populations[p].Neurons);
                Assert.Equal(reference.Populations[p].TimesMs, other.Populations[p].TimesMs);
            }
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSpikes()
    {
        var a = Run(2, 55);
        var b = Run(2, 56);
        Assert.NotEqual(a.Populations[0].TimesMs, b.Populations[0].TimesMs);
    }
}

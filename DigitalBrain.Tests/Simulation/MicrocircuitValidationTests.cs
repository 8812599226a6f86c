using DigitalBrain.Simulation.Analysis;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;

namespace DigitalBrain.Tests.Simulation;

/// <summary>The 10 %-scale microcircuit against NEST's published 10 % reference rates.</summary>
public sealed class MicrocircuitValidationTests
{
    [Fact]
    public void TenPercentRatesMatchNestWithinFifteenPercentOrPointFifteenHz()
    {
        // 1 s after 0.5 s warm-up, mean over 3 seeds; tolerance max(15 %, 0.15 Hz) as stated in issue 4.
        ulong[] seeds = [55, 56, 57];
        var reference = Microcircuit.TenPercentReferenceRatesHz;
        var mean = new double[reference.Count];
        foreach (var seed in seeds)
        {
            var output = new CpuBackend().Run(Microcircuit.Create(0.1, seed), new SimulationOptions(1000, 500, 2), null, TestContext.Current.CancellationToken);
            var stats = SpikeStatistics.Compute(output);
            for (var p = 0; p < mean.Length; p++)
            {
                mean[p] += stats[p].RateHz / seeds.Length;
                // Asynchronous irregular regime: irregular firing in every population.
                Assert.InRange(stats[p].CvIsi, 0.3, 1.5);
            }
        }

        for (var p = 0; p < mean.Length; p++)
        {
            var tolerance = Math.Max(0.15 * reference[p], 0.15);
            Assert.True(Math.Abs(mean[p] - reference[p]) <= tolerance,
                $"{Microcircuit.PopulationNames[p]}: {mean[p]:F3} Hz vs NEST {reference[p]:F3} Hz (tolerance {tolerance:F3})");
        }
    }
}

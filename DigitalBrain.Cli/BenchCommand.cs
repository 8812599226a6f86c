using System.Globalization;
using DigitalBrain.Simulation.Analysis;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Cli;

/// <summary><c>digitalbrain bench</c>: the microcircuit benchmark whose figures README quotes: build time,
/// real-time factor, peak RSS, bytes per synapse and rates against NEST's reference for the scale
/// (the 10 % reference at scale 0.1, the full-scale reference otherwise).</summary>
public static class BenchCommand
{
    private static readonly HashSet<string> Valued = ["--scale", "--t-presim", "--t-sim", "--threads", "--seeds", "--seed"];

    public static int Run(string[] args)
    {
        var a = new CliArguments(args, Valued, new HashSet<string>());
        if (a.Positional.Count != 0)
        {
            throw new CliUsageException("bench takes only options");
        }

        var scale = a.Double("--scale", 0.1);
        var presim = a.Double("--t-presim", 500.0);
        var sim = a.Double("--t-sim", 1000.0);
        var threads = (int)a.Long("--threads", 2);
        var seeds = (int)a.Long("--seeds", 1);
        var firstSeed = (ulong)a.Long("--seed", (long)Microcircuit.DefaultSeed);
        var reference = Math.Abs(scale - 0.1) < 1e-12 ? Microcircuit.TenPercentReferenceRatesHz : Microcircuit.FullScaleRatesHz;
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c, $"# microcircuit benchmark, scale {scale}, {threads} threads, {presim} ms warm-up + {sim} ms, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.Out.WriteLine(string.Create(c, $"# machine: {Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        var meanRates = new double[reference.Count];
        for (var i = 0; i < seeds; i++)
        {
            var seed = firstSeed + (ulong)i;
            var spec = Microcircuit.Create(scale, seed);
            var output = new Simulation.Engine.Cpu.CpuBackend().Run(spec, new SimulationOptions(sim, presim, threads), null, CancellationToken.None);
            var stats = SpikeStatistics.Compute(output);
            Console.Out.WriteLine(string.Create(c, $"## seed {seed}"));
            Console.Out.Write(RunReport.Table(output, stats, reference));
            for (var p = 0; p < meanRates.Length; p++)
            {
                meanRates[p] += stats[p].RateHz / seeds;
            }
        }

        if (seeds > 1)
        {
            Console.Out.WriteLine(string.Create(c, $"## mean over {seeds} seeds"));
            for (var p = 0; p < meanRates.Length; p++)
            {
                var deviation = (meanRates[p] - reference[p]) / reference[p] * 100;
                Console.Out.WriteLine(string.Create(c, $"{Microcircuit.PopulationNames[p],-6} {meanRates[p],8:F3} Hz  reference {reference[p],6:F3}  {deviation,+7:F1}%"));
            }
        }

        return 0;
    }
}

using System.Globalization;
using System.Text;
using DigitalBrain.Simulation.Analysis;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Cli;

/// <summary><c>digitalbrain simulate</c>: runs one spec and prints its figures (a table, or one JSON object with --json).</summary>
public static class SimulateCommand
{
    private static readonly HashSet<string> Valued = ["--scale", "--t-presim", "--t-sim", "--seed", "--threads", "--backend", "--connectivity", "--spikes"];
    private static readonly HashSet<string> Flags = ["--json"];

    public static int Run(string[] args)
    {
        var a = new CliArguments(args, Valued, Flags);
        if (a.Positional.Count != 1)
        {
            throw new CliUsageException("simulate takes one spec (a JSON file or builtin:NAME)");
        }

        var scale = a.Double("--scale", 1.0);
        var presim = a.Double("--t-presim", 500.0);
        var sim = a.Double("--t-sim", 1000.0);
        var threads = (int)a.Long("--threads", 0);
        ulong? seed = a.Has("--seed") ? (ulong)a.Long("--seed", 0) : null;
        var backendKind = (a.String("--backend") ?? "cpu") switch
        {
            "cpu" => BackendKind.Cpu,
            "gpu" => BackendKind.Gpu,
            "auto" => BackendKind.Auto,
            var other => throw new CliUsageException($"--backend: '{other}' is not cpu, gpu or auto"),
        };

        var connectivity = (a.String("--connectivity") ?? "auto") switch
        {
            "auto" => ConnectivityMode.Auto,
            "stored" => ConnectivityMode.Stored,
            "procedural" => ConnectivityMode.Procedural,
            var other => throw new CliUsageException($"--connectivity: '{other}' is not auto, stored or procedural"),
        };

        var spec = BuiltinNetworks.Load(a.Positional[0], scale, seed);
        var backend = SimulationBackends.Create(backendKind, Console.Error.WriteLine);
        Console.Error.WriteLine($"{spec.Name}: {spec.NeuronCount} neurons, {presim} ms warm-up + {sim} ms, seed {spec.Seed}");
        var output = backend.Run(spec, new SimulationOptions(sim, presim, threads, backendKind) { Connectivity = connectivity }, new StderrProgress(), CancellationToken.None);
        var stats = SpikeStatistics.Compute(output);
        if (a.String("--spikes") is { } dir)
        {
            WriteSpikes(dir, output);
        }

        if (a.Has("--json"))
        {
            Console.Out.WriteLine(RunReport.Json(output, stats));
        }
        else
        {
            Console.Out.Write(RunReport.Table(output, stats, null));
        }

        return 0;
    }

    private static void WriteSpikes(string dir, SimulationOutput output)
    {
        Directory.CreateDirectory(dir);
        foreach (var p in output.Populations)
        {
            var text = new StringBuilder("neuron,time_ms\n");
            for (var i = 0; i < p.Neurons.Length; i++)
            {
                text.Append(p.Neurons[i].ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.TimesMs[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }

            File.WriteAllText(Path.Combine(dir, $"spikes_{p.Name}.csv"), text.ToString());
        }

        Console.Error.WriteLine($"spikes written to {dir}");
    }
}

/// <summary>Progress lines on stderr.</summary>
internal sealed class StderrProgress : IProgress<SimulationProgress>
{
    public void Report(SimulationProgress value) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {value.Phase.ToString().ToLowerInvariant()} {value.Fraction * 100:F0}% ({value.SimulatedMs:F0} ms)"));
}

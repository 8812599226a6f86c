using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DigitalBrain.Cli;

/// <summary>
/// <c>digitalbrain bench-wholebrain [--scales 0.1,0.25,0.5,1] [--t-presim MS] [--t-sim MS] [--threads N] [--out DIR]</c>:
/// the weak-scaling benchmark of <c>builtin:wholebrain</c> (fixed in-degree 1,500, neuron counts scaled).
/// Each scale runs in a fresh process (<c>simulate … --json</c>), so its peak RSS is its own and no heap
/// is reused between sizes. Prints a table and writes the rows to <c>DIR/wholebrain-scaling.csv</c> and
/// <c>.json</c>; <c>scripts/bench-wholebrain.sh</c> plots them.
/// </summary>
public static class BenchWholeBrainCommand
{
    /// <summary>Column names of the CSV and keys of the JSON rows, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "scale", "neurons", "synapses", "build_s", "build_cpu_s", "sim_s", "sim_cpu_s", "rtf", "rtf_cpu",
        "peak_gb", "bytes_per_synapse", "mean_rate_hz", "mean_cv_isi",
    ];

    private static readonly HashSet<string> Valued = ["--scales", "--t-presim", "--t-sim", "--threads", "--out", "--seed"];

    public static int Run(string[] args)
    {
        var a = new CliArguments(args, Valued, new HashSet<string>());
        if (a.Positional.Count != 0)
        {
            throw new CliUsageException("bench-wholebrain takes only options");
        }

        var scales = ParseScales(a.String("--scales") ?? "0.1,0.25,0.5,1");
        var presim = a.Double("--t-presim", 100.0);
        var sim = a.Double("--t-sim", 200.0);
        var threads = (int)a.Long("--threads", 2);
        var outDir = a.String("--out") ?? Path.Combine("bench-results", "wholebrain");
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c, $"# wholebrain weak scaling (in-degree 1500), {threads} threads, {presim} ms warm-up + {sim} ms, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.Out.WriteLine(string.Create(c, $"# machine: {Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        Console.Out.WriteLine(Header());
        var rows = new List<double[]>();
        foreach (var scale in scales)
        {
            var childArgs = new List<string>
            {
                "simulate", "builtin:wholebrain", "--scale", scale.ToString("R", c), "--t-presim", presim.ToString("R", c),
                "--t-sim", sim.ToString("R", c), "--threads", threads.ToString(c), "--json",
            };
            if (a.String("--seed") is { } seed)
            {
                childArgs.AddRange(["--seed", seed]);
            }

            var row = Row(scale, RunChild(childArgs));
            rows.Add(row);
            Console.Out.WriteLine(Format(row));
        }

        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "wholebrain-scaling.csv"), Csv(rows));
        File.WriteAllText(Path.Combine(outDir, "wholebrain-scaling.json"), Json(rows));
        Console.Error.WriteLine($"rows written to {Path.Combine(outDir, "wholebrain-scaling.csv")} and .json");
        return 0;
    }

    private static List<double> ParseScales(string text)
    {
        var scales = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || !double.IsFinite(s) || s <= 0 || s > 1)
            {
                throw new CliUsageException($"--scales: '{part}' is not a scale in (0, 1]");
            }

            scales.Add(s);
        }

        return scales.Count > 0 ? scales : throw new CliUsageException("--scales: no scale given");
    }

    /// <summary>Runs this CLI again in a new process (its apphost where present, else <c>dotnet digitalbrain.dll</c>);
    /// its progress is forwarded to stderr and its stdout (one JSON object) returned.</summary>
    private static JsonDocument RunChild(List<string> args)
    {
        var dll = typeof(BenchWholeBrainCommand).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(dll)!, OperatingSystem.IsWindows() ? "digitalbrain.exe" : "digitalbrain");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { dll } };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited with code {process.ExitCode}");
        }

        return JsonDocument.Parse(stdout);
    }

    private static double[] Row(double scale, JsonDocument run)
    {
        using (run)
        {
            var r = run.RootElement;
            double Get(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Number ? r.GetProperty(name).GetDouble() : double.NaN;
            var simulatedS = Get("simulated_ms") / 1000;
            double n = 0, rate = 0, cv = 0, cvN = 0;
            foreach (var p in r.GetProperty("populations").EnumerateArray())
            {
                var size = p.GetProperty("n").GetDouble();
                n += size;
                rate += size * (p.GetProperty("rate_hz").ValueKind == JsonValueKind.Number ? p.GetProperty("rate_hz").GetDouble() : 0);
                if (p.GetProperty("cv_isi").ValueKind == JsonValueKind.Number)
                {
                    cv += size * p.GetProperty("cv_isi").GetDouble();
                    cvN += size;
                }
            }

            return
            [
                scale, Get("neurons"), Get("synapses"), Get("build_s"), Get("build_cpu_s"), Get("sim_s"), Get("sim_cpu_s"),
                Get("rtf"), Get("sim_cpu_s") / simulatedS, Get("peak_rss_bytes") / 1e9, Get("bytes_per_synapse"),
                rate / n, cvN > 0 ? cv / cvN : double.NaN,
            ];
        }
    }

    private static string Header() =>
        "scale    neurons      synapses  build_s  build_cpu_s   sim_s sim_cpu_s      rtf  rtf_cpu  peak_gb  B/syn  rate_hz  cv_isi";

    private static string Format(double[] v) => string.Create(CultureInfo.InvariantCulture,
        $"{v[0],5:0.###} {v[1],10:F0} {v[2],13:F0} {v[3],8:F2} {v[4],12:F2} {v[5],7:F2} {v[6],9:F2} {v[7],8:F2} {v[8],8:F2} {v[9],8:F3} {v[10],6:F3} {v[11],8:F3} {v[12],7:F3}");

    private static string Csv(List<double[]> rows)
    {
        var text = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(x => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "")).Append('\n');
        }

        return text.ToString();
    }

    private static string Json(List<double[]> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < Columns.Count; i++)
                {
                    if (double.IsFinite(row[i]))
                    {
                        w.WriteNumber(Columns[i], row[i]);
                    }
                    else
                    {
                        w.WriteNull(Columns[i]);
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

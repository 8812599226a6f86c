using System.Text.Json;
using DigitalBrain.Cli;

namespace DigitalBrain.Tests.Simulation;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The console front-end; runs alone because it redirects the process's console.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = CliApp.Run(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void SimulateJsonPrintsOneObjectWithTheIssuesFields()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"spikes-{Guid.NewGuid():N}");
        try
        {
            var (code, stdout, stderr) = Run("simulate", "builtin:brunel", "--scale", "0.05", "--t-presim", "50", "--t-sim", "200",
                "--threads", "2", "--seed", "3", "--backend", "auto", "--spikes", dir, "--json");
            Assert.Equal(0, code);
            Assert.Contains("falling back to the CPU backend", stderr);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.Equal("cpu", root.GetProperty("backend").GetString());
            Assert.Equal(2, root.GetProperty("threads").GetInt32());
            Assert.Equal(625, root.GetProperty("neurons").GetInt64());
            Assert.True(root.GetProperty("synapses").GetInt64() > 0);
            Assert.True(root.GetProperty("build_s").GetDouble() > 0);
            var sim = root.GetProperty("sim_s").GetDouble();
            Assert.Equal(sim / 0.2, root.GetProperty("rtf").GetDouble(), 1e-9);
            Assert.True(root.GetProperty("peak_rss_bytes").GetInt64() > 10_000_000);
            Assert.InRange(root.GetProperty("bytes_per_synapse").GetDouble(), 8.0, 9.0);
            var populations = root.GetProperty("populations").EnumerateArray().ToList();
            Assert.Equal(["E", "I"], populations.Select(p => p.GetProperty("name").GetString()));
            Assert.Equal(500, populations[0].GetProperty("n").GetInt32());
            Assert.All(populations, p =>
            {
                Assert.True(p.GetProperty("rate_hz").GetDouble() > 0);
                Assert.True(p.GetProperty("rate_sd_hz").GetDouble() >= 0);
                Assert.True(p.GetProperty("cv_isi").GetDouble() > 0);
            });
            var lines = File.ReadAllLines(Path.Combine(dir, "spikes_E.csv"));
            Assert.Equal("neuron,time_ms", lines[0]);
            Assert.True(lines.Length > 10);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void BadCommandLinesPrintUsageAndFail()
    {
        Assert.Equal(2, Run().Code);
        Assert.Equal(2, Run("frobnicate").Code);
        var (code, _, err) = Run("simulate", "builtin:brunel", "--scale", "abc");
        Assert.Equal(2, code);
        Assert.Contains("--scale", err);
    }
}

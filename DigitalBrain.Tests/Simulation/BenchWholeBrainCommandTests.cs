using System.Globalization;
using System.Text.Json;
using DigitalBrain.Cli;

namespace DigitalBrain.Tests.Simulation;

/// <summary><c>bench-wholebrain</c> on two tiny scales: one fresh process per scale, a table on stdout,
/// and the same rows as CSV and JSON.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class BenchWholeBrainCommandTests
{
    [Fact]
    public void TinyScalesGiveOneRowPerScaleInTheTableCsvAndJson()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-wb-{Guid.NewGuid():N}");
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        int code;
        try
        {
            code = CliApp.Run(["bench-wholebrain", "--scales", "0.002,0.004", "--t-presim", "0", "--t-sim", "20", "--threads", "1", "--out", dir]);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }

        try
        {
            Assert.True(code == 0, stderr.ToString());
            var table = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
            Assert.StartsWith("scale", table[0], StringComparison.Ordinal);
            Assert.Equal(3, table.Count);

            var csv = File.ReadAllLines(Path.Combine(dir, "wholebrain-scaling.csv"));
            Assert.Equal(string.Join(',', BenchWholeBrainCommand.Columns), csv[0]);
            Assert.Equal(3, csv.Length);
            var rows = csv[1..].Select(l => l.Split(',').Select(x => x.Length == 0 ? double.NaN : double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            int Col(string name) => BenchWholeBrainCommand.Columns.ToList().IndexOf(name);
            Assert.Equal([0.002, 0.004], rows.Select(r => r[Col("scale")]));
            foreach (var r in rows)
            {
                // An empty field is a value that could not be measured (no CV without ≥ 3 spikes in 20 ms).
            // Fixed in-degree: synapses = 1,500 × neurons exactly.
                Assert.Equal(1500 * r[Col("neurons")], r[Col("synapses")]);
                Assert.InRange(r[Col("neurons")], 1_010_001 * r[Col("scale")] * 0.95, 1_010_001 * r[Col("scale")] * 1.15);
                Assert.True(r[Col("build_s")] > 0 && r[Col("build_cpu_s")] > 0 && r[Col("rtf")] > 0);
                Assert.InRange(r[Col("peak_gb")], 0.01, 4);
                Assert.InRange(r[Col("bytes_per_synapse")], 8.0, 9.0);
                Assert.True(r[Col("mean_rate_hz")] >= 0);
            }

            Assert.True(rows[1][Col("neurons")] > rows[0][Col("neurons")]);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "wholebrain-scaling.json")));
            var objects = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(2, objects.Count);
            Assert.Equal(BenchWholeBrainCommand.Columns, objects[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal(rows[1][Col("synapses")], objects[1].GetProperty("synapses").GetDouble());
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}

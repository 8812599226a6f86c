using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Export;

namespace DigitalBrain.Tests.Export;

/// <summary>The exported Brian2 script of the 10 %-scale microcircuit, run under Debian's
/// python3-brian (numpy target), against NEST's published rates (issue 4's Brian2 cross-check).</summary>
public sealed class Brian2MicrocircuitTests
{
    /// <summary>NEST's reference rates of the 10 %-scale microcircuit (Hz), 1 s after 0.5 s warm-up.</summary>
    private static readonly Dictionary<string, double> NestTenPercentRatesHz = new()
    {
        ["L23E"] = 0.402, ["L23I"] = 2.017, ["L4E"] = 3.880, ["L4I"] = 4.958,
        ["L5E"] = 6.575, ["L5I"] = 7.726, ["L6E"] = 0.831, ["L6I"] = 6.986,
    };

    [Fact]
    public async Task Microcircuit10Percent_RatesMatchNestReference()
    {
        var ct = TestContext.Current.CancellationToken;
        using var python = new PythonRunner();
        var script = python.Write("microcircuit.py", new Brian2Exporter().Export(Microcircuit.Create(0.1)));

        await python.RunAsync([script, "--target", "numpy", "--t-presim", "500", "--t-sim", "1000", "--out", python.PathOf("out.json")],
            TimeSpan.FromMinutes(4), ct);

        var results = ResultsJson.Load(python.PathOf("out.json"));
        var report = string.Join(", ", NestTenPercentRatesHz.Select(r => $"{r.Key} {results.Rate(r.Key):F3} (NEST {r.Value})"));
        foreach (var (population, reference) in NestTenPercentRatesHz)
        {
            // The tolerance: 15 % or, for the near-silent L2/3E and L6E, 0.15 Hz (NEST 3.9
            // itself gives 0.49–0.52 Hz for L2/3E).
            var tolerance = Math.Max(0.15 * reference, 0.15);
            Assert.True(Math.Abs(results.Rate(population) - reference) <= tolerance,
                $"{population}: Brian2 {results.Rate(population):F3} Hz vs NEST {reference} Hz (± {tolerance:F3}). All: {report}");
        }
    }

}

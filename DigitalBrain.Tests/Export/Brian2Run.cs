using System.Globalization;
using DigitalBrain.Simulation.Export;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary>Exports a spec for Brian2, runs it (numpy target, spikes included) and reads its results.</summary>
internal static class Brian2Run
{
    public static async Task<ResultsJson> RunAsync(NetworkSpec spec, double presimMs, double simMs, CancellationToken ct)
    {
        using var python = new PythonRunner();
        var script = python.Write("model.py", new Brian2Exporter().Export(spec));
        await python.RunAsync(
            [script, "--target", "numpy", "--spikes", "--t-presim", presimMs.ToString(CultureInfo.InvariantCulture),
             "--t-sim", simMs.ToString(CultureInfo.InvariantCulture), "--out", python.PathOf("out.json")],
            TimeSpan.FromMinutes(8), ct);
        return ResultsJson.Load(python.PathOf("out.json"));
    }
}

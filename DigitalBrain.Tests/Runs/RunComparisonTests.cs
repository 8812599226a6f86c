using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Tests.Runs;

public sealed class RunComparisonTests
{
    [Fact]
    public void Populations_line_up_by_name_with_ratios_to_the_first_run()
    {
        var first = Run(("A", 2.0, "M1"), ("B", 0.0, "M1"), ("C", 5.0, "S1"));
        var second = Run(("C", 7.5, "S1"), ("A", 3.0, "M1"), ("D", 1.0, "VL"));

        var rows = RunComparison.Populations([first, second]);

        Assert.Equal(["A", "B", "C", "D"], rows.Select(r => r.Population));
        Assert.Equal(new double?[] { 2.0, 3.0 }, rows[0].RatesHz);
        Assert.Equal(new double?[] { 1.0, 1.5 }, rows[0].RatioToFirst);
        // A silent first run gives no ratio; a population missing in a run gives no rate.
        Assert.Equal(new double?[] { 0.0, null }, rows[1].RatesHz);
        Assert.Equal(new double?[] { null, null }, rows[1].RatioToFirst);
        Assert.Equal(new double?[] { 1.0, 1.5 }, rows[2].RatioToFirst);
        Assert.Equal(new double?[] { null, 1.0 }, rows[3].RatesHz);
        Assert.Equal(new double?[] { null, null }, rows[3].RatioToFirst);
        Assert.Equal(["M1", "M1", "S1", "VL"], rows.Select(r => r.Region));
        Assert.Equal(new double?[] { 0.2, 0.3 }, rows[0].SdHz);
    }

    private static RunDetails Run(params (string Name, double RateHz, string Region)[] populations)
    {
        var id = Guid.NewGuid();
        var view = new RunView(id, Guid.Empty, Guid.NewGuid(), 1, new string('0', 64), RunStatus.Succeeded, 1, 100, null, 100, 0, 1, 1,
            BackendKind.Cpu, "cpu", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, false);
        return new RunDetails(view, new SimulationRun { Id = id }, populations.Select(p => new PopulationResultView(p.Name, 10, 10, p.RateHz,
            p.RateHz / 10, null, null, 10, [], RateComparison.Compare(p.Name, p.RateHz, p.RateHz / 10, null, p.Region))).ToList());
    }
}

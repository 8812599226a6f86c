using DigitalBrain.Core.Runs;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace DigitalBrain.Web.Components.Runs;

/// <summary>The figure of the compare page: per-population rates of every run as grouped bars.</summary>
public static class RunComparisonCharts
{
    public static IList<ITrace> Rates(RunComparisonView view)
    {
        var x = RunCharts.Categories(view.Populations.Select(p => (p.Region, p.Population)).ToList());
        return view.Runs.Select((run, i) => (ITrace)new Bar
        {
            Name = Label(run.Run),
            X = x,
            Y = view.Populations.Select(p => (object?)p.RatesHz[i]).ToList()!,
            ErrorY = new Plotly.Blazor.Traces.BarLib.ErrorY
            {
                Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data,
                Array = view.Populations.Select(p => (object?)p.SdHz[i]).ToList()!,
                Visible = true,
            },
        }).ToList();
    }

    /// <summary>How a run is named on the compare page: its version and seed, and when it was created.</summary>
    public static string Label(RunView run) => $"v{run.VersionNumber} · seed {run.Seed} · {run.CreatedAt.UtcDateTime.ToString("MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)}";
}

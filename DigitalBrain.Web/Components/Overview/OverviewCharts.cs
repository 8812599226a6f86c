using DigitalBrain.Core.Overview;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace DigitalBrain.Web.Components.Overview;

/// <summary>The figures of the model overview: neurons by category → region → population, and the connectivity matrix.</summary>
public static class OverviewCharts
{
    /// <summary>Sunburst with each ring's value the sum of its children (branch values "total").</summary>
    public static IList<ITrace> Neurons(IReadOnlyList<NeuronCount> counts)
    {
        var ids = new List<object>();
        var labels = new List<object>();
        var parents = new List<object>();
        var values = new List<object>();
        foreach (var category in counts.GroupBy(c => c.Category))
        {
            var categoryId = "c/" + category.Key;
            ids.Add(categoryId);
            labels.Add(category.Key.Length > 0 ? category.Key : "—");
            parents.Add("");
            values.Add(category.Sum(c => c.Neurons));
            foreach (var region in category.GroupBy(c => c.Region))
            {
                var regionId = categoryId + "/" + region.Key;
                ids.Add(regionId);
                labels.Add(region.Key);
                parents.Add(categoryId);
                values.Add(region.Sum(c => c.Neurons));
                foreach (var population in region.Where(c => c.Population is not null))
                {
                    ids.Add(regionId + "/" + population.Population);
                    labels.Add(population.Population!);
                    parents.Add(regionId);
                    values.Add(population.Neurons);
                }
            }
        }
        return [new Sunburst
        {
            Name = "neurons", Ids = ids, Labels = labels, Parents = parents, Values = values,
            BranchValues = Plotly.Blazor.Traces.SunburstLib.BranchValuesEnum.Total,
        }];
    }

    public static PlotLayout NeuronsLayout() => new() { Height = 420, Margin = new Margin { L = 10, R = 10, T = 10, B = 10 } };

    /// <summary>Targets as rows, sources as columns; empty cells are projections without an estimate.</summary>
    public static IList<ITrace> Connectivity(ConnectivityMatrix matrix) =>
    [
        new HeatMap
        {
            Name = matrix.Parameter,
            X = matrix.Populations.Cast<object>().ToList(),
            Y = matrix.Populations.Cast<object>().ToList(),
            Z = matrix.Values.Select(row => (object)row.ToList()).ToList(),
            ColorScale = "Viridis",
            HoverTemplate = "source %{x} → target %{y}: %{z}<extra></extra>",
        },
    ];

    public static PlotLayout ConnectivityLayout(ConnectivityMatrix matrix) => new()
    {
        Height = Math.Clamp(200 + 14 * matrix.Populations.Count, 360, 1100),
        Margin = new Margin { L = 100, R = 20, T = 20, B = 100 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "source" }, Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category }],
        // Rows top-down in population order, as connectivity tables are printed.
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "target" }, AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed,
            Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category }],
    };
}

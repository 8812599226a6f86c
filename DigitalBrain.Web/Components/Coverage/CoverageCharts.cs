using DigitalBrain.Core.Estimates;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace DigitalBrain.Web.Components.Coverage;

/// <summary>One heat map of the coverage page: rows, columns, entry counts, and which
/// (target, parameter) each cell stands for so a click can open it.</summary>
public sealed record CoverageGrid(IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, int[,] Counts, Func<int, int, (Core.Curation.EstimateTarget Target, string ParameterKey)?> CellAt);

/// <summary>Builds the Plotly figures of the coverage page: 0 / 1 / several entries as three colours.</summary>
public static class CoverageCharts
{
    public const string NoneColour = "#e57373", OneColour = "#ffd54f", SeveralColour = "#66bb6a";

    public static Config Config() => new() { Responsive = true, DisplayLogo = false };

    /// <summary>Populations × parameters that apply to populations.</summary>
    public static CoverageGrid Populations(CoverageCounts counts)
    {
        var rows = Unique(counts.Populations.Select(p => p.Name));
        var columns = Unique(counts.PopulationParameters.Select(p => p.Name));
        var z = new int[rows.Count, columns.Count];
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < columns.Count; j++)
                z[i, j] = counts.Count(counts.Populations[i].Target.Id, counts.PopulationParameters[j].Key);
        return new CoverageGrid(rows, columns, z, (i, j) => (counts.Populations[i].Target, counts.PopulationParameters[j].Key));
    }

    /// <summary>Source × target populations for one connectivity parameter; a pair with several
    /// projections (one per receptor) shows their entries together and opens the first.</summary>
    public static CoverageGrid Projections(CoverageCounts counts, string parameterKey)
    {
        var used = counts.Projections.SelectMany(p => new[] { p.SourcePopulationId, p.TargetPopulationId }).ToHashSet();
        var populations = counts.Populations.Where(p => used.Contains(p.Target.Id)).ToList();
        var index = populations.Select((p, i) => (p.Target.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var names = Unique(populations.Select(p => p.Name));
        var z = new int[names.Count, names.Count];
        var cells = new Dictionary<(int, int), Core.Curation.EstimateTarget>();
        for (var i = 0; i < names.Count; i++)
            for (var j = 0; j < names.Count; j++)
                z[i, j] = -1;
        foreach (var p in counts.Projections)
        {
            var (row, column) = (index[p.SourcePopulationId!.Value], index[p.TargetPopulationId!.Value]);
            z[row, column] = Math.Max(z[row, column], 0) + counts.Count(p.Target.Id, parameterKey);
            cells.TryAdd((row, column), p.Target);
        }
        return new CoverageGrid(names, names, z, (i, j) => cells.TryGetValue((i, j), out var t) ? (t, parameterKey) : null);
    }

    /// <summary>The heat map; cells without a projection (−1) are left blank.</summary>
    public static IList<ITrace> HeatMap(CoverageGrid grid, string hoverUnit)
    {
        var z = new List<object>();
        var text = new List<object>();
        for (var i = 0; i < grid.Rows.Count; i++)
        {
            var zr = new List<object?>();
            var tr = new List<object>();
            for (var j = 0; j < grid.Columns.Count; j++)
            {
                var n = grid.Counts[i, j];
                zr.Add(n < 0 ? null : Math.Min(n, 2));
                tr.Add(n < 0 ? "no projection" : n == 1 ? "1 entry" : $"{n} entries");
            }
            z.Add(zr);
            text.Add(tr);
        }
        return
        [
            new HeatMap
            {
                X = grid.Columns.Cast<object>().ToList(),
                Y = grid.Rows.Cast<object>().ToList(),
                Z = z,
                Text = text,
                ZMin = 0,
                ZMax = 2,
                XGap = 1,
                YGap = 1,
                ShowScale = false,
                HoverTemplate = "%{y} · %{x}" + hoverUnit + ": %{text}<extra></extra>",
                ColorScale = new List<object>
                {
                    new List<object> { 0, NoneColour }, new List<object> { 0.3333, NoneColour },
                    new List<object> { 0.3333, OneColour }, new List<object> { 0.6667, OneColour },
                    new List<object> { 0.6667, SeveralColour }, new List<object> { 1, SeveralColour },
                },
            },
        ];
    }

    public static PlotLayout Layout(CoverageGrid grid, string xTitle, string yTitle) => new()
    {
        Height = Math.Clamp(140 + 18 * grid.Rows.Count, 260, 2400),
        Margin = new Margin { L = 140, B = 140, T = 20, R = 20 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, TickAngle = -45, Side = Plotly.Blazor.LayoutLib.XAxisLib.SideEnum.Bottom }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed }],
    };

    /// <summary>Plotly matches categories by label, so duplicate names (the same cell type in two
    /// regions) get a counter.</summary>
    private static List<string> Unique(IEnumerable<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<string>();
        foreach (var name in names)
        {
            var k = seen.GetValueOrDefault(name) + 1;
            seen[name] = k;
            unique.Add(k == 1 ? name : $"{name} ({k})");
        }
        return unique;
    }
}

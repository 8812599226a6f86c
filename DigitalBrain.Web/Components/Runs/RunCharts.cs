using DigitalBrain.Core.Runs;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;

namespace DigitalBrain.Web.Components.Runs;

/// <summary>The Plotly figures of the run dashboard, built from Core's result views.</summary>
public static class RunCharts
{
    public static Config Config() => new() { Responsive = true, DisplayLogo = false };

    /// <summary>Simulated rate ± SD per population, coloured by agreement, beside the reference
    /// rates with their 95 % intervals; populations grouped by region on a two-level axis.</summary>
    public static IList<ITrace> Rates(IReadOnlyList<PopulationResultView> populations)
    {
        var x = Categories(populations.Select(p => (p.Comparison.Region, p.Population)).ToList());
        return
        [
            new Bar
            {
                Name = "simulated",
                X = x,
                Y = populations.Select(p => (object)p.RateHz).ToList(),
                ErrorY = new Plotly.Blazor.Traces.BarLib.ErrorY
                {
                    Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data,
                    Array = populations.Select(p => (object)p.RateSdHz).ToList(),
                    Visible = true,
                },
                Marker = new Plotly.Blazor.Traces.BarLib.Marker
                {
                    Color = populations.Select(p => (object)RunFormat.AgreementColor(p.Comparison.Agreement)).ToList(),
                },
            },
            new Scatter
            {
                Name = "reference (95 % interval)",
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                X = x,
                Y = populations.Select(p => (object?)p.Comparison.Reference?.ValueHz).ToList()!,
                ErrorY = new Plotly.Blazor.Traces.ScatterLib.ErrorY
                {
                    Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data,
                    Symmetric = false,
                    Array = populations.Select(p => (object?)(p.Comparison.Reference is { HighHz: { } high } r ? high - r.ValueHz : null)).ToList()!,
                    ArrayMinus = populations.Select(p => (object?)(p.Comparison.Reference is { LowHz: { } low } r ? r.ValueHz - low : null)).ToList()!,
                    Color = "#000000",
                    Visible = true,
                },
                TextArray = populations.Select(p => p.Comparison.Reference is { } r ? RunFormat.SourceText(r.Source) : "").ToList(),
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = "#000000", Size = 10, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.LineEwOpen },
            },
        ];
    }

    /// <summary>Population names, or (region, population) pairs as Plotly's two-level category axis
    /// when the populations carry regions, so that bars group by region.</summary>
    public static IList<object> Categories(IReadOnlyList<(string? Region, string Population)> populations) =>
        populations.Any(p => p.Region is not null)
            ? [populations.Select(p => (object)(p.Region ?? "—")).ToList(), populations.Select(p => (object)p.Population).ToList()]
            : populations.Select(p => (object)p.Population).ToList();

    /// <summary>One box per population of its recorded neurons' values (rates or CV ISI), with the mean.</summary>
    public static IList<ITrace> Distribution(IReadOnlyList<PopulationDistribution> populations, Func<PopulationDistribution, float[]> values) =>
        populations.Select(p => (ITrace)new Box
        {
            Name = p.Population,
            Y = values(p).Select(v => (object)v).ToList(),
            BoxMean = Plotly.Blazor.Traces.BoxLib.BoxMeanEnum.True,
            BoxPoints = Plotly.Blazor.Traces.BoxLib.BoxPointsEnum.Outliers,
        }).ToList();

    public static PlotLayout DistributionLayout(string yTitle, bool logScale)
    {
        var layout = Base(yTitle, logScale);
        layout.ShowLegend = false;
        return layout;
    }

    public static PlotLayout RatesLayout(bool logScale) => Base("rate (Hz)", logScale);

    /// <summary>The spike sample, populations stacked bottom-up in spec order with their names as ticks.</summary>
    public static (IList<ITrace> Traces, PlotLayout Layout) Raster(IReadOnlyList<PopulationSpikeSample> samples)
    {
        var traces = new List<ITrace>();
        var ticks = new List<object>();
        var labels = new List<object>();
        var offset = 0;
        foreach (var sample in samples)
        {
            var height = sample.Neurons.Length == 0 ? 1 : sample.Neurons.Max() + 1;
            traces.Add(new ScatterGl
            {
                Name = sample.Population,
                Mode = Plotly.Blazor.Traces.ScatterGlLib.ModeFlag.Markers,
                X = sample.TimesMs.Select(t => (object)t).ToList(),
                Y = sample.Neurons.Select(n => (object)(offset + n)).ToList(),
                Marker = new Plotly.Blazor.Traces.ScatterGlLib.Marker { Size = 2 },
            });
            ticks.Add(offset + height / 2.0);
            labels.Add(sample.Population);
            offset += height;
        }
        var layout = Base("population", false);
        layout.XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "time (ms)" } }];
        layout.YAxis = [new YAxis { TickVals = ticks, TickText = labels, ShowGrid = false }];
        layout.ShowLegend = false;
        layout.Height = 480;
        return (traces, layout);
    }

    /// <summary>The binned population rates over time (WebGL lines, one per population).</summary>
    public static IList<ITrace> RateTraces(IReadOnlyList<PopulationResultView> populations) =>
        populations.Select(p => (ITrace)RateLine(p.Population,
            Enumerable.Range(0, p.RateSeries.Length).Select(i => (object)((i + 0.5) * p.BinMs)),
            p.RateSeries.Select(r => (object)r))).ToList();

    /// <summary>The live rates of a run in progress, drawn as the final rate traces are.</summary>
    public static IList<ITrace> LiveRateTraces(LiveRates live) =>
        live.Populations.Select(p => (ITrace)RateLine(p.Population, live.TimesMs.Select(t => (object)t), p.RatesHz.Select(r => (object)r))).ToList();

    private static ScatterGl RateLine(string name, IEnumerable<object> timesMs, IEnumerable<object> ratesHz) => new()
    {
        Name = name,
        Mode = Plotly.Blazor.Traces.ScatterGlLib.ModeFlag.Lines,
        X = timesMs.ToList(),
        Y = ratesHz.ToList(),
    };

    /// <summary>Rate against time; <paramref name="windowMs"/> fixes the time axis to the whole recorded
    /// window, so that a live trace visibly grows across it.</summary>
    public static PlotLayout RateTracesLayout(double? windowMs = null)
    {
        var layout = Base("rate (Hz)", false);
        layout.XAxis = [new XAxis
        {
            Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "time (ms)" },
            Range = windowMs is { } end ? [0.0, end] : null,
        }];
        return layout;
    }

    /// <summary>Irregularity (CV ISI) against rate, one marker per population.</summary>
    public static IList<ITrace> Irregularity(IReadOnlyList<PopulationResultView> populations) =>
    [
        new Scatter
        {
            Name = "populations",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Text,
            X = populations.Select(p => (object)p.RateHz).ToList(),
            Y = populations.Select(p => (object?)p.CvIsi).ToList()!,
            TextArray = populations.Select(p => p.Population).ToList(),
            TextPosition = Plotly.Blazor.Traces.ScatterLib.TextPositionEnum.TopCenter,
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Size = 10 },
        },
    ];

    public static PlotLayout IrregularityLayout()
    {
        var layout = Base("CV ISI", false);
        layout.XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "rate (Hz)" } }];
        layout.ShowLegend = false;
        return layout;
    }

    private static PlotLayout Base(string yTitle, bool logScale) => new()
    {
        Height = 360,
        Margin = new Margin { L = 60, R = 20, T = 20, B = 50 },
        YAxis = [new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle },
            Type = logScale ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
        }],
        BarMode = BarModeEnum.Group,
    };
}

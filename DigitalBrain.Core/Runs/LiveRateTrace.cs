using System.Text.Json;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Core.Runs;

/// <summary>
/// The population rate traces of a run in progress, as stored in <see cref="SimulationRun.LiveRates"/>
/// (jsonb): spike counts of the recorded neurons per bin of the recorded window (warm-up excluded), as the
/// engine counted them. Counts rather than rates keep the column small (integers) and exact; readers get
/// rates through <see cref="ToRates"/>. At most <see cref="MaxBins"/> bins per trace: longer traces are
/// stored with every <see cref="Merge"/> consecutive engine bins summed into one.
/// </summary>
/// <param name="EngineBinMs">Width w of the engine's bins (ms), the width of the final rate trace.</param>
/// <param name="Merge">Engine bins per stored bin (k ≥ 1).</param>
/// <param name="CompletedBins">Engine bins counted so far (n); the last stored bin holds n − k·⌊(n − 1)/k⌋ of them.</param>
/// <param name="TotalBins">Engine bins of the whole recorded window.</param>
/// <param name="Populations">One trace per population, in spec order.</param>
public sealed record LiveRateTrace(double EngineBinMs, int Merge, int CompletedBins, int TotalBins, IReadOnlyList<LivePopulationCounts> Populations)
{
    /// <summary>Most stored bins per trace.</summary>
    public const int MaxBins = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The engine's counts, merged by the smallest k that keeps at most <paramref name="maxBins"/> bins.</summary>
    public static LiveRateTrace FromCounts(LiveSpikeCounts counts, int maxBins = MaxBins)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        var n = counts.CompletedBins;
        var merge = Math.Max(1, (n + maxBins - 1) / maxBins);
        var populations = new List<LivePopulationCounts>(counts.Populations.Count);
        for (var p = 0; p < counts.Populations.Count; p++)
        {
            var source = counts.Counts[p];
            var merged = new long[(n + merge - 1) / merge];
            for (var b = 0; b < n; b++)
                merged[b / merge] += source[b];
            populations.Add(new LivePopulationCounts(counts.Populations[p], counts.RecordedNeurons[p], merged));
        }
        return new LiveRateTrace(counts.BinMs, merge, n, counts.TotalBins, populations);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored trace; null for none (or a column left by another version of the app that does not parse).</summary>
    public static LiveRateTrace? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<LiveRateTrace>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Population rates: stored bin i covers m_i = min(k, n − i·k) engine bins, and its rate is
    /// counts_i / (recorded neurons · m_i · w) (Hz), plotted at the middle of the bin. Merging sums counts
    /// and widths alike, so the mean rate over the counted time is unchanged; with k = 1 the rates equal
    /// the final rate trace's.</summary>
    public LiveRates ToRates()
    {
        var stored = (CompletedBins + Merge - 1) / Merge;
        var times = new double[stored];
        var widths = new double[stored];
        for (var i = 0; i < stored; i++)
        {
            var engineBins = Math.Min(Merge, CompletedBins - i * Merge);
            widths[i] = engineBins * EngineBinMs;
            times[i] = i * Merge * EngineBinMs + widths[i] / 2;
        }
        var series = Populations.Select(p => new LiveRateSeries(p.Population, p.RecordedNeurons,
            [.. p.Counts.Take(stored).Select((c, i) => p.RecordedNeurons > 0 ? c / (double)p.RecordedNeurons / (widths[i] / 1000.0) : 0.0)])).ToList();
        return new LiveRates(Merge * EngineBinMs, CompletedBins * EngineBinMs, TotalBins * EngineBinMs, times, series);
    }
}

/// <summary>Spike counts of one population's recorded neurons per stored bin.</summary>
public sealed record LivePopulationCounts(string Population, int RecordedNeurons, long[] Counts);

/// <summary>Live population rates of a run in progress.</summary>
/// <param name="BinMs">Width of the (merged) bins (ms); the last one may be narrower.</param>
/// <param name="CoveredMs">Model time counted so far, from the end of the warm-up (ms).</param>
/// <param name="WindowMs">Length of the whole recorded window in bins (ms), for the time axis.</param>
/// <param name="TimesMs">Middle of each bin (ms after the warm-up).</param>
/// <param name="Populations">One rate series per population.</param>
public sealed record LiveRates(double BinMs, double CoveredMs, double WindowMs, double[] TimesMs, IReadOnlyList<LiveRateSeries> Populations);

/// <summary>One population's live rate per bin (Hz).</summary>
public sealed record LiveRateSeries(string Population, int RecordedNeurons, double[] RatesHz);

namespace DigitalBrain.Core.Runs;

/// <summary>One population across the compared runs: rate and SD in each run (null where the run
/// has no such population) and each run's rate over the first run's (null where either is missing
/// or the first is silent).</summary>
public sealed record ComparedPopulation(string Population, string? Region, IReadOnlyList<double?> RatesHz, IReadOnlyList<double?> SdHz,
    IReadOnlyList<double?> RatioToFirst);

/// <summary>Runs side by side: their per-population rates and the estimates that differ between their versions.</summary>
public sealed record RunComparisonView(IReadOnlyList<RunDetails> Runs, IReadOnlyList<ComparedPopulation> Populations,
    IReadOnlyList<EstimateChange> Changes, IReadOnlyList<RateComparisonSummary> Summaries);

public static class RunComparison
{
    /// <summary>Lines up the populations of <paramref name="runs"/> by name, in the order they first appear.</summary>
    public static IReadOnlyList<ComparedPopulation> Populations(IReadOnlyList<RunDetails> runs)
    {
        var byRun = runs.Select(r => r.Populations.ToDictionary(p => p.Population, StringComparer.Ordinal)).ToList();
        var names = runs.SelectMany(r => r.Populations.Select(p => p.Population)).Distinct(StringComparer.Ordinal).ToList();
        return names.Select(name =>
        {
            var found = byRun.Select(d => d.GetValueOrDefault(name)).ToList();
            var rates = found.Select(p => p?.RateHz).ToList();
            var first = rates[0];
            return new ComparedPopulation(name, found.Select(p => p?.Comparison.Region).FirstOrDefault(r => r is not null),
                rates, found.Select(p => p?.RateSdHz).ToList(),
                rates.Select(r => first is > 0 && r is { } v ? v / first : (double?)null).ToList());
        }).ToList();
    }
}

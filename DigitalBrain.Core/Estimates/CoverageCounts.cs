using DigitalBrain.Core.Curation;

namespace DigitalBrain.Core.Estimates;

/// <summary>A catalogue parameter as a column of the coverage map.</summary>
public sealed record CoverageParameter(string Key, string Name, string Group, string Unit);

/// <summary>A population or projection as a row of the coverage map; a projection also names its
/// two populations, so it can be drawn at (source, target).</summary>
public sealed record CoverageTarget(EstimateTarget Target, string Name, Guid? SourcePopulationId = null, Guid? TargetPopulationId = null);

/// <summary>A (target, parameter) with fewer than two entries: the curators' to-do list.</summary>
public sealed record CoverageTodo(CoverageTarget Target, CoverageParameter Parameter, int Entries);

/// <summary>
/// How many entries aggregation uses (those not set as excluded) for every population × parameter
/// and projection × parameter of a model. Zero means no value, one means a single source; two or
/// more allow a spread and an interval.
/// </summary>
public sealed record CoverageCounts(
    IReadOnlyList<CoverageTarget> Populations,
    IReadOnlyList<CoverageTarget> Projections,
    IReadOnlyList<CoverageParameter> PopulationParameters,
    IReadOnlyList<CoverageParameter> ProjectionParameters,
    IReadOnlyDictionary<(Guid TargetId, string ParameterKey), int> Entries)
{
    public int Count(Guid targetId, string parameterKey) => Entries.GetValueOrDefault((targetId, parameterKey));

    /// <summary>Cells with no entry first, then those with one, in catalogue and structure order.</summary>
    public IEnumerable<CoverageTodo> Todo()
    {
        var cells = Populations.SelectMany(t => PopulationParameters.Select(p => new CoverageTodo(t, p, Count(t.Target.Id, p.Key))))
            .Concat(Projections.SelectMany(t => ProjectionParameters.Select(p => new CoverageTodo(t, p, Count(t.Target.Id, p.Key)))));
        return cells.Where(c => c.Entries < 2).OrderBy(c => c.Entries);
    }

    /// <summary>Share of cells with at least one entry, and of cells with two or more.</summary>
    public (int Cells, int WithOne, int WithSeveral) Totals()
    {
        var cells = Populations.Count * PopulationParameters.Count + Projections.Count * ProjectionParameters.Count;
        var counts = Entries.Values.Where(v => v > 0).ToList();
        return (cells, counts.Count(v => v == 1), counts.Count(v => v >= 2));
    }
}

using DigitalBrain.Core.Data;
using DigitalBrain.Simulation.Spec;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Runs;

/// <summary>A population's reference rate and region, as the dashboards group and compare it.</summary>
public sealed record PopulationReference(string Population, string? Region, ReferenceRate? Reference);

/// <summary>Reads the reference rates of a run's populations: the firing-rate value frozen in the
/// version, and the model's current firing-rate estimates for their 95 % intervals (see
/// <see cref="RateComparison.Reference"/>).</summary>
public static class ReferenceRates
{
    public const string FiringRateKey = "firing_rate";

    public static async Task<IReadOnlyDictionary<string, PopulationReference>> LoadAsync(AppDbContext db, Guid modelId, NetworkSpec spec,
        CancellationToken ct)
    {
        var current = await CurrentAsync(db, modelId, ct);
        return spec.Populations.ToDictionary(p => p.Name,
            p => new PopulationReference(p.Name, p.Region, RateComparison.Reference(p.ReferenceRateHz, current.GetValueOrDefault(p.Name))),
            StringComparer.Ordinal);
    }

    /// <summary>The model's current firing-rate estimates by population name. A pinned value drops
    /// the interval: the interval belongs to the computed value, not to the pin.</summary>
    public static async Task<Dictionary<string, FiringRateEstimate>> CurrentAsync(AppDbContext db, Guid modelId, CancellationToken ct)
    {
        var rows = await db.CollectiveEstimates.AsNoTracking()
            .Where(e => e.ModelId == modelId && e.PopulationId != null)
            .Join(db.ParameterDefinitions.Where(d => d.Key == FiringRateKey), e => e.ParameterDefinitionId, d => d.Id, (e, d) => e)
            .Join(db.Populations, e => e.PopulationId, p => (Guid?)p.Id, (e, p) => new { p.Name, e.Value, e.PinnedValue, e.CiLow, e.CiHigh })
            .ToListAsync(ct);
        var estimates = new Dictionary<string, FiringRateEstimate>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            estimates[row.Name] = row.PinnedValue is { } pinned
                ? new FiringRateEstimate(pinned, null, null)
                : new FiringRateEstimate(row.Value, row.CiLow, row.CiHigh);
        }
        return estimates;
    }
}

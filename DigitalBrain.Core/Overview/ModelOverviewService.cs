using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Overview;

/// <summary>Neurons of one population (or of a region without populations) under its region and category.</summary>
public sealed record NeuronCount(string Category, string Region, string? Population, double Neurons);

/// <summary>The estimates of one connectivity parameter, targets as rows and sources as columns
/// (null where a projection has no estimate of it or does not exist).</summary>
public sealed record ConnectivityMatrix(string Parameter, string Unit, IReadOnlyList<string> Populations, IReadOnlyList<IReadOnlyList<double?>> Values);

/// <summary>The latest succeeded run of the model and its agreement with the reference rates.</summary>
public sealed record LatestRun(Guid RunId, int VersionNumber, DateTimeOffset? FinishedAt, RateComparisonSummary Summary);

/// <summary>The model overview dashboard: size by region, connectivity, coverage and the latest run.</summary>
public sealed record ModelOverview(IReadOnlyList<NeuronCount> Neurons, ConnectivityMatrix? Connectivity, CoverageView Coverage, LatestRun? LatestRun);

/// <summary>Reads a model's overview from its current estimates, coverage and runs (viewer access).</summary>
public sealed class ModelOverviewService(IDbContextFactory<AppDbContext> factory, CoverageService coverage, RunService runs)
{
    /// <summary>Connectivity parameters in order of preference when both are curated equally often.</summary>
    private static readonly string[] ConnectivityKeys = ["connection_probability", "in_degree"];

    private static readonly string[] OverviewKeys = ["neuron_count", .. ConnectivityKeys];

    public async Task<ModelOverview> GetAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        var coverageView = await coverage.GetAsync(actor, modelId, ct); // checks access
        await using var db = await factory.CreateDbContextAsync(ct);
        var regions = await db.Regions.AsNoTracking().Where(r => r.ModelId == modelId).OrderBy(r => r.SortOrder).ToListAsync(ct);
        var populations = (await db.Populations.AsNoTracking().Where(p => p.ModelId == modelId).ToListAsync(ct))
            .OrderBy(p => regions.FindIndex(r => r.Id == p.RegionId)).ThenBy(p => p.SortOrder).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var keys = OverviewKeys;
        var estimates = await db.CollectiveEstimates.AsNoTracking().Where(e => e.ModelId == modelId)
            .Join(db.ParameterDefinitions.Where(d => keys.Contains(d.Key)), e => e.ParameterDefinitionId, d => d.Id,
                (e, d) => new { d.Key, d.Unit, Target = e.RegionId ?? e.PopulationId ?? e.ProjectionId, Value = e.PinnedValue ?? e.Value })
            .Where(e => e.Value != null).ToListAsync(ct);
        var value = estimates.ToDictionary(e => (e.Target!.Value, e.Key), e => e.Value!.Value);

        var neurons = new List<NeuronCount>();
        foreach (var region in regions)
        {
            var own = populations.Where(p => p.RegionId == region.Id).ToList();
            if (own.Count == 0 && value.TryGetValue((region.Id, "neuron_count"), out var total))
                neurons.Add(new NeuronCount(region.Category, region.Name, null, total));
            foreach (var p in own)
            {
                if (value.TryGetValue((p.Id, "neuron_count"), out var n))
                    neurons.Add(new NeuronCount(region.Category, region.Name, p.Name, n));
            }
        }

        var projections = await db.Projections.AsNoTracking().Where(p => p.ModelId == modelId).ToListAsync(ct);
        ConnectivityMatrix? matrix = null;
        var key = ConnectivityKeys.OrderByDescending(k => projections.Count(p => value.ContainsKey((p.Id, k)))).First();
        if (projections.Any(p => value.ContainsKey((p.Id, key))))
        {
            var index = populations.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var cells = populations.Select(_ => new double?[populations.Count]).ToList();
            foreach (var p in projections)
            {
                if (value.TryGetValue((p.Id, key), out var v) && index.TryGetValue(p.TargetPopulationId, out var row) && index.TryGetValue(p.SourcePopulationId, out var col))
                    cells[row][col] = v;
            }
            matrix = new ConnectivityMatrix(key, estimates.First(e => e.Key == key).Unit, populations.Select(p => p.Name).ToList(),
                cells.Select(c => (IReadOnlyList<double?>)c).ToList());
        }

        var latest = await db.SimulationRuns.AsNoTracking().Where(r => r.BrainModelId == modelId && r.Status == RunStatus.Succeeded)
            .OrderByDescending(r => r.FinishedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        LatestRun? latestRun = null;
        if (latest is { } runId)
        {
            var details = await runs.GetAsync(actor, runId, ct);
            latestRun = new LatestRun(runId, details.Run.VersionNumber, details.Run.FinishedAt,
                RateComparison.Summarise(details.Populations.Select(p => p.Comparison)));
        }
        return new ModelOverview(neurons, matrix, coverageView, latestRun);
    }
}

using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Simulation.Spec;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Runs;

/// <summary>Single-neuron rates (Hz) and CV ISIs of a population's recorded neurons.</summary>
public sealed record PopulationDistribution(string Population, float[] NeuronRatesHz, float[] NeuronCvIsi);

/// <summary>What the dashboards read beyond a run's details: distributions and run comparisons.
/// Same access rule as reading a run (viewer of its model).</summary>
public sealed class RunDashboardService(IDbContextFactory<AppDbContext> factory, RunService runs)
{
    /// <summary>Most runs one comparison shows (a grouped bar per run and population).</summary>
    public const int MaxCompared = 8;

    public async Task<IReadOnlyList<PopulationDistribution>> DistributionsAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var modelId = await db.SimulationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => (Guid?)r.BrainModelId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Run {runId} not found.");
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var rows = await db.RunPopulationResults.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Order)
            .Select(p => new { p.Population, p.NeuronRates, p.NeuronCvs }).ToListAsync(ct);
        return rows.Select(r => new PopulationDistribution(r.Population, r.NeuronRates, r.NeuronCvs)).ToList();
    }

    /// <summary>Runs of one model side by side, with the estimates that differ between their
    /// versions. Runs of another model are refused as not found.</summary>
    public async Task<RunComparisonView> CompareAsync(Actor actor, Guid modelId, IReadOnlyList<Guid> runIds, CancellationToken ct = default)
    {
        var ids = runIds.Distinct().ToList();
        if (ids.Count is < 2 or > MaxCompared)
            throw new Validation.ValidationException([new("ids", "count", $"Pick between 2 and {MaxCompared} runs to compare.")]);
        var details = new List<RunDetails>(ids.Count);
        var specs = new List<NetworkSpec>(ids.Count);
        foreach (var id in ids)
        {
            var run = await runs.GetAsync(actor, id, ct);
            if (run.Run.ModelId != modelId)
                throw new NotFoundException($"Run {id} is not a run of model {modelId}.");
            details.Add(run);
            specs.Add(NetworkSpecJson.Deserialize(await runs.SpecJsonAsync(actor, id, ct)));
        }
        var changes = details.Select(d => d.Run.VersionId).Distinct().Count() == 1 ? [] : VersionDiff.Compare(specs);
        return new RunComparisonView(details, RunComparison.Populations(details), changes,
            details.Select(d => RateComparison.Summarise(d.Populations.Select(p => p.Comparison))).ToList());
    }
}

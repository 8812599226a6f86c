using System.Text.Json;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;

namespace DigitalBrain.Core.Curation;

/// <summary>Adds the entries of a model built in memory (seeded or imported from a spec) to a
/// context, with one audit row each and the estimate of every (target, parameter) they cover, so
/// that one SaveChanges writes them. Only for targets that have no estimate yet: nothing is locked
/// or recomputed as <see cref="EstimateRecomputer"/> does for a live model.</summary>
internal static class NewModelEntries
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web);

    /// <param name="method">The aggregation of every estimate; null for each parameter's catalogue default.
    /// The entries must carry their parameter, reference and author.</param>
    public static void Add(AppDbContext db, IReadOnlyList<Entry> entries, DateTimeOffset now, AggregationMethod? method = null)
    {
        db.Entries.AddRange(entries);
        foreach (var entry in entries)
        {
            db.EntryAudits.Add(EntryAudit.Of(entry, AuditAction.Added, entry.AuthorId, now, null,
                JsonSerializer.Serialize(EntryView.From(entry), AuditJson)));
        }
        foreach (var group in entries.GroupBy(e => (e.Target, e.ParameterDefinitionId)))
        {
            var first = group.First();
            var estimate = new CollectiveEstimate
            {
                Id = Guid.NewGuid(), ModelId = first.ModelId, RegionId = group.Key.Target.RegionId, PopulationId = group.Key.Target.PopulationId,
                ProjectionId = group.Key.Target.ProjectionId, ParameterDefinitionId = group.Key.ParameterDefinitionId,
            };
            var inputs = group.Select(e => new AggregationInput(e.Id, e.ReferenceId, e.Value, e.Min, e.Max, e.Sd, e.Sem, e.N, e.SetAs == SetAs.Excluded));
            EstimateRecomputer.Apply(estimate, Aggregator.Aggregate(inputs, method ?? first.Parameter!.DefaultMethod), now);
            db.CollectiveEstimates.Add(estimate);
        }
    }
}

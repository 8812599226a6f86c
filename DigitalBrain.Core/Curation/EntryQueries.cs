using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

/// <summary>Entry reads shared by <see cref="EntryService"/> and <see cref="TargetCurationReader"/>;
/// each runs on a context whose caller has already checked access to the model.</summary>
internal static class EntryQueries
{
    public static IQueryable<Entry> WithDetails(AppDbContext db) =>
        db.Entries.AsNoTracking().Include(e => e.Parameter).Include(e => e.Reference).Include(e => e.Author);

    public static IQueryable<Entry> OfTarget(this IQueryable<Entry> entries, Guid modelId, EstimateTarget t) =>
        entries.Where(e => e.ModelId == modelId && e.RegionId == t.RegionId && e.PopulationId == t.PopulationId && e.ProjectionId == t.ProjectionId);

    public static IQueryable<Entry> OfParameter(this IQueryable<Entry> entries, string parameterKey) =>
        entries.Where(e => e.Parameter!.Key == parameterKey);

    /// <summary>How many entries each parameter of one target has: what the tabs show, without
    /// loading the entries of parameters nobody is looking at.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountByParameterAsync(AppDbContext db, Guid modelId, EstimateTarget target, CancellationToken ct) =>
        await db.Entries.AsNoTracking().OfTarget(modelId, target)
            .GroupBy(e => e.Parameter!.Key)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>The <paramref name="latest"/> newest entries of one (target, parameter) in full (all
    /// of them when null) and every entry as a point, oldest first. Callers wanting the two to agree
    /// run this inside one snapshot.</summary>
    public static async Task<ParameterEntries> OfParameterAsync(AppDbContext db, Guid modelId, EstimateTarget target, string parameterKey, int? latest,
        CancellationToken ct)
    {
        if (latest is not { } n)
        {
            var every = await WithDetails(db).OfTarget(modelId, target).OfParameter(parameterKey)
                .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct);
            var views = every.Select(EntryView.From).ToList();
            return new ParameterEntries(views, views.Select(e => e.ToPoint()).ToList());
        }
        var all = await db.Entries.AsNoTracking().OfTarget(modelId, target).OfParameter(parameterKey)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new EntryPoint(e.Id, e.Value, e.Min, e.Max, e.SetAs))
            .ToListAsync(ct);
        var newest = await WithDetails(db).OfTarget(modelId, target).OfParameter(parameterKey)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(n)
            .ToListAsync(ct);
        return new ParameterEntries(newest.AsEnumerable().Reverse().Select(EntryView.From).ToList(), all);
    }
}

using System.Data;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

/// <summary>What a curation page shows of one target: entry counts per parameter, the shown
/// parameter's entries, the target's estimates and notes.</summary>
public sealed record TargetCurationView(
    IReadOnlyDictionary<string, int> Counts, ParameterEntries Entries, IReadOnlyList<EstimateView> Estimates, IReadOnlyList<NoteView> Notes);

/// <summary>
/// Reads a curation page in one go. Every open page reloads on each change of its target (each
/// click, each colleague's entry), so this is the app's hottest read: one connection and one access
/// check instead of one per part, and one snapshot, so the counts, the entries and the estimate
/// never disagree with each other.
/// </summary>
public sealed class TargetCurationReader(IDbContextFactory<AppDbContext> factory)
{
    /// <param name="parameterKey">The shown parameter; null reads no entries.</param>
    /// <param name="latest">How many of its newest entries to read in full; null reads all in full.</param>
    public async Task<TargetCurationView> ReadAsync(Actor actor, Guid modelId, EstimateTarget target, string? parameterKey, int? latest,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        // A transaction of our own runs inside the retrying strategy (a retry re-reads every part).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var counts = await EntryQueries.CountByParameterAsync(db, modelId, target, ct);
            var entries = parameterKey is null
                ? new ParameterEntries([], [])
                : await EntryQueries.OfParameterAsync(db, modelId, target, parameterKey, latest, ct);
            var estimates = await EstimateService.ForTargetAsync(db, modelId, target, ct);
            var notes = await NoteService.ThreadAsync(db, modelId, target, null, ct);
            return new TargetCurationView(counts, entries, estimates, notes);
        });
    }
}

using System.Text.Json;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Live;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

/// <summary>
/// Adds, edits, reviews and deletes entries. Each write runs in one transaction that locks the
/// (target, parameter) estimate, changes the entry, writes an audit row and recomputes the
/// estimate, so the estimate is never out of date and concurrent writers never lose an entry.
/// Curators add entries and edit or delete their own; owners (and admins) may edit, delete and
/// review any entry of their model.
/// </summary>
public sealed class EntryService(IDbContextFactory<AppDbContext> factory)
{
    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web);

    public Task<EntryView> AddAsync(Actor actor, Guid modelId, EstimateTarget target, EntryInput input, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Curator, ct);
            var parameter = await db.ParameterDefinitions.AsNoTracking().SingleOrDefaultAsync(p => p.Key == input.ParameterKey, ct);
            var errors = EntryValidator.Validate(input, parameter, target.Kind);
            if (!await TargetBelongsToModelAsync(db, modelId, target, ct))
                errors.Add(new("target", "not-in-model", "The target is not a region, population or projection of this model."));
            ValidationException.ThrowIfAny(errors);

            var estimate = await EstimateRecomputer.LockAsync(db, modelId, target, parameter!, ct);
            var now = DateTimeOffset.UtcNow;
            var entry = new Entry
            {
                Id = Guid.NewGuid(), ModelId = modelId,
                RegionId = target.RegionId, PopulationId = target.PopulationId, ProjectionId = target.ProjectionId,
                ParameterDefinitionId = parameter!.Id, AuthorId = actor.UserId, CreatedAt = now,
            };
            await ApplyInputAsync(db, entry, input, now, ct);
            db.Entries.Add(entry);
            await db.SaveChangesAsync(ct);
            var after = await LoadViewAsync(db, entry.Id, ct);
            Audit(db, entry, AuditAction.Added, actor, now, null, after);
            await EstimateRecomputer.RecomputeAsync(db, estimate, ct);
            await PublishAsync(db, entry, ct);
            return after!;
        }, ct);

    /// <param name="version">The <see cref="EntryView.Version"/> the caller edited; a newer entry raises <see cref="ConcurrencyConflictException"/>.</param>
    public Task<EntryView> UpdateAsync(Actor actor, Guid entryId, uint version, EntryInput input, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var (entry, estimate, before) = await LockForChangeAsync(db, actor, entryId, version, ModelRole.Curator, ct);
            var errors = EntryValidator.Validate(input, entry.Parameter, entry.Target.Kind);
            if (input.ParameterKey != entry.Parameter!.Key)
                errors.Add(new("parameterKey", "immutable", "An entry's parameter cannot change; delete it and add a new one."));
            ValidationException.ThrowIfAny(errors);

            var now = DateTimeOffset.UtcNow;
            await ApplyInputAsync(db, entry, input, now, ct);
            await SaveCheckedAsync(db, entryId, ct);
            var after = await LoadViewAsync(db, entryId, ct);
            Audit(db, entry, AuditAction.Edited, actor, now, before, after);
            await EstimateRecomputer.RecomputeAsync(db, estimate, ct);
            await PublishAsync(db, entry, ct);
            return after!;
        }, ct);

    public Task DeleteAsync(Actor actor, Guid entryId, uint version, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var (entry, estimate, before) = await LockForChangeAsync(db, actor, entryId, version, ModelRole.Curator, ct);
            db.Entries.Remove(entry);
            await SaveCheckedAsync(db, entryId, ct);
            Audit(db, entry, AuditAction.Deleted, actor, DateTimeOffset.UtcNow, before, null);
            await EstimateRecomputer.RecomputeAsync(db, estimate, ct);
            await PublishAsync(db, entry, ct);
        }, ct);

    /// <summary>Owner only: marks an entry reviewed or disputed (or back to unreviewed).</summary>
    public Task<EntryView> ReviewAsync(Actor actor, Guid entryId, uint version, ReviewState state, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            if (!Enum.IsDefined(state))
                throw new ValidationException([new("reviewState", "enum", "reviewState must be unreviewed, reviewed or disputed.")]);
            var (entry, estimate, before) = await LockForChangeAsync(db, actor, entryId, version, ModelRole.Owner, ct);
            var now = DateTimeOffset.UtcNow;
            entry.ReviewState = state;
            entry.ReviewedById = state == ReviewState.Unreviewed ? null : actor.UserId;
            entry.ReviewedAt = state == ReviewState.Unreviewed ? null : now;
            await SaveCheckedAsync(db, entryId, ct);
            var after = await LoadViewAsync(db, entryId, ct);
            Audit(db, entry, AuditAction.Reviewed, actor, now, before, after);
            await EstimateRecomputer.RecomputeAsync(db, estimate, ct);
            await PublishAsync(db, entry, ct);
            return after!;
        }, ct);

    public async Task<EntryView> GetAsync(Actor actor, Guid entryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await LoadViewAsync(db, entryId, ct) ?? throw new NotFoundException($"Entry {entryId} not found.");
        await ModelAccess.RequireAsync(db, view.ModelId, actor, ModelRole.Viewer, ct);
        return view;
    }

    /// <summary>Entries of a model, optionally of one target and/or parameter, oldest first.</summary>
    public async Task<IReadOnlyList<EntryView>> ListAsync(Actor actor, Guid modelId, EstimateTarget? target = null, string? parameterKey = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var query = target is { } t ? EntryQueries.WithDetails(db).OfTarget(modelId, t) : EntryQueries.WithDetails(db).Where(e => e.ModelId == modelId);
        if (parameterKey is not null)
            query = query.OfParameter(parameterKey);
        var entries = await query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct);
        return entries.Select(EntryView.From).ToList();
    }

    /// <summary>Every recorded change of one entry (also after it was deleted), oldest first.</summary>
    public async Task<IReadOnlyList<EntryAuditView>> HistoryAsync(Actor actor, Guid modelId, Guid entryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await db.EntryAudits.AsNoTracking()
            .Where(a => a.EntryId == entryId && a.ModelId == modelId)
            .OrderBy(a => a.Id)
            .Select(a => new EntryAuditView(a.Id, a.EntryId, a.Action, a.UserId, a.At, a.BeforeJson, a.AfterJson))
            .ToListAsync(ct);
    }

    private static async Task<(Entry Entry, CollectiveEstimate Estimate, EntryView Before)> LockForChangeAsync(
        AppDbContext db, Actor actor, Guid entryId, uint version, ModelRole minimum, CancellationToken ct)
    {
        var snapshot = await db.Entries.AsNoTracking().Include(e => e.Parameter).SingleOrDefaultAsync(e => e.Id == entryId, ct)
                       ?? throw new NotFoundException($"Entry {entryId} not found.");
        var role = await ModelAccess.RequireAsync(db, snapshot.ModelId, actor, minimum, ct);
        if (snapshot.AuthorId != actor.UserId && role < ModelRole.Owner)
            throw new AccessDeniedException("Curators may change only their own entries.");

        var estimate = await EstimateRecomputer.LockAsync(db, snapshot.ModelId, snapshot.Target, snapshot.Parameter!, ct);
        // Read again under the lock: every writer of this (target, parameter) holds it, so what we see now is current.
        var current = await LoadViewAsync(db, entryId, ct) ?? throw new ConcurrencyConflictException(null);
        if (current.Version != version)
            throw new ConcurrencyConflictException(current);
        var entry = await db.Entries.Include(e => e.Parameter).SingleAsync(e => e.Id == entryId, ct);
        db.Entry(entry).Property(e => e.Version).OriginalValue = version;
        return (entry, estimate, current);
    }

    /// <summary>SaveChanges with the xmin check as a second guard behind the lock.</summary>
    private static async Task SaveCheckedAsync(AppDbContext db, Guid entryId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(await LoadViewAsync(db, entryId, ct));
        }
    }

    private static async Task ApplyInputAsync(AppDbContext db, Entry entry, EntryInput input, DateTimeOffset now, CancellationToken ct)
    {
        var reference = await ReferenceResolver.GetOrCreateAsync(db,
            ReferenceService.Normalise(input.Doi, ReferenceIdentity.NormaliseDoi),
            ReferenceService.Normalise(input.Pmid, ReferenceIdentity.NormalisePmid), input.Citation, ct);
        entry.ReferenceId = reference.Id;
        entry.Value = input.Value;
        entry.Min = input.Min;
        entry.Max = input.Max;
        entry.Sd = input.Sd;
        entry.Sem = input.Sem;
        entry.N = input.N;
        entry.SetAs = input.SetAs;
        entry.Species = input.Species.Trim();
        entry.Method = input.Method.Trim();
        entry.Notes = input.Notes;
        entry.UpdatedAt = now;
    }

    /// <summary>Tells open curation pages on every app instance; delivered only if the transaction commits.</summary>
    internal static async Task PublishAsync(AppDbContext db, Guid modelId, EstimateTarget target, CancellationToken ct)
    {
        await ChangeFeed.PublishAsync(db, $"target:{target.Id}", ct);
        await ChangeFeed.PublishAsync(db, $"model:{modelId}", ct);
    }

    private static Task PublishAsync(AppDbContext db, Entry entry, CancellationToken ct) => PublishAsync(db, entry.ModelId, entry.Target, ct);

    private static void Audit(AppDbContext db, Entry entry, AuditAction action, Actor actor, DateTimeOffset now, EntryView? before, EntryView? after) =>
        db.EntryAudits.Add(EntryAudit.Of(entry, action, actor.UserId, now,
            before is null ? null : JsonSerializer.Serialize(before, AuditJson),
            after is null ? null : JsonSerializer.Serialize(after, AuditJson)));

    private static async Task<EntryView?> LoadViewAsync(AppDbContext db, Guid entryId, CancellationToken ct)
    {
        var entry = await EntryQueries.WithDetails(db).SingleOrDefaultAsync(e => e.Id == entryId, ct);
        return entry is null ? null : EntryView.From(entry);
    }

    internal static Task<bool> TargetBelongsToModelAsync(AppDbContext db, Guid modelId, EstimateTarget target, CancellationToken ct) => target.Kind switch
    {
        TargetKinds.Region => db.Regions.AnyAsync(r => r.Id == target.Id && r.ModelId == modelId, ct),
        TargetKinds.Population => db.Populations.AnyAsync(p => p.Id == target.Id && p.ModelId == modelId, ct),
        TargetKinds.Projection => db.Projections.AnyAsync(p => p.Id == target.Id && p.ModelId == modelId, ct),
        _ => Task.FromResult(false),
    };
}

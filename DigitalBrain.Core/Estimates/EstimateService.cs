using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Estimates;

public sealed record EstimateView(
    Guid Id, Guid ModelId, EstimateTarget Target, string ParameterKey, string ParameterName, string Unit,
    AggregationMethod Method, double? Value, double? EffectiveValue, double? RangeMin, double? RangeMax,
    int EntryCount, int ReferenceCount, double? Sd, double? Min, double? Max, double? CiLow, double? CiHigh,
    IReadOnlyList<Guid> EntryIds, IReadOnlyList<Guid> OutlierEntryIds, string? Note,
    double? PinnedValue, string? PinReason, string? PinnedById, DateTimeOffset? PinnedAt, DateTimeOffset ComputedAt)
{
    internal static EstimateView From(CollectiveEstimate e, ParameterDefinition p) => new(
        e.Id, e.ModelId, new EstimateTarget(e.RegionId, e.PopulationId, e.ProjectionId), p.Key, p.Name, p.Unit,
        e.Method, e.Value, e.EffectiveValue, e.RangeMin, e.RangeMax, e.EntryCount, e.ReferenceCount, e.Sd, e.Min, e.Max,
        e.CiLow, e.CiHigh, e.EntryIds, e.OutlierEntryIds, e.Note, e.PinnedValue, e.PinReason, e.PinnedById, e.PinnedAt, e.ComputedAt);
}

/// <summary>Reads collective estimates; lets the model owner choose the method or pin a value,
/// each decision recorded as a <see cref="CurationEvent"/> in its transaction.</summary>
public sealed class EstimateService(IDbContextFactory<AppDbContext> factory)
{
    public async Task<IReadOnlyList<EstimateView>> ListForTargetAsync(Actor actor, Guid modelId, EstimateTarget target, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await ForTargetAsync(db, modelId, target, ct);
    }

    internal static Task<IReadOnlyList<EstimateView>> ForTargetAsync(AppDbContext db, Guid modelId, EstimateTarget target, CancellationToken ct) =>
        QueryAsync(db, db.CollectiveEstimates.Where(e => e.ModelId == modelId && e.RegionId == target.RegionId
            && e.PopulationId == target.PopulationId && e.ProjectionId == target.ProjectionId), ct);

    public async Task<IReadOnlyList<EstimateView>> ListForModelAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await QueryAsync(db, db.CollectiveEstimates.Where(e => e.ModelId == modelId), ct);
    }

    /// <summary>The value in use (the pin, else the computed value) of one parameter for each projection
    /// that has an estimate of it: all a projection matrix needs, without the estimates' entry lists.</summary>
    public async Task<IReadOnlyDictionary<Guid, double?>> ProjectionValuesAsync(Actor actor, Guid modelId, string parameterKey, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await db.CollectiveEstimates.AsNoTracking()
            .Where(e => e.ModelId == modelId && e.ProjectionId != null)
            .Join(db.ParameterDefinitions.Where(p => p.Key == parameterKey), e => e.ParameterDefinitionId, p => p.Id, (e, _) => e)
            .ToDictionaryAsync(e => e.ProjectionId!.Value, e => e.PinnedValue ?? e.Value, ct);
    }

    /// <summary>Owner: aggregate this (target, parameter) with another method from now on.</summary>
    public Task<EstimateView> SetMethodAsync(Actor actor, Guid modelId, EstimateTarget target, string parameterKey, AggregationMethod method, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            if (!Enum.IsDefined(method))
                throw new ValidationException([new("method", "enum", "Unknown aggregation method.")]);
            var (estimate, parameter) = await LockAsync(db, actor, modelId, target, parameterKey, ct);
            var now = DateTimeOffset.UtcNow;
            db.CurationEvents.Add(CurationEvent.ForEstimate(estimate, ActivityAction.MethodChosen, actor.UserId, now,
                oldText: estimate.Method.ToString(), newText: method.ToString()));
            estimate.Method = method;
            estimate.MethodChosenById = actor.UserId;
            estimate.MethodChosenAt = now;
            await EstimateRecomputer.RecomputeAsync(db, estimate, ct);
            await EntryService.PublishAsync(db, modelId, target, ct);
            return EstimateView.From(estimate, parameter);
        }, ct);

    /// <summary>Owner: use <paramref name="value"/> instead of the computed estimate, for the stated reason.</summary>
    public Task<EstimateView> PinAsync(Actor actor, Guid modelId, EstimateTarget target, string parameterKey, double value, string reason, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var (estimate, parameter) = await LockAsync(db, actor, modelId, target, parameterKey, ct);
            var probe = new EntryInput { ParameterKey = parameterKey, Value = value, Citation = "pin" };
            var errors = EntryValidator.Validate(probe, parameter, target.Kind);
            if (string.IsNullOrWhiteSpace(reason))
                errors.Add(new("reason", "required", "Say why the value is pinned."));
            else if (reason.Length > 2000)
                errors.Add(new("reason", "max-length", "reason is limited to 2000 characters."));
            ValidationException.ThrowIfAny(errors);
            var now = DateTimeOffset.UtcNow;
            db.CurationEvents.Add(CurationEvent.ForEstimate(estimate, ActivityAction.ValuePinned, actor.UserId, now,
                estimate.PinnedValue, value, estimate.PinReason, reason.Trim()));
            estimate.PinnedValue = value;
            estimate.PinReason = reason.Trim();
            estimate.PinnedById = actor.UserId;
            estimate.PinnedAt = now;
            await db.SaveChangesAsync(ct);
            await EntryService.PublishAsync(db, modelId, target, ct);
            return EstimateView.From(estimate, parameter);
        }, ct);

    public Task<EstimateView> UnpinAsync(Actor actor, Guid modelId, EstimateTarget target, string parameterKey, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var (estimate, parameter) = await LockAsync(db, actor, modelId, target, parameterKey, ct);
            // Unpinning what is not pinned changes nothing, so it leaves no trace either.
            if (estimate.PinnedValue is not null)
            {
                db.CurationEvents.Add(CurationEvent.ForEstimate(estimate, ActivityAction.ValueUnpinned, actor.UserId, DateTimeOffset.UtcNow,
                    oldValue: estimate.PinnedValue, oldText: estimate.PinReason));
            }
            estimate.PinnedValue = null;
            estimate.PinReason = null;
            estimate.PinnedById = null;
            estimate.PinnedAt = null;
            await db.SaveChangesAsync(ct);
            await EntryService.PublishAsync(db, modelId, target, ct);
            return EstimateView.From(estimate, parameter);
        }, ct);

    private static async Task<(CollectiveEstimate, ParameterDefinition)> LockAsync(AppDbContext db, Actor actor, Guid modelId, EstimateTarget target, string parameterKey, CancellationToken ct)
    {
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Owner, ct);
        var parameter = await db.ParameterDefinitions.AsNoTracking().SingleOrDefaultAsync(p => p.Key == parameterKey, ct)
                        ?? throw new ValidationException([new("parameterKey", "unknown-parameter", $"There is no parameter '{parameterKey}' in the catalogue.")]);
        if (!await EntryService.TargetBelongsToModelAsync(db, modelId, target, ct) || (parameter.AppliesTo & target.Kind) == 0)
            throw new ValidationException([new("target", "not-in-model", "The target is not part of this model or the parameter does not apply to it.")]);
        return (await EstimateRecomputer.LockAsync(db, modelId, target, parameter, ct), parameter);
    }

    private static async Task<IReadOnlyList<EstimateView>> QueryAsync(AppDbContext db, IQueryable<CollectiveEstimate> estimates, CancellationToken ct)
    {
        var rows = await estimates.AsNoTracking()
            .Join(db.ParameterDefinitions.AsNoTracking(), e => e.ParameterDefinitionId, p => p.Id, (e, p) => new { e, p })
            .OrderBy(x => x.p.SortOrder).ThenBy(x => x.e.Id)
            .ToListAsync(ct);
        return rows.Select(x => EstimateView.From(x.e, x.p)).ToList();
    }
}

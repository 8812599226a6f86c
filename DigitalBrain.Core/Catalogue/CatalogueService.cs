using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Core.Catalogue;

/// <summary>The parameter catalogue: everyone reads it, admins add to it.</summary>
public sealed class CatalogueService(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>Another app instance (or the seeder) may add definitions: a cached catalogue is
    /// read again after this long. Additions through this instance show at once.</summary>
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    private readonly Lock _cacheLock = new();
    private (IReadOnlyList<ParameterDefinition> Definitions, DateTime ReadAt)? _cache;
    /// <summary>Counts additions, so a read that began before one never fills the cache it cleared.</summary>
    private long _generation;

    /// <summary>Every definition, by sort order. Every curation page asks for it on each render,
    /// and it changes only when an administrator adds to it, so it is cached (shared instances:
    /// callers must not change them).</summary>
    public async Task<IReadOnlyList<ParameterDefinition>> ListAsync(CancellationToken ct = default)
    {
        long generation;
        lock (_cacheLock)
        {
            if (_cache is { } cached && DateTime.UtcNow - cached.ReadAt < CacheLifetime)
                return cached.Definitions;
            generation = _generation;
        }
        var readAt = DateTime.UtcNow;
        await using var db = await factory.CreateDbContextAsync(ct);
        var definitions = await db.ParameterDefinitions.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Key).ToListAsync(ct);
        lock (_cacheLock)
        {
            if (generation == _generation && (_cache is null || _cache.Value.ReadAt < readAt))
                _cache = (definitions, readAt);
        }
        return definitions;
    }

    public async Task<ParameterDefinition> AddAsync(Actor actor, ParameterDefinition definition, CancellationToken ct = default)
    {
        if (!actor.IsAdmin)
            throw new AccessDeniedException("Only an administrator can add to the parameter catalogue.");
        ValidationException.ThrowIfAny(Validate(definition));
        await using var db = await factory.CreateDbContextAsync(ct);
        definition.Id = 0;
        definition.SortOrder = definition.SortOrder == 0 ? await db.ParameterDefinitions.MaxAsync(p => (int?)p.SortOrder, ct) + 1 ?? 1 : definition.SortOrder;
        db.ParameterDefinitions.Add(definition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ValidationException([new("key", "unique", $"A parameter '{definition.Key}' already exists.")]);
        }
        lock (_cacheLock)
        {
            _cache = null;
            _generation++;
        }
        return definition;
    }

    internal static List<ValidationError> Validate(ParameterDefinition d)
    {
        var errors = new List<ValidationError>();
        if (!System.Text.RegularExpressions.Regex.IsMatch(d.Key ?? "", "^[a-z][a-z0-9_]{0,63}$"))
            errors.Add(new("key", "key-format", "key is snake_case: a lower-case letter, then letters, digits or _ (at most 64)."));
        foreach (var (field, text, max) in new[] { ("group", d.Group, 64), ("name", d.Name, 200), ("unit", d.Unit, 20) })
        {
            if (string.IsNullOrWhiteSpace(text))
                errors.Add(new(field, "required", $"{field} is required."));
            else if (text.Length > max)
                errors.Add(new(field, "max-length", $"{field} is limited to {max} characters."));
        }
        if (!double.IsFinite(d.MinValue))
            errors.Add(new("minValue", "finite", "minValue must be a finite number."));
        if (!double.IsFinite(d.MaxValue))
            errors.Add(new("maxValue", "finite", "maxValue must be a finite number."));
        if (double.IsFinite(d.MinValue) && double.IsFinite(d.MaxValue) && d.MinValue > d.MaxValue)
            errors.Add(new("minValue", "min-le-max", "minValue must not exceed maxValue."));
        if (!Enum.IsDefined(d.ValueKind))
            errors.Add(new("valueKind", "enum", "valueKind must be scalar, integer or range."));
        if (d.AppliesTo is <= TargetKinds.None or > (TargetKinds.Region | TargetKinds.Population | TargetKinds.Projection))
            errors.Add(new("appliesTo", "enum", "appliesTo names regions, populations and/or projections."));
        if (!Enum.IsDefined(d.DefaultMethod))
            errors.Add(new("defaultMethod", "enum", "Unknown aggregation method."));
        if (d.Description.Length > 4000)
            errors.Add(new("description", "max-length", "description is limited to 4000 characters."));
        return errors;
    }
}

using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

public sealed record ReferenceView(Guid Id, string? Doi, string? Pmid, string Citation)
{
    internal static ReferenceView From(Reference r) => new(r.Id, r.Doi, r.Pmid, r.Citation);
}

/// <summary>Literature sources. References are shared by all models, so any signed-in user may
/// look them up; they are created as a side effect of adding entries, or here.</summary>
public sealed class ReferenceService(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>The one row for this DOI / PMID / citation, created when missing.</summary>
    public Task<ReferenceView> GetOrCreateAsync(string? doi, string? pmid, string? citation, CancellationToken ct = default)
    {
        var probe = new EntryInput { ParameterKey = "", Value = 0, Doi = doi, Pmid = pmid, Citation = citation };
        var errors = EntryValidator.Validate(probe, null, 0).Where(e => e.Field is "reference" or "doi" or "pmid" or "citation").ToList();
        ValidationException.ThrowIfAny(errors);
        return WriteTransaction.RunAsync(factory, async db =>
        {
            var reference = await ReferenceResolver.GetOrCreateAsync(db, Normalise(doi, ReferenceIdentity.NormaliseDoi), Normalise(pmid, ReferenceIdentity.NormalisePmid), citation, ct);
            await db.SaveChangesAsync(ct);
            return ReferenceView.From(reference);
        }, ct);
    }

    public async Task<ReferenceView?> FindByDoiAsync(string doi, CancellationToken ct = default)
    {
        if (ReferenceIdentity.NormaliseDoi(doi) is not { } normalised)
            return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var reference = await db.References.AsNoTracking().SingleOrDefaultAsync(r => r.Doi == normalised, ct);
        return reference is null ? null : ReferenceView.From(reference);
    }

    internal static string? Normalise(string? text, Func<string, string?> normalise) =>
        string.IsNullOrWhiteSpace(text) ? null : normalise(text);
}

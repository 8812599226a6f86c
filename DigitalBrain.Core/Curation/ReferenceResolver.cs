using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Curation;

/// <summary>Finds the one Reference row for a DOI (else PMID, else citation text), creating it
/// race-free with INSERT … ON CONFLICT DO NOTHING, inside the caller's transaction.</summary>
internal static class ReferenceResolver
{
    /// <param name="doi">Already normalised, or null.</param>
    /// <param name="pmid">Already normalised, or null.</param>
    public static async Task<Reference> GetOrCreateAsync(AppDbContext db, string? doi, string? pmid, string? citation, CancellationToken ct)
    {
        citation = citation?.Trim() ?? "";
        var existing = await FindAsync(db, doi, pmid, citation, ct);
        if (existing is null)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "References" ("Id", "Doi", "Pmid", "Citation", "CitationKey", "CreatedAt")
                VALUES ({Guid.NewGuid()}, {doi}, {pmid}, {citation}, {ReferenceIdentity.CitationKey(citation)}, {DateTimeOffset.UtcNow})
                ON CONFLICT DO NOTHING
                """, ct);
            // A PMID already held by a row with another DOI blocks the insert: that row is the source then.
            existing = await FindAsync(db, doi, pmid, citation, ct)
                       ?? (pmid is null ? null : await db.References.SingleOrDefaultAsync(r => r.Pmid == pmid, ct))
                       ?? throw new InvalidOperationException("The reference could neither be found nor created.");
        }
        if (existing.Citation.Length == 0 && citation.Length > 0)
            existing.Citation = citation;
        if (existing.Pmid is null && pmid is not null && !await db.References.AnyAsync(r => r.Pmid == pmid, ct))
            existing.Pmid = pmid;
        return existing;
    }

    private static Task<Reference?> FindAsync(AppDbContext db, string? doi, string? pmid, string citation, CancellationToken ct)
    {
        if (doi is not null)
            return db.References.SingleOrDefaultAsync(r => r.Doi == doi, ct);
        if (pmid is not null)
            return db.References.SingleOrDefaultAsync(r => r.Pmid == pmid, ct);
        var key = ReferenceIdentity.CitationKey(citation);
        return db.References.SingleOrDefaultAsync(r => r.Doi == null && r.Pmid == null && r.CitationKey == key, ct);
    }
}

using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Import;

public enum BibliographyFormat
{
    BibTex = 1,
    Ris = 2,
}

/// <summary>One imported record: the reference row it is (or would be) and whether it existed.</summary>
public sealed record ReferenceImportRow(int Index, string? Key, string? Doi, string? Pmid, string Citation, bool Existed, Guid? ReferenceId);

public sealed record ReferenceImportReport(int Records, IReadOnlyList<ReferenceImportRow> References, IReadOnlyList<ImportError> Errors, bool Committed);

/// <summary>Imports references from BibTeX or RIS. DOIs and PMIDs are normalised as everywhere
/// (<see cref="ReferenceIdentity"/>) and each source ends up as its one row (<see cref="ReferenceResolver"/>).
/// References are shared by all models, so any signed-in user may import them. All or nothing.</summary>
public sealed class ReferenceImportService(IDbContextFactory<AppDbContext> factory)
{
    public static List<BibRecord> Parse(string text, BibliographyFormat format) =>
        format == BibliographyFormat.Ris ? Bibliography.ParseRis(text) : Bibliography.ParseBibTex(text);

    public Task<ReferenceImportReport> ImportAsync(IReadOnlyList<BibRecord> records, bool dryRun, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(factory, async db =>
        {
            var errors = new List<ImportError>();
            var valid = new List<(BibRecord Record, string? Doi, string? Pmid)>();
            foreach (var r in records)
            {
                var probe = new EntryInput { ParameterKey = "", Value = 0, Doi = r.Doi, Pmid = r.Pmid, Citation = r.Citation };
                var rowErrors = EntryValidator.Validate(probe, null, 0).Where(e => e.Field is "reference" or "doi" or "pmid" or "citation").ToList();
                errors.AddRange(rowErrors.Select(e => new ImportError(r.Index, e.Field, e.Rule, e.Message)));
                if (rowErrors.Count == 0)
                    valid.Add((r, ReferenceService.Normalise(r.Doi, ReferenceIdentity.NormaliseDoi), ReferenceService.Normalise(r.Pmid, ReferenceIdentity.NormalisePmid)));
            }
            var rows = new List<ReferenceImportRow>();
            foreach (var (r, doi, pmid) in valid)
            {
                var key = ReferenceIdentity.CitationKey(r.Citation);
                var existing = doi is not null ? await db.References.AsNoTracking().FirstOrDefaultAsync(x => x.Doi == doi, ct)
                    : pmid is not null ? await db.References.AsNoTracking().FirstOrDefaultAsync(x => x.Pmid == pmid, ct)
                    : await db.References.AsNoTracking().FirstOrDefaultAsync(x => x.Doi == null && x.Pmid == null && x.CitationKey == key, ct);
                Guid? id = existing?.Id;
                if (!dryRun && errors.Count == 0)
                    id = (await ReferenceResolver.GetOrCreateAsync(db, doi, pmid, r.Citation, ct)).Id;
                rows.Add(new ReferenceImportRow(r.Index, r.Key, doi, pmid, r.Citation, existing is not null, id));
            }
            var commit = !dryRun && errors.Count == 0;
            if (commit)
                await db.SaveChangesAsync(ct);
            return new ReferenceImportReport(records.Count, rows, errors, commit);
        }, ct);
}

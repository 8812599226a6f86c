using System.Security.Claims;
using DigitalBrain.Core.Import;
using DigitalBrain.Core.Validation;

namespace DigitalBrain.Web.Api;

/// <summary>Bulk import of entries and references, and export of a model's entries and estimates.</summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this RouteGroupBuilder api)
    {
        var model = api.MapGroup("/models/{modelId:guid}").WithTags("Import and export");
        model.MapPost("/entries/import", async (Guid modelId, string? format, bool? dryRun, string? duplicates, HttpRequest request,
            ClaimsPrincipal user, EntryImportService s, CancellationToken ct) =>
        {
            var text = await EntryEndpoints.BodyAsync(request, ct);
            var policy = duplicates is null ? DuplicatePolicy.Error
                : Enum.TryParse<DuplicatePolicy>(duplicates, ignoreCase: true, out var p) && Enum.IsDefined(p) && !char.IsAsciiDigit(duplicates[0]) ? p
                : throw new ValidationException([new("duplicates", "enum", "duplicates is error (refuse the import) or skip.")]);
            var records = IsJson(format, request) ? ImportRecords.FromJson(text) : ImportRecords.FromCsv(text);
            if (dryRun ?? true)
                return Results.Ok(await s.DryRunAsync(user.Actor(), modelId, records, policy, ct));
            var report = await s.CommitAsync(user.Actor(), modelId, records, policy, ct);
            if (report.Errors.Count > 0)
            {
                return ApiProblems.Validation(report.Errors.Select(e => new ValidationError($"rows[{e.Row}].{e.Field}", e.Rule, e.Message)).ToList(),
                    new Dictionary<string, object?> { ["report"] = report });
            }
            return Results.Ok(report);
        }).Accepts<string>("text/csv", "application/json", "text/plain").Produces<EntryImportReport>()
          .WithSummary("Import entries from CSV or JSON: ?dryRun=true (default) reports, ?dryRun=false writes all rows or none");

        model.MapGet("/export.json", (Guid modelId, ClaimsPrincipal user, ModelExportService s, CancellationToken ct) =>
            s.ExportAsync(user.Actor(), modelId, ct)).WithSummary("All entries and estimates as JSON");
        model.MapGet("/export/entries.csv", async (Guid modelId, ClaimsPrincipal user, ModelExportService s, CancellationToken ct) =>
            Results.Text(ModelExportService.EntriesCsv(await s.ExportAsync(user.Actor(), modelId, ct)), "text/csv; charset=utf-8"))
            .WithSummary("All entries as CSV (the importer's columns)");
        model.MapGet("/export/estimates.csv", async (Guid modelId, ClaimsPrincipal user, ModelExportService s, CancellationToken ct) =>
            Results.Text(ModelExportService.EstimatesCsv(await s.ExportAsync(user.Actor(), modelId, ct)), "text/csv; charset=utf-8"))
            .WithSummary("All collective estimates as CSV");

        api.MapPost("/references/import", async (string? format, bool? dryRun, HttpRequest request, ReferenceImportService s, CancellationToken ct) =>
        {
            var kind = (format ?? "").ToLowerInvariant() switch
            {
                "ris" => BibliographyFormat.Ris,
                "bibtex" or "bib" or "" => BibliographyFormat.BibTex,
                _ => throw new ValidationException([new("format", "enum", "format is bibtex or ris.")]),
            };
            var records = ReferenceImportService.Parse(await EntryEndpoints.BodyAsync(request, ct), kind);
            var report = await s.ImportAsync(records, dryRun ?? true, ct);
            return report.Errors.Count > 0 && !(dryRun ?? true)
                ? ApiProblems.Validation(report.Errors.Select(e => new ValidationError($"records[{e.Row}].{e.Field}", e.Rule, e.Message)).ToList(),
                    new Dictionary<string, object?> { ["report"] = report })
                : Results.Ok(report);
        }).WithTags("References").Produces<ReferenceImportReport>()
          .WithSummary("Import references from BibTeX (?format=bibtex) or RIS (?format=ris); ?dryRun=false writes");
    }

    private static bool IsJson(string? format, HttpRequest request) =>
        format is not null ? string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            : request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
}

using System.Security.Claims;
using System.Text;
using DigitalBrain.Core.Import;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using DigitalBrain.Web.Api;

namespace DigitalBrain.Web.Components.Import;

/// <summary>
/// The downloads behind the export buttons and the import template, for the signed-in browser
/// (the sign-in cookie; anonymous visitors are sent to the login page). The files are the API's
/// exports (<see cref="ModelExportService"/>, with its formula-injection protection), sent as
/// attachments named after the model.
/// </summary>
public static class ModelDownloads
{
    public static string EntriesCsv(Guid modelId) => $"/models/{modelId}/export/entries.csv";

    public static string EntriesJson(Guid modelId) => $"/models/{modelId}/export/entries.json";

    public static string EstimatesCsv(Guid modelId) => $"/models/{modelId}/export/estimates.csv";

    public static string Template(Guid modelId) => $"/models/{modelId}/import/template.csv";

    public static void MapModelDownloads(this WebApplication app)
    {
        var model = app.MapGroup("/models/{modelId:guid}").RequireAuthorization().ExcludeFromDescription();
        model.MapGet("/export/entries.csv", (Guid modelId, ClaimsPrincipal user, ModelExportService s, CancellationToken ct) =>
            ExportAsync(modelId, user, s, "entries.csv", ModelExportService.EntriesCsv, "text/csv", ct));
        model.MapGet("/export/entries.json", (Guid modelId, ClaimsPrincipal user, ModelExportService s, CancellationToken ct) =>
            ExportAsync(modelId, user, s, "entries.json", ModelExportService.EntriesJson, "application/json", ct));
        model.MapGet("/export/estimates.csv", (Guid modelId, ClaimsPrincipal user, ModelExportService s, CancellationToken ct) =>
            ExportAsync(modelId, user, s, "estimates.csv", ModelExportService.EstimatesCsv, "text/csv", ct));
        model.MapGet("/import/template.csv", async (Guid modelId, ClaimsPrincipal user, StructureService structure, CancellationToken ct) =>
        {
            try
            {
                var populations = (await structure.GetAsync(user.Actor(), modelId, ct)).Populations;
                var csv = ImportTemplate.EntriesCsv(populations.Count > 0 ? populations[0].Name : "L23E");
                return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "entries-template.csv");
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
        });
    }

    private static async Task<IResult> ExportAsync(Guid modelId, ClaimsPrincipal user, ModelExportService s, string suffix,
        Func<ModelExport, string> format, string contentType, CancellationToken ct)
    {
        try
        {
            var export = await s.ExportAsync(user.Actor(), modelId, ct);
            return Results.File(Encoding.UTF8.GetBytes(format(export)), contentType + "; charset=utf-8", $"{FileStem(export.ModelName)}-{suffix}");
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (AccessDeniedException)
        {
            return Results.Forbid();
        }
    }

    /// <summary>The model's name as a safe file name: letters, digits, '-' and '_' only.</summary>
    public static string FileStem(string name)
    {
        var stem = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        return stem.Length > 0 ? stem[..Math.Min(stem.Length, 60)] : "model";
    }
}

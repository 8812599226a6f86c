using System.Security.Claims;
using System.Text;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Export;
using DigitalBrain.Web.Api;

namespace DigitalBrain.Web.Versions;

/// <summary>
/// A version as a file: NetworkSpec JSON, a PyNEST or a Brian2 script. Served twice with the same
/// bytes: under the API (<c>/api/v1/versions/{id}/export</c>, token or cookie) and for the version
/// page's buttons (<c>/versions/{id}/download/{format}</c>, the sign-in cookie, redirecting to the
/// log-in page when there is none). Read access is VersionService's: a private model's version
/// does not exist for non-members.
/// </summary>
public static class VersionDownloads
{
    public static readonly IReadOnlyList<string> Formats = ["json", "pynest", "brian2"];

    public static ExportFormat? Parse(string? format) => (format ?? "json").ToLowerInvariant() switch
    {
        "json" => ExportFormat.Json,
        "pynest" => ExportFormat.PyNest,
        "brian2" => ExportFormat.Brian2,
        _ => null,
    };

    /// <summary>The file for a format already parsed; throws the service's not-found / access-denied.</summary>
    public static async Task<IResult> FileAsync(VersionService versions, ClaimsPrincipal user, Guid versionId, ExportFormat format, CancellationToken ct)
    {
        var (version, spec) = await versions.GetAsync(user.Actor(), versionId, ct);
        var exporter = NetworkExporters.For(format);
        var text = exporter.Export(spec, new ExportContext(spec.Name, version.ContentHash, version.CreatedAt));
        return Results.File(Encoding.UTF8.GetBytes(text), exporter.MediaType, FileName(version, exporter.FileExtension));
    }

    /// <summary>"model-&lt;id&gt;-v3.py": the model, the version number and what the file is.</summary>
    public static string FileName(VersionView version, string extension) => $"model-{version.ModelId:N}-v{version.Number}{extension}";

    public static IEndpointConventionBuilder MapVersionDownloads(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/versions/{versionId:guid}/download/{format}", async (Guid versionId, string format, ClaimsPrincipal user,
                VersionService versions, CancellationToken ct) =>
            Parse(format) is { } chosen
                ? await FileAsync(versions, user, versionId, chosen, ct)
                : Results.NotFound())
            .RequireAuthorization()
            .AddEndpointFilter<ApiExceptionFilter>();
}

using System.Security.Claims;
using DigitalBrain.Core.SpecImport;
using DigitalBrain.Core.Validation;
using DigitalBrain.Core.Versions;
using DigitalBrain.Web.Versions;

namespace DigitalBrain.Web.Api;

public sealed record VersionRequest(string? Note);

/// <summary>Frozen versions (create, read, export) and simulation runs (launch, status, cancel, results).</summary>
internal static class VersionEndpoints
{
    public static void MapVersionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/models/import-spec", async (HttpRequest request, ClaimsPrincipal user, SpecImportService s, CancellationToken ct) =>
        {
            var result = await s.ImportJsonAsync(user.Actor(), await EntryEndpoints.BodyAsync(request, ct), ct);
            return Results.Created($"{ApiHosting.Prefix}/models/{result.ModelId}", result);
        }).Accepts<string>("application/json", "text/plain").Produces<SpecImportResult>(StatusCodes.Status201Created)
          .WithTags("Models").WithSummary("Create a model from a NetworkSpec JSON document (all or nothing; 400 names the field)");

        var model = api.MapGroup("/models/{modelId:guid}");
        model.MapPost("/versions", async (Guid modelId, VersionRequest? body, ClaimsPrincipal user, VersionService s, CancellationToken ct) =>
        {
            if (body?.Note is { Length: > 2000 })
                throw new ValidationException([new("note", "max-length", "note is limited to 2000 characters.")]);
            var (version, created) = await s.CreateAsync(user.Actor(), modelId, body?.Note, ct);
            return created ? Results.Created($"{ApiHosting.Prefix}/versions/{version.Id}", version) : Results.Ok(version);
        }).WithTags("Versions").WithSummary("Freeze the current estimates (201), or get the identical latest version (200); 422 lists missing values");
        model.MapGet("/versions", async (Guid modelId, int? page, int? pageSize, ClaimsPrincipal user, VersionService s, CancellationToken ct) =>
            Paging.Of(await s.ListAsync(user.Actor(), modelId, ct), page, pageSize)).WithTags("Versions").WithSummary("Versions, newest first");
        model.MapPost("/runs", async (Guid modelId, RunRequest? body, ClaimsPrincipal user, RunLauncher s, CancellationToken ct) =>
        {
            var run = await s.LaunchAsync(user.Actor(), modelId, body ?? new RunRequest(), ct);
            return Results.Created($"{ApiHosting.Prefix}/runs/{run.Id}", run);
        }).WithTags("Runs").WithSummary("Launch a run: freeze a version, create the run and queue it (curator)");
        model.MapGet("/runs", async (Guid modelId, int? page, int? pageSize, ClaimsPrincipal user, RunLauncher s, CancellationToken ct) =>
            Paging.Of(await s.ListAsync(user.Actor(), modelId, ct), page, pageSize)).WithTags("Runs").WithSummary("Runs of a model, newest first");

        var versions = api.MapGroup("/versions/{versionId:guid}").WithTags("Versions");
        versions.MapGet("/", async (Guid versionId, ClaimsPrincipal user, VersionService s, CancellationToken ct) =>
            (await s.GetAsync(user.Actor(), versionId, ct)).Version).WithSummary("One version");
        versions.MapGet("/export", (Guid versionId, string? format, ClaimsPrincipal user, VersionService s, CancellationToken ct) =>
            VersionDownloads.Parse(format) is { } chosen
                ? VersionDownloads.FileAsync(s, user, versionId, chosen, ct)
                : throw new ValidationException([new("format", "one_of", "format must be one of json, pynest, brian2.")])
        ).WithSummary("The version exported as NetworkSpec JSON, a PyNEST script or a Brian2 script");

        var runs = api.MapGroup("/runs/{runId:guid}").WithTags("Runs");
        runs.MapGet("/", (Guid runId, ClaimsPrincipal user, RunLauncher s, CancellationToken ct) =>
            s.GetAsync(user.Actor(), runId, ct)).WithSummary("Status and progress of a run, with its live population rate traces while it runs");
        runs.MapPost("/cancel", async (Guid runId, ClaimsPrincipal user, RunLauncher s, CancellationToken ct) =>
            await s.CancelAsync(user.Actor(), runId, ct)
                ? Results.Ok(await s.GetAsync(user.Actor(), runId, ct))
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The run has already finished."))
            .WithSummary("Ask a run to stop (its creator or the model's owner)");
        runs.MapGet("/results", (Guid runId, ClaimsPrincipal user, RunLauncher s, CancellationToken ct) =>
            s.ResultsAsync(user.Actor(), runId, ct)).WithSummary("Per-population rates, irregularity, synchrony and rate series");
        runs.MapGet("/spikes", (Guid runId, ClaimsPrincipal user, DigitalBrain.Core.Runs.RunSpikeDownload s, HttpContext http) => DigitalBrain.Web.Runs.SpikeDownloadEndpoints.SendAsync(user.Actor(), runId, s, http)).WithSummary("Full spikes as gzip'd CSV (population,neuron,time_ms); X-Spikes-Truncated says when the size cap cut them; 409 until the run succeeded");
    }
}

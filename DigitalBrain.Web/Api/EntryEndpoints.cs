using System.Security.Claims;
using System.Text;
using System.Text.Json;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Validation;

namespace DigitalBrain.Web.Api;

/// <summary>The JSON of an entry add or edit, for the API description. The body is read by
/// <see cref="EntryInputJson"/> so that NaN, ±Infinity and 1e400 reach the validator and are
/// refused naming their field. Add: exactly one of regionId, populationId, projectionId. Edit: version.</summary>
public sealed record EntryRequest(
    Guid? RegionId, Guid? PopulationId, Guid? ProjectionId, uint? Version, string ParameterKey, string? Unit,
    double? Value, double? Min, double? Max, double? Sd, double? Sem, int? N, string? Doi, string? Pmid, string? Citation,
    SetAs SetAs, string? Species, string? Method, string? Notes);

public sealed record ReviewRequest(uint Version, ReviewState State);

/// <summary>Entries (add, edit with the concurrency token, delete, review, history) and the
/// collective estimates read from them.</summary>
internal static class EntryEndpoints
{
    public static void MapEntryEndpoints(this RouteGroupBuilder api)
    {
        var model = api.MapGroup("/models/{modelId:guid}").WithTags("Entries");
        model.MapGet("/entries", async (Guid modelId, Guid? regionId, Guid? populationId, Guid? projectionId, string? parameterKey,
                int? page, int? pageSize, ClaimsPrincipal user, EntryService s, CancellationToken ct) =>
            Paging.Of(await s.ListAsync(user.Actor(), modelId, Target(regionId, populationId, projectionId, required: false), parameterKey, ct), page, pageSize))
            .WithSummary("Entries of a model, oldest first; filter by target and parameter");
        model.MapPost("/entries", async (Guid modelId, HttpRequest request, ClaimsPrincipal user, EntryService s, CancellationToken ct) =>
        {
            var json = await BodyAsync(request, ct);
            var target = TargetOf(json);
            var entry = await s.AddAsync(user.Actor(), modelId, target, EntryInputJson.Parse(json), ct);
            return Results.Created($"{ApiHosting.Prefix}/entries/{entry.Id}", entry);
        }).Accepts<EntryRequest>("application/json").Produces<EntryView>(StatusCodes.Status201Created).WithSummary("Add an entry (curator)");
        model.MapGet("/entries/{entryId:guid}/history", (Guid modelId, Guid entryId, ClaimsPrincipal user, EntryService s, CancellationToken ct) =>
            s.HistoryAsync(user.Actor(), modelId, entryId, ct)).WithSummary("Every change of an entry, also after it was deleted");
        model.MapGet("/estimates", async (Guid modelId, Guid? regionId, Guid? populationId, Guid? projectionId, int? page, int? pageSize,
                ClaimsPrincipal user, EstimateService s, CancellationToken ct) =>
            {
                var target = Target(regionId, populationId, projectionId, required: false);
                var list = target is { } t ? await s.ListForTargetAsync(user.Actor(), modelId, t, ct) : await s.ListForModelAsync(user.Actor(), modelId, ct);
                return Paging.Of(list, page, pageSize);
            }).WithTags("Estimates").WithSummary("Collective estimates of a model or one target");

        var entries = api.MapGroup("/entries/{entryId:guid}").WithTags("Entries");
        entries.MapGet("/", (Guid entryId, ClaimsPrincipal user, EntryService s, CancellationToken ct) =>
            s.GetAsync(user.Actor(), entryId, ct)).WithSummary("One entry (its version goes back with an edit)");
        entries.MapPut("/", async (Guid entryId, HttpRequest request, ClaimsPrincipal user, EntryService s, CancellationToken ct) =>
        {
            var json = await BodyAsync(request, ct);
            return await s.UpdateAsync(user.Actor(), entryId, VersionOf(json), EntryInputJson.Parse(json), ct);
        }).Accepts<EntryRequest>("application/json").Produces<EntryView>().WithSummary("Edit an entry; a stale version answers 409 with the current entry");
        entries.MapDelete("/", async (Guid entryId, uint? version, ClaimsPrincipal user, EntryService s, CancellationToken ct) =>
        {
            if (version is not { } v)
                throw new ValidationException([new("version", "required", "Send the version you read (?version=).")]);
            await s.DeleteAsync(user.Actor(), entryId, v, ct);
            return Results.NoContent();
        }).WithSummary("Delete an entry (?version= required)");
        entries.MapPost("/review", (Guid entryId, ReviewRequest body, ClaimsPrincipal user, EntryService s, CancellationToken ct) =>
            s.ReviewAsync(user.Actor(), entryId, body.Version, body.State, ct)).WithSummary("Mark an entry reviewed or disputed (owner)");
    }

    private static EstimateTarget? Target(Guid? regionId, Guid? populationId, Guid? projectionId, bool required)
    {
        var target = new EstimateTarget(regionId, populationId, projectionId);
        if (target.IsValid)
            return target;
        if (!required && target.Kind == Core.Catalogue.TargetKinds.None)
            return null;
        throw new ValidationException([new("target", "one-target", "Give exactly one of regionId, populationId, projectionId.")]);
    }

    private static EstimateTarget TargetOf(string json)
    {
        Guid? Id(JsonElement root, string name) =>
            root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v
                ? (Guid.TryParse(v.GetString(), out var id) ? id : throw new ValidationException([new(name, "guid", $"{name} is not an id.")]))
                : null;
        using var document = Parse(json);
        return Target(Id(document.RootElement, "regionId"), Id(document.RootElement, "populationId"), Id(document.RootElement, "projectionId"), required: true)!.Value;
    }

    private static uint VersionOf(string json)
    {
        using var document = Parse(json);
        var version = document.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "version", StringComparison.OrdinalIgnoreCase)).Value;
        return version.ValueKind == JsonValueKind.Number && version.TryGetUInt32(out var v)
            ? v
            : throw new ValidationException([new("version", "required", "Send the entry's version as you read it; it guards against overwriting someone else's change.")]);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document;
            document.Dispose();
        }
        catch (JsonException)
        {
            // reported below
        }
        throw new ValidationException([new("$", "json", "The body is a JSON object.")]);
    }

    internal static async Task<string> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }
}

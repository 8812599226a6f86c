using System.Security.Claims;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;

namespace DigitalBrain.Web.Api;

public sealed record MemberRequest(ModelRole Role);

public sealed record LayerRequest(string Name);

/// <summary>Models, their members and their structure (regions, layers, populations, projections).</summary>
internal static class ModelEndpoints
{
    public static void MapModelEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("/", async (ClaimsPrincipal user, BrainModelService s, int? page, int? pageSize, CancellationToken ct) =>
            Paging.Of(await s.ListAsync(user.Actor(), ct), page, pageSize)).WithSummary("Models the caller can see");
        models.MapGet("/{modelId:guid}", (Guid modelId, ClaimsPrincipal user, BrainModelService s, CancellationToken ct) =>
            s.GetAsync(user.Actor(), modelId, ct)).WithSummary("One model");
        models.MapPost("/", async (BrainModelInput input, ClaimsPrincipal user, BrainModelService s, CancellationToken ct) =>
        {
            var model = await s.CreateAsync(user.Actor(), input, ct);
            return Results.Created($"{ApiHosting.Prefix}/models/{model.Id}", model);
        }).WithSummary("Create a model (the caller becomes its owner)");
        models.MapPut("/{modelId:guid}", (Guid modelId, BrainModelInput input, ClaimsPrincipal user, BrainModelService s, CancellationToken ct) =>
            s.UpdateAsync(user.Actor(), modelId, input, ct)).WithSummary("Rename or describe a model (owner)");
        models.MapDelete("/{modelId:guid}", async (Guid modelId, ClaimsPrincipal user, BrainModelService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(user.Actor(), modelId, ct);
            return Results.NoContent();
        }).WithSummary("Delete a model with everything in it (owner)");

        models.MapGet("/{modelId:guid}/members", async (Guid modelId, int? page, int? pageSize, ClaimsPrincipal user, BrainModelService s, CancellationToken ct) =>
            Paging.Of(await s.ListMembersAsync(user.Actor(), modelId, ct), page, pageSize)).WithSummary("Members and their roles");
        models.MapPut("/{modelId:guid}/members/{userId}", async (Guid modelId, string userId, MemberRequest body, ClaimsPrincipal user, BrainModelService s, CancellationToken ct) =>
        {
            await s.SetMemberAsync(user.Actor(), modelId, userId, body.Role, ct);
            return Results.NoContent();
        }).WithSummary("Add a member or change their role (owner)");
        models.MapDelete("/{modelId:guid}/members/{userId}", async (Guid modelId, string userId, ClaimsPrincipal user, BrainModelService s, CancellationToken ct) =>
        {
            await s.RemoveMemberAsync(user.Actor(), modelId, userId, ct);
            return Results.NoContent();
        }).WithSummary("Remove a member (owner)");

        MapStructure(models.MapGroup("/{modelId:guid}").WithTags("Structure"));
    }

    private static void MapStructure(RouteGroupBuilder model)
    {
        model.MapGet("/structure", (Guid modelId, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            s.GetAsync(user.Actor(), modelId, ct)).WithSummary("Regions, populations and projections in display order");

        model.MapGet("/regions", async (Guid modelId, int? page, int? pageSize, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            Paging.Of((await s.GetAsync(user.Actor(), modelId, ct)).Regions, page, pageSize)).WithSummary("Regions with their layers");
        model.MapPost("/regions", async (Guid modelId, RegionInput input, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            Created($"/models/{modelId}/regions", await s.AddRegionAsync(user.Actor(), modelId, input, ct))).WithSummary("Add a region (owner)");
        model.MapPut("/regions/{regionId:guid}", async (Guid modelId, Guid regionId, RegionInput input, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
        {
            await s.UpdateRegionAsync(user.Actor(), modelId, regionId, input, ct);
            return Results.NoContent();
        }).WithSummary("Change a region (owner)");
        model.MapDelete("/regions/{regionId:guid}", async (Guid modelId, Guid regionId, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
        {
            await s.DeleteRegionAsync(user.Actor(), modelId, regionId, ct);
            return Results.NoContent();
        }).WithSummary("Delete a region with its layers, populations and entries (owner)");
        model.MapPost("/regions/{regionId:guid}/layers", async (Guid modelId, Guid regionId, LayerRequest body, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            Created($"/models/{modelId}/regions/{regionId}/layers", await s.AddLayerAsync(user.Actor(), modelId, regionId, body.Name, ct))).WithSummary("Add a layer (owner)");
        model.MapDelete("/layers/{layerId:guid}", async (Guid modelId, Guid layerId, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
        {
            await s.DeleteLayerAsync(user.Actor(), modelId, layerId, ct);
            return Results.NoContent();
        }).WithSummary("Delete a layer (owner)");

        model.MapGet("/populations", async (Guid modelId, int? page, int? pageSize, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            Paging.Of((await s.GetAsync(user.Actor(), modelId, ct)).Populations, page, pageSize)).WithSummary("Populations");
        model.MapPost("/populations", async (Guid modelId, PopulationInput input, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            Created($"/models/{modelId}/populations", await s.AddPopulationAsync(user.Actor(), modelId, input, ct))).WithSummary("Add a population (owner)");
        model.MapPut("/populations/{populationId:guid}", async (Guid modelId, Guid populationId, PopulationInput input, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
        {
            await s.UpdatePopulationAsync(user.Actor(), modelId, populationId, input, ct);
            return Results.NoContent();
        }).WithSummary("Change a population (owner)");
        model.MapDelete("/populations/{populationId:guid}", async (Guid modelId, Guid populationId, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
        {
            await s.DeletePopulationAsync(user.Actor(), modelId, populationId, ct);
            return Results.NoContent();
        }).WithSummary("Delete a population with its projections and entries (owner)");

        model.MapGet("/projections", async (Guid modelId, int? page, int? pageSize, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            Paging.Of((await s.GetAsync(user.Actor(), modelId, ct)).Projections, page, pageSize)).WithSummary("Projections");
        model.MapPost("/projections", async (Guid modelId, ProjectionInput input, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
            Created($"/models/{modelId}/projections", await s.AddProjectionAsync(user.Actor(), modelId, input, ct))).WithSummary("Add a projection (owner)");
        model.MapPut("/projections/{projectionId:guid}", async (Guid modelId, Guid projectionId, ProjectionInput input, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
        {
            await s.UpdateProjectionAsync(user.Actor(), modelId, projectionId, input, ct);
            return Results.NoContent();
        }).WithSummary("Change a projection (owner)");
        model.MapDelete("/projections/{projectionId:guid}", async (Guid modelId, Guid projectionId, ClaimsPrincipal user, StructureService s, CancellationToken ct) =>
        {
            await s.DeleteProjectionAsync(user.Actor(), modelId, projectionId, ct);
            return Results.NoContent();
        }).WithSummary("Delete a projection with its entries (owner)");
    }

    private static IResult Created(string collection, Guid id) => Results.Created($"{ApiHosting.Prefix}{collection}/{id}", new CreatedId(id));
}

using System.Security.Claims;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Web.Api;

public sealed record ReferenceRequest(string? Doi, string? Pmid, string? Citation);

/// <summary>The parameter catalogue and the shared literature references.</summary>
internal static class CatalogueEndpoints
{
    public static void MapCatalogueEndpoints(this RouteGroupBuilder api)
    {
        var parameters = api.MapGroup("/parameters").WithTags("Parameter definitions");
        parameters.MapGet("/", async (int? page, int? pageSize, CatalogueService s, CancellationToken ct) =>
            Paging.Of(await s.ListAsync(ct), page, pageSize)).WithSummary("The parameter catalogue");
        parameters.MapGet("/{key}", async (string key, CatalogueService s, CancellationToken ct) =>
            (await s.ListAsync(ct)).FirstOrDefault(p => p.Key == key) ?? throw new NotFoundException($"There is no parameter '{key}'."))
            .WithSummary("One parameter definition");
        parameters.MapPost("/", async (ParameterDefinition definition, ClaimsPrincipal user, CatalogueService s, CancellationToken ct) =>
        {
            var added = await s.AddAsync(user.Actor(), definition, ct);
            return Results.Created($"{ApiHosting.Prefix}/parameters/{added.Key}", added);
        }).WithSummary("Add a parameter to the catalogue (admin)");

        // References are shared by all models: any signed-in user may read them (as ReferenceService says).
        var references = api.MapGroup("/references").WithTags("References");
        references.MapGet("/", async (string? doi, string? q, int? page, int? pageSize, IDbContextFactory<AppDbContext> factory, CancellationToken ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var query = db.References.AsNoTracking();
            if (doi is not null)
            {
                var normalised = ReferenceIdentity.NormaliseDoi(doi);
                query = query.Where(r => r.Doi == normalised);
            }
            if (!string.IsNullOrWhiteSpace(q))
                query = query.Where(r => EF.Functions.ILike(r.Citation, "%" + q.Trim() + "%"));
            var list = await query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => new ReferenceView(r.Id, r.Doi, r.Pmid, r.Citation)).ToListAsync(ct);
            return Paging.Of(list, page, pageSize);
        }).WithSummary("References, by DOI (any form) or by words of the citation");
        references.MapGet("/{referenceId:guid}", async (Guid referenceId, IDbContextFactory<AppDbContext> factory, CancellationToken ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.References.AsNoTracking().Where(r => r.Id == referenceId).Select(r => new ReferenceView(r.Id, r.Doi, r.Pmid, r.Citation)).SingleOrDefaultAsync(ct)
                   ?? throw new NotFoundException($"Reference {referenceId} not found.");
        }).WithSummary("One reference");
        references.MapPost("/", (ReferenceRequest body, ReferenceService s, CancellationToken ct) =>
            s.GetOrCreateAsync(body.Doi, body.Pmid, body.Citation, ct)).WithSummary("The one reference for a DOI / PMID / citation, created when missing");
    }
}

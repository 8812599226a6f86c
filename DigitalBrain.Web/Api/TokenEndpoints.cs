using System.Security.Claims;
using DigitalBrain.Core.Tokens;
using DigitalBrain.Web.Accounts;
using DigitalBrain.Web.Security;

namespace DigitalBrain.Web.Api;

public sealed record TokenRequest(string Name, DateTimeOffset? ExpiresAt = null);

public sealed record MeView(string UserId, string UserName, string DisplayName, bool IsAdmin, string AuthenticatedBy);

/// <summary>The caller's own account view and personal API tokens.</summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (ClaimsPrincipal user) =>
        {
            var actor = user.Actor();
            return new MeView(actor.UserId, user.Identity?.Name ?? "", AppClaims.DisplayNameOf(user), actor.IsAdmin, user.Identity?.AuthenticationType ?? "");
        }).WithTags("Tokens").WithSummary("Who the caller is");
        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", (ClaimsPrincipal user, ApiTokenService s, CancellationToken ct) => s.ListAsync(user.Actor(), ct))
            .WithSummary("The caller's tokens (never their secrets)");
        tokens.MapPost("/", async (TokenRequest body, ClaimsPrincipal user, ApiTokenService s, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(user.Actor(), body.Name, body.ExpiresAt, ct);
            SecurityLog.TokenCreated(loggers.CreateLogger(SecurityLog.Category), user.Actor().UserId, created.View.Id, created.View.Name);
            return Results.Created($"{ApiHosting.Prefix}/tokens/{created.View.Id}", created);
        }).WithSummary("Create a token; its text is shown in this answer only");
        tokens.MapDelete("/{tokenId:guid}", async (Guid tokenId, ClaimsPrincipal user, ApiTokenService s, ILoggerFactory loggers, CancellationToken ct) =>
        {
            await s.RevokeAsync(user.Actor(), tokenId, ct);
            SecurityLog.TokenRevoked(loggers.CreateLogger(SecurityLog.Category), user.Actor().UserId, tokenId);
            return Results.NoContent();
        }).WithSummary("Revoke a token");
    }
}

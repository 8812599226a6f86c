using System.Security.Claims;
using System.Text.Encodings.Web;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Tokens;
using DigitalBrain.Web.Accounts;
using DigitalBrain.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DigitalBrain.Web.Api;

public static class ApiAuthentication
{
    /// <summary>Personal API tokens sent as <c>Authorization: Bearer db_…</c>.</summary>
    public const string TokenScheme = "ApiToken";

    /// <summary>What the API authenticates with: the token when a Bearer header is present, else the
    /// browser's cookie. Challenges and refusals always answer as the token scheme does (401/403
    /// problem details), never with a redirect to the login page.</summary>
    public const string ApiScheme = "ApiTokenOrCookie";

    public const string Policy = "api";

    public static void AddApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(TokenScheme, null)
            .AddPolicyScheme(ApiScheme, "API token or cookie", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? TokenScheme
                        : IdentityConstants.ApplicationScheme;
                options.ForwardChallenge = TokenScheme;
                options.ForwardForbid = TokenScheme;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser());
    }

    /// <summary>The actor the services check: the signed-in user, admin when in the global admin role.</summary>
    public static Actor Actor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authenticated API user has an id."),
            user.IsInRole(AppRoles.Admin));
}

/// <summary>Authenticates a Bearer API token and builds the same principal a cookie sign-in
/// would (roles, display name), so authorization is identical for browser and API calls.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private readonly ILogger _security = logger.CreateLogger(SecurityLog.Category);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var userId = await tokens.AuthenticateAsync(header[7..].Trim(), Context.RequestAborted);
        var ip = Context.Connection.RemoteIpAddress?.ToString();
        if (userId is null || await users.FindByIdAsync(userId) is not { } user)
        {
            SecurityLog.TokenRejected(_security, Request.Method, Request.Path, ip);
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }
        SecurityLog.TokenUsed(_security, user.Id, Request.Method, Request.Path, ip);
        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "Sign in, or send a personal API token as 'Authorization: Bearer db_…'.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context);
}

using System.Security.Claims;
using DigitalBrain.Core.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DigitalBrain.Web.Accounts;

/// <summary>POST /account/logout. A form post, never a GET: a link or an image on another site
/// must not be able to log someone out. The form carries the antiforgery token, which the
/// antiforgery middleware checks for every form-bound minimal API endpoint.</summary>
public static class LogoutEndpoint
{
    public const string Path = "/account/logout";

    public static IEndpointConventionBuilder MapLogout(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync);

    private static async Task<RedirectHttpResult> HandleAsync(HttpContext context, ClaimsPrincipal user,
        SignInManager<AppUser> signInManager, [FromForm] string? returnUrl)
    {
        if (signInManager.IsSignedIn(user))
            await signInManager.SignOutAsync();
        var request = context.Request;
        var baseUri = $"{request.Scheme}://{request.Host}{request.PathBase}/";
        return TypedResults.LocalRedirect("~/" + IdentityRedirectManager.LocalPath(returnUrl, baseUri));
    }
}

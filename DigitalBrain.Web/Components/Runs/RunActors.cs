using System.Security.Claims;
using DigitalBrain.Core.Models;
using DigitalBrain.Web.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace DigitalBrain.Web.Components.Runs;

/// <summary>The signed-in user as Core's services know them; an anonymous visitor is an actor with
/// no id, who sees public models only.</summary>
public static class RunActors
{
    public static async Task<Actor> CurrentAsync(AuthenticationStateProvider auth)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.IsInRole(AppRoles.Admin));
    }
}

using System.Security.Claims;
using DigitalBrain.Core.Models;
using DigitalBrain.Web.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace DigitalBrain.Web.Components.Curation;

/// <summary>The signed-in user as the Core services want them: Identity puts the user id in the
/// name-identifier claim and the global admin role in a role claim.</summary>
public static class CurrentActor
{
    public static async Task<Actor> FromAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
                 ?? throw new InvalidOperationException("The page needs a signed-in user.");
        return new Actor(id, user.IsInRole(AppRoles.Admin));
    }
}

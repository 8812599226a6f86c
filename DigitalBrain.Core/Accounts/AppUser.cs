using Microsoft.AspNetCore.Identity;

namespace DigitalBrain.Core.Accounts;

/// <summary>A researcher's account. Roles inside a model live in model memberships, not here.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

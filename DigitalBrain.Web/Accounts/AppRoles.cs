namespace DigitalBrain.Web.Accounts;

/// <summary>Global roles. Roles inside a BrainModel (viewer, curator, owner) are memberships,
/// not Identity roles.</summary>
public static class AppRoles
{
    public const string Admin = "admin";
}

namespace DigitalBrain.Web.Accounts;

public static class AppClaims
{
    /// <summary>The name people chose to be shown by, put into the auth cookie at sign-in so the
    /// layout needs no database round trip to greet them.</summary>
    public const string DisplayName = "digitalbrain:display_name";

    public static string DisplayNameOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
}

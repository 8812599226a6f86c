using System.Globalization;

namespace DigitalBrain.Web.Components.Tokens;

/// <summary>The lifetimes offered when creating a token, and how token times are shown.</summary>
public static class TokenExpiry
{
    /// <summary>Days until expiry; 0 is "never".</summary>
    public static readonly (int Days, string Label)[] Choices = [(0, "never"), (30, "30 days"), (90, "90 days"), (365, "1 year")];

    public static DateTimeOffset? From(int days, DateTimeOffset now) => days > 0 ? now.AddDays(days) : null;

    public static string Time(DateTimeOffset? at, string none = "—") =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : none;

    public static string Status(ApiTokenStatus status) => status switch
    {
        ApiTokenStatus.Active => "active",
        ApiTokenStatus.Expired => "expired",
        _ => "revoked",
    };

    public static ApiTokenStatus StatusOf(DigitalBrain.Core.Tokens.ApiTokenView token, DateTimeOffset now) =>
        token.RevokedAt is not null ? ApiTokenStatus.Revoked
        : token.ExpiresAt <= now ? ApiTokenStatus.Expired
        : ApiTokenStatus.Active;
}

public enum ApiTokenStatus
{
    Active,
    Expired,
    Revoked,
}

using DigitalBrain.Core.Accounts;

namespace DigitalBrain.Core.Tokens;

/// <summary>A personal API token. Only its SHA-256 hash is stored; <see cref="Prefix"/> (the
/// first characters of the token, shown to its owner) finds the row without scanning hashes.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public string Name { get; set; } = "";
    /// <summary>"db_" and the first 8 characters of the random part: unique, not secret.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 of the whole token text (32 bytes).</summary>
    public byte[] Hash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

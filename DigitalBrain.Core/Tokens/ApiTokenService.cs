using System.Security.Cryptography;
using System.Text;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Core.Tokens;

/// <summary>A token as its owner sees it (never the secret, except once at creation).</summary>
public sealed record ApiTokenView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The token text, shown once, and its stored description.</summary>
public sealed record CreatedApiToken(string Token, ApiTokenView View);

/// <summary>Personal API tokens: <c>db_</c> + 32 random bytes in base64url (256 bits, so a plain
/// SHA-256 is enough; no salt or slow hash is needed as for passwords). Users create and revoke
/// their own tokens; a token acts with its user's rights.</summary>
public sealed class ApiTokenService(IDbContextFactory<AppDbContext> factory)
{
    public const string Scheme = "db_";
    private const int PrefixLength = 8;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiToken> CreateAsync(Actor actor, string name, DateTimeOffset? expiresAt = null, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(new("name", "required", "Give the token a name (what it is for)."));
        else if (name.Trim().Length > 100)
            errors.Add(new("name", "max-length", "name is limited to 100 characters."));
        if (expiresAt is { } expiry && expiry <= DateTimeOffset.UtcNow)
            errors.Add(new("expiresAt", "future", "expiresAt must lie in the future."));
        ValidationException.ThrowIfAny(errors);

        for (var attempt = 0; ; attempt++)
        {
            var token = Scheme + Base64Url(RandomNumberGenerator.GetBytes(32));
            var row = new ApiToken
            {
                Id = Guid.NewGuid(), UserId = actor.UserId, Name = name.Trim(), Prefix = PrefixOf(token)!,
                Hash = SHA256.HashData(Encoding.ASCII.GetBytes(token)), CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = expiresAt,
            };
            await using var db = await factory.CreateDbContextAsync(ct);
            db.ApiTokens.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return new CreatedApiToken(token, View(row));
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 3)
            {
                // Two tokens sharing 48 prefix bits: draw again.
            }
        }
    }

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    /// <summary>Revokes one of the actor's own tokens (admins: anyone's). Revoking twice is harmless.</summary>
    public async Task RevokeAsync(Actor actor, Guid tokenId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && (t.UserId == actor.UserId || actor.IsAdmin), ct)
                    ?? throw new NotFoundException($"Token {tokenId} not found.");
        token.RevokedAt ??= DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The user id a presented token acts for, or null when it is unknown, revoked or expired.</summary>
    public async Task<string?> AuthenticateAsync(string token, CancellationToken ct = default)
    {
        if (PrefixOf(token) is not { } prefix)
            return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Prefix == prefix, ct);
        if (row is null || !CryptographicOperations.FixedTimeEquals(row.Hash, SHA256.HashData(Encoding.ASCII.GetBytes(token))))
            return null;
        var now = DateTimeOffset.UtcNow;
        if (row.RevokedAt is not null || row.ExpiresAt <= now)
            return null;
        if (row.LastUsedAt is null || now - row.LastUsedAt > LastUsedResolution)
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return row.UserId;
    }

    /// <summary>Null when the text is not shaped like a token (wrong scheme or length, non-ASCII).</summary>
    internal static string? PrefixOf(string token) =>
        token.Length == Scheme.Length + 43 && token.StartsWith(Scheme, StringComparison.Ordinal) && token.All(char.IsAscii)
            ? token[..(Scheme.Length + PrefixLength)]
            : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiTokenView View(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}

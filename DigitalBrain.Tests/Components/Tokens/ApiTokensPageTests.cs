using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Bunit;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Tokens;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Web.Components.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalBrain.Tests.Components.Tokens;

/// <summary>The tokens page's logic against the real <see cref="ApiTokenService"/> on a fresh database.</summary>
public sealed class ApiTokensPageTests(PostgresFixture postgres) : MudComponentTest
{
    private const string UserId = "token-page-user";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<IDbContextFactory<Core.Data.AppDbContext>> SignedInAsync()
    {
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("tokpage"));
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.Users.Add(new AppUser { Id = UserId, UserName = "tina", NormalizedUserName = "TINA", Email = "tina@example.org", SecurityStamp = "s" });
            await db.SaveChangesAsync(Ct);
        }
        Services.AddSingleton(new ApiTokenService(factory));
        var auth = AddAuthorization();
        auth.SetAuthorized("tina");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId));
        return factory;
    }

    [Fact]
    public async Task A_token_without_a_name_is_refused_at_the_name_field_and_nothing_is_stored()
    {
        var factory = await SignedInAsync();
        var cut = RenderInteractiveWithPopovers<ApiTokensPage>();
        cut.WaitForElement("[data-testid=tokens-empty]");

        cut.Find("[data-testid=create-token]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Give the token a name", cut.Find("[data-testid=token-form]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=token-secret]"));
        await using var db = await factory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.ApiTokens.CountAsync(Ct));
    }

    [Fact]
    public async Task The_secret_is_shown_once_only_its_hash_is_stored_and_revoking_needs_a_second_click()
    {
        var factory = await SignedInAsync();
        var cut = RenderInteractiveWithPopovers<ApiTokensPage>();
        cut.WaitForElement("[data-testid=tokens-empty]");

        cut.Find("[data-testid=token-form] input").Change("notebook");
        cut.Find("[data-testid=create-token]").Click();

        var secret = cut.WaitForElement("[data-testid=token-secret]").TextContent.Trim();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var row = await db.ApiTokens.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("notebook", UserId), (row.Name, row.UserId));
        Assert.Null(row.ExpiresAt);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), row.Hash);
        cut.WaitForAssertion(() => Assert.Equal("notebook", cut.Find("[data-testid=token-row-name]").TextContent.Trim()));
        var table = cut.Find("[data-testid=tokens-table]").TextContent;
        Assert.Contains(row.Prefix + "…", table, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, table, StringComparison.Ordinal);

        cut.Find("[data-testid=revoke-token]").Click();
        cut.WaitForElement("[data-testid=confirm-revoke]");
        Assert.Null((await db.ApiTokens.AsNoTracking().SingleAsync(Ct)).RevokedAt);
        cut.Find("[data-testid=confirm-revoke]").Click();

        cut.WaitForAssertion(() => Assert.Equal("revoked", cut.Find("[data-testid=token-status]").TextContent.Trim()));
        Assert.NotNull((await db.ApiTokens.AsNoTracking().SingleAsync(Ct)).RevokedAt);
        Assert.Empty(cut.FindAll("[data-testid=token-secret]"));
        Assert.Null(await new ApiTokenService(factory).AuthenticateAsync(secret, Ct));
    }

    [Fact]
    public void Expiry_choices_turn_into_dates_and_statuses()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        Assert.Null(TokenExpiry.From(0, now));
        Assert.Equal(now.AddDays(90), TokenExpiry.From(90, now));
        ApiTokenView Token(DateTimeOffset? expires, DateTimeOffset? revoked) => new(Guid.NewGuid(), "t", "db_abcdefgh", now, expires, null, revoked);
        Assert.Equal(ApiTokenStatus.Active, TokenExpiry.StatusOf(Token(null, null), now));
        Assert.Equal(ApiTokenStatus.Active, TokenExpiry.StatusOf(Token(now.AddSeconds(1), null), now));
        Assert.Equal(ApiTokenStatus.Expired, TokenExpiry.StatusOf(Token(now, null), now));
        Assert.Equal(ApiTokenStatus.Revoked, TokenExpiry.StatusOf(Token(now.AddDays(1), now), now));
        Assert.Equal("2026-11-24 12:00 UTC", TokenExpiry.Time(now));
        Assert.Equal("never", TokenExpiry.Time(null, "never"));
    }
}

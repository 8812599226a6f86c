using System.Buffers.Binary;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalBrain.Tests.Accounts;

public sealed class AccountSecurityTests
{
    private static ServiceProvider BuildAccountServices()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddDigitalBrainAccounts();
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void Passwords_need_twelve_characters_and_no_composition_rules_and_lockout_is_on()
    {
        using var services = BuildAccountServices();
        var options = services.GetRequiredService<IOptions<IdentityOptions>>().Value;

        Assert.Equal(12, options.Password.RequiredLength);
        Assert.False(options.Password.RequireDigit);
        Assert.False(options.Password.RequireLowercase);
        Assert.False(options.Password.RequireUppercase);
        Assert.False(options.Password.RequireNonAlphanumeric);
        Assert.True(options.Lockout.AllowedForNewUsers);
        Assert.Equal(5, options.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Lockout.DefaultLockoutTimeSpan);
        Assert.False(options.SignIn.RequireConfirmedAccount);
    }

    [Fact]
    public void Stored_hashes_are_pbkdf2_sha512_with_at_least_210000_iterations()
    {
        using var services = BuildAccountServices();
        var hasher = services.GetRequiredService<IPasswordHasher<AppUser>>();

        var hash = Convert.FromBase64String(hasher.HashPassword(new AppUser(), "correct horse battery"));

        // Identity V3 layout: 0x01, PRF (uint32 BE; 2 = HMAC-SHA512), iteration count (uint32 BE), ...
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1, 4)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)) >= 210_000);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new AppUser(), Convert.ToBase64String(hash), "correct horse battery"));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("models/3", "models/3")]
    [InlineData("/models/3?tab=a", "models/3?tab=a")]
    [InlineData("http://app.test/models/3", "models/3")]
    [InlineData("https://evil.example/phish", "")]
    [InlineData("//evil.example/phish", "")]
    [InlineData("/\\evil.example", "")]
    [InlineData("javascript:alert(1)", "")]
    public void Return_urls_stay_inside_the_app(string? returnUrl, string expected) =>
        Assert.Equal(expected, IdentityRedirectManager.LocalPath(returnUrl, "http://app.test/"));
}

using Microsoft.AspNetCore.Identity;

namespace DigitalBrain.Web.Accounts;

/// <summary>The account security policy in one place: what the login and register pages enforce
/// and what the README promises.</summary>
public static class AccountSecurity
{
    /// <summary>Length is what makes a password hard to guess; composition rules mostly make
    /// people write them down (NIST SP 800-63B §5.1.1.2), so there are none.</summary>
    public const int MinimumPasswordLength = 12;

    public const int MaxFailedAccessAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Identity's V3 hashes use PBKDF2-HMAC-SHA512; OWASP's password storage cheat sheet
    /// asks for at least 210,000 iterations of that (the framework default is 100,000).</summary>
    public const int Pbkdf2Iterations = 210_000;

    public static void Apply(IdentityOptions options)
    {
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;

        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;

        // No e-mail is sent by this app, so an account cannot be "confirmed".
        options.SignIn.RequireConfirmedAccount = false;
        options.SignIn.RequireConfirmedEmail = false;
        options.User.RequireUniqueEmail = true;
    }

    public static void Apply(PasswordHasherOptions options)
    {
        options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
        options.IterationCount = Pbkdf2Iterations;
    }
}

using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Infrastructure;
using DigitalBrain.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace DigitalBrain.Web.Accounts;

/// <summary>Creates the global <c>admin</c> role and, when <c>DigitalBrain:Admin:Email</c> and
/// <c>DigitalBrain:Admin:Password</c> are set, the first administrator. Idempotent: an existing
/// account keeps its password (it may have been changed since) and only gains the role.</summary>
public sealed class FirstAdminSeeder(IServiceScopeFactory scopeFactory, IConfiguration configuration, ILogger<FirstAdminSeeder> logger, ILoggerFactory loggers) : IStartupSeeder
{
    private readonly ILogger _security = loggers.CreateLogger(SecurityLog.Category);

    public const string EmailKey = "DigitalBrain:Admin:Email";
    public const string PasswordKey = "DigitalBrain:Admin:Password";
    public const string DisplayNameKey = "DigitalBrain:Admin:DisplayName";

    public async Task SeedAsync(CancellationToken ct)
    {
        // Seeders run from the root provider at start; Identity's managers are scoped.
        await using var scope = scopeFactory.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AppRoles.Admin))
            Check(await roles.CreateAsync(new IdentityRole(AppRoles.Admin)), "create the admin role");

        var email = configuration[EmailKey];
        var password = configuration[PasswordKey];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            logger.LogInformation("No first admin configured ({EmailKey}, {PasswordKey} unset): skipped", EmailKey, PasswordKey);
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = email,
                Email = email,
                DisplayName = configuration[DisplayNameKey] is { Length: > 0 } name ? name : "Administrator",
            };
            Check(await users.CreateAsync(user, password), $"create the first admin {email}");
            logger.LogInformation("Created the first admin {Email}", email);
        }
        if (!await users.IsInRoleAsync(user, AppRoles.Admin))
        {
            Check(await users.AddToRoleAsync(user, AppRoles.Admin), $"make {email} an admin");
            SecurityLog.GlobalRoleGranted(_security, email, AppRoles.Admin);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        // A misconfigured admin (say, a too-short password) must stop the start loudly, not leave
        // an installation nobody can administer.
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}

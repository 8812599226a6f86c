using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Infrastructure;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalBrain.Tests.Accounts;

public sealed class FirstAdminSeederTests(PostgresFixture postgres)
{
    private const string Email = "root@example.org";

    private static WebApplication BuildApp(string connectionString, string? email, string? password)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var settings = new Dictionary<string, string?>();
        if (email is not null)
            settings[FirstAdminSeeder.EmailKey] = email;
        if (password is not null)
            settings[FirstAdminSeeder.PasswordKey] = password;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDbContextFactory<AppDbContext>(options => options.UseNpgsql(connectionString));
        builder.AddDigitalBrainAccounts();
        return builder.Build();
    }

    private static Task SeedAsync(WebApplication app) =>
        app.Services.GetServices<IStartupSeeder>().OfType<FirstAdminSeeder>().Single().SeedAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Seeding_twice_creates_one_admin_and_keeps_a_password_changed_in_between()
    {
        var cs = await postgres.CreateDatabaseAsync();
        await using (var first = BuildApp(cs, Email, "first admin password"))
            await SeedAsync(first);
        await using (var scope = BuildApp(cs, null, null))
        {
            await using var services = scope.Services.CreateAsyncScope();
            var users = services.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByEmailAsync(Email);
            Assert.NotNull(admin);
            Assert.True((await users.ChangePasswordAsync(admin, "first admin password", "changed by the admin")).Succeeded);
        }

        await using (var second = BuildApp(cs, Email, "first admin password"))
            await SeedAsync(second);

        await using var check = BuildApp(cs, null, null);
        await using var checkScope = check.Services.CreateAsyncScope();
        var manager = checkScope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = Assert.Single(manager.Users.ToList());
        Assert.Equal(Email, user.Email);
        Assert.Equal("Administrator", user.DisplayName);
        Assert.True(await manager.IsInRoleAsync(user, AppRoles.Admin));
        Assert.True(await manager.CheckPasswordAsync(user, "changed by the admin"));
        await using var db = PostgresFixture.CreateContext(cs);
        Assert.Equal(1, await db.Roles.CountAsync(r => r.Name == AppRoles.Admin, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_configuration_only_the_admin_role_is_created()
    {
        var cs = await postgres.CreateDatabaseAsync();
        await using var app = BuildApp(cs, null, null);

        await SeedAsync(app);

        await using var db = PostgresFixture.CreateContext(cs);
        Assert.Empty(await db.Users.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([AppRoles.Admin], await db.Roles.Select(r => r.Name).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_configured_password_that_breaks_the_policy_stops_the_start_with_the_reason()
    {
        var cs = await postgres.CreateDatabaseAsync();
        await using var app = BuildApp(cs, Email, "too short");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(app));

        Assert.Contains(Email, error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 12 characters", error.Message, StringComparison.Ordinal);
    }
}

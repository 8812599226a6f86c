using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace DigitalBrain.Web.Accounts;

/// <summary>ASP.NET Core Identity on the app's PostgreSQL database, cookie sign-in, and the
/// authentication state the interactive circuits see.</summary>
public static class AccountsRegistration
{
    public const string LoginPath = "/account/login";
    public const string RegisterPath = "/account/register";
    public const string AccessDeniedPath = "/account/access-denied";

    public static WebApplicationBuilder AddDigitalBrainAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutEndpoint.Path;
            options.AccessDeniedPath = AccessDeniedPath;
            options.Cookie.Name = "DigitalBrain.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        services.AddIdentityCore<AppUser>(AccountSecurity.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AuditingSignInManager>()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.Configure<PasswordHasherOptions>(AccountSecurity.Apply);

        services.AddSingleton<IStartupSeeder, FirstAdminSeeder>();
        return builder;
    }

    public static WebApplication MapDigitalBrainAccounts(this WebApplication app)
    {
        app.MapLogout();
        return app;
    }
}

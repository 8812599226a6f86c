using DigitalBrain.Core.Data;
using DigitalBrain.Web.Accounts;
using DigitalBrain.Web.Components;
using DigitalBrain.Web.Components.Shell;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace DigitalBrain.Web.Hosting;

/// <summary>Composition root: what the app registers and how it answers requests.</summary>
public static class DigitalBrainHosting
{
    public static WebApplicationBuilder AddDigitalBrain(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseBootstrap.ConnectionStringName)!;
        builder.Services.AddDbContextFactory<AppDbContext>(options => options.UseNpgsql(connectionString,
            npgsql => npgsql.EnableRetryOnFailure()));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddDigitalBrainShell();
        builder.AddDigitalBrainAccounts();
        return builder;
    }

    public static WebApplication UseDigitalBrain(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseDigitalBrainStatusPages();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapDigitalBrainAccounts();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("DigitalBrain listening on {Urls}", string.Join(", ", app.Urls)));
        return app;
    }
}

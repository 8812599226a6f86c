using DigitalBrain.Core.Data;
using DigitalBrain.Web.Accounts;
using DigitalBrain.Web.Api;
using DigitalBrain.Web.Components;
using DigitalBrain.Web.Components.Import;
using DigitalBrain.Web.Components.Shell;
using DigitalBrain.Web.Live;
using DigitalBrain.Web.Runs;
using DigitalBrain.Web.Versions;
using DigitalBrain.Web.Security;
using Microsoft.AspNetCore.DataProtection;
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
            DatabaseRetry.Configure));
        builder.Services.AddDataProtection().SetApplicationName("DigitalBrain").PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddDigitalBrainCore();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<ChangeListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeListener>());
        builder.Services.AddSimulationQueue(builder.Configuration);
        builder.AddDigitalBrainShell();
        builder.AddDigitalBrainAccounts();
        builder.AddDigitalBrainApi();
        builder.Services.AddDigitalBrainSecurity(builder.Configuration);
        return builder;
    }

    public static WebApplication UseDigitalBrain(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("DigitalBrain ({Role}) listening on {Urls}", NodeRoleConfiguration.Read(app.Configuration), string.Join(", ", app.Urls)));
        if (NodeRoleConfiguration.Read(app.Configuration) == NodeRole.Worker)
            return app; // a worker serves its health check and runs jobs, nothing else

        app.UseDigitalBrainSecurity();
        app.UseDigitalBrainStatusPages();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSimulationQueueDashboard();
        app.MapSpikeDownload();
        app.MapDigitalBrainAccounts();
        app.MapDigitalBrainApi();
        app.MapModelDownloads();
        app.MapVersionDownloads();
        // Our own CSP carries frame-ancestors 'none'; Blazor's second CSP header ('self') would only add noise.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}

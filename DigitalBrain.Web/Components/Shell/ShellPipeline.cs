using Microsoft.AspNetCore.Diagnostics;

namespace DigitalBrain.Web.Components.Shell;

public static class ShellPipeline
{
    /// <summary>Browser tests run DigitalBrain.Web.dll from the test project's output in the
    /// "Testing" environment, where ASP.NET Core does not turn on static web assets by itself (only
    /// Development does): without this, MudBlazor's CSS/JS and blazor.web.js would be 404s there.
    /// Published output has no runtime manifest, and this is never reached in production.</summary>
    public static WebApplicationBuilder AddDigitalBrainShell(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsEnvironment("Testing"))
            builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>The 404 page for unknown addresses, for GET and HEAD only: a re-executed POST would
    /// be a second form post to the status page, which the antiforgery check rejects with an
    /// exception (and a refused logout must stay a plain 400).</summary>
    public static WebApplication UseDigitalBrainStatusPages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                statusPages.Enabled = false;
            return next(context);
        });
        return app;
    }
}

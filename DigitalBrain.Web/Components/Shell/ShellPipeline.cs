using Microsoft.AspNetCore.Diagnostics;

namespace DigitalBrain.Web.Components.Shell;

public static class ShellPipeline
{
    /// <summary>Serves static web assets (MudBlazor's CSS/JS, blazor.web.js, wwwroot) from build
    /// output outside Development too: <c>./run.sh</c> runs the built app in Production and the
    /// browser tests run it as "Testing", and ASP.NET Core turns static web assets on by itself only
    /// in Development. Published output has no runtime manifest, so there this does nothing.</summary>
    public static WebApplicationBuilder AddDigitalBrainShell(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
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

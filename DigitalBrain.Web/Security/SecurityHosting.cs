using DigitalBrain.Web.Hosting;

namespace DigitalBrain.Web.Security;

/// <summary>The web hardening in one place: error handling without stack traces, HTTPS, security
/// headers and rate limits, in the order they must run.</summary>
public static class SecurityHosting
{
    public static IServiceCollection AddDigitalBrainSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddDigitalBrainRateLimits(configuration);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }

    /// <summary>Development keeps the developer exception page (the framework adds it); everywhere
    /// else an exception becomes the /error page or, under /api, problem details with a trace id.
    /// HTTPS redirection only acts when the app knows an HTTPS port (an https endpoint or
    /// <c>HTTPS_PORT</c>); behind a TLS-terminating proxy configure forwarded headers instead.</summary>
    public static WebApplication UseDigitalBrainSecurity(this WebApplication app)
    {
        app.UseServerTiming();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        // Called here rather than left to the framework, which would put them first: then a 401 or
        // 403 would leave before the headers are set and before the rate limiter counts it.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}

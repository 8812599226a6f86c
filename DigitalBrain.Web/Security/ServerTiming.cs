using System.Diagnostics;
using System.Globalization;

namespace DigitalBrain.Web.Security;

/// <summary>
/// When <c>DigitalBrain:ServerTiming</c> is true, every response carries
/// <c>Server-Timing: app;dur=…</c>: milliseconds from the request entering the pipeline to its
/// headers going out (for a prerendered page, the whole render). The load driver reads it to
/// tell the server's share of a page load from the browser's. Off by default: it tells any
/// caller how long the server took.
/// </summary>
public static class ServerTiming
{
    public static IApplicationBuilder UseServerTiming(this WebApplication app)
    {
        if (!app.Configuration.GetValue("DigitalBrain:ServerTiming", false))
            return app;
        return app.Use((context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.Response.OnStarting(() =>
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                context.Response.Headers.Append("Server-Timing", string.Create(CultureInfo.InvariantCulture, $"app;dur={ms:0.0}"));
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using DigitalBrain.Web.Accounts;
using DigitalBrain.Web.Api;
using Microsoft.AspNetCore.RateLimiting;

namespace DigitalBrain.Web.Security;

/// <summary>One fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary><c>DigitalBrain:RateLimits</c>: log-in posts per client address, and API calls per
/// token (or signed-in user, or address when anonymous).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "DigitalBrain:RateLimits";

    /// <summary>Slows password guessing across accounts; lockout alone stops it per account only.</summary>
    public RateLimitWindow Login { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Twenty calls a second sustained per caller: far above a script importing and
    /// editing, low enough that one runaway client cannot starve everyone else.</summary>
    public RateLimitWindow Api { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>ASP.NET Core's rate limiter on the log-in form post and on <c>/api/v1</c>. A refusal is
/// 429 with <c>Retry-After</c> (seconds) and a problem details body, and is logged.</summary>
public static class RateLimits
{
    public static IServiceCollection AddDigitalBrainRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(AccountsRegistration.LoginPath, StringComparison.OrdinalIgnoreCase))
            return Window("login:" + RemoteIp(context), limits.Login);
        if (request.Path.StartsWithSegments(ApiHosting.Prefix, StringComparison.OrdinalIgnoreCase))
            return Window("api:" + ApiCaller(context), limits.Api);
        return RateLimitPartition.GetNoLimiter("none");
    }

    private static RateLimitPartition<string> Window(string key, RateLimitWindow window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = window.Window,
            QueueLimit = 0,
        });

    /// <summary>Each token is its own caller (a hash: the limiter's keys must not hold secrets);
    /// else the cookie user; else the address.</summary>
    private static string ApiCaller(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)), 0, 12);
        if (context.User.Identity?.IsAuthenticated == true && context.User.Identity.Name is { } name)
            return "user:" + name;
        return "ip:" + RemoteIp(context);
    }

    private static string RemoteIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
        var policy = context.Request.Path.StartsWithSegments(ApiHosting.Prefix, StringComparison.OrdinalIgnoreCase) ? "api" : "login";
        SecurityLog.RateLimited(logger, policy, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString());
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"Slow down: try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.")
            .ExecuteAsync(context);
    }
}

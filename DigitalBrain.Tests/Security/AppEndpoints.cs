using DigitalBrain.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace DigitalBrain.Tests.Security;

/// <summary>The app's endpoints as its own <see cref="EndpointDataSource"/>s list them: the app is
/// composed in this process exactly as Program.cs does (never started), so an endpoint added
/// anywhere shows up here. The composed app is kept, not disposed: composing it hands Hangfire's
/// process-wide log provider the app's LoggerFactory, and a disposed one would break every later
/// Hangfire client in this test process (its static filter providers log while they initialise).</summary>
internal static class AppEndpoints
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<WebApplication> Composed = [];

    public static Task<IReadOnlyList<(string Method, string Pattern)>> ListAsync(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(DigitalBrainHosting).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DigitalBrain"] = connectionString,
            ["DigitalBrain:Role"] = "web",
        });
        builder.AddDigitalBrain();
        var app = builder.Build();
        Composed.Add(app);
        app.UseDigitalBrain();
        IReadOnlyList<(string Method, string Pattern)> endpoints = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (m, e.RoutePattern.RawText ?? "")))
            .Distinct()
            .ToList();
        return Task.FromResult(endpoints);
    }
}

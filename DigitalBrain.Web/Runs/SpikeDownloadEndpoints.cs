using System.Globalization;
using System.Security.Claims;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Runs;
using DigitalBrain.Web.Accounts;

namespace DigitalBrain.Web.Runs;

/// <summary>
/// The full spikes of a finished run as gzip'd CSV, streamed from PostgreSQL by whichever instance
/// serves the request: <c>GET /runs/{id}/spikes.csv.gz</c> for the signed-in browser (the run
/// dashboard's button) and <c>GET /api/v1/runs/{id}/spikes</c> for API clients. Headers say what the
/// file holds: <c>X-Spike-Count</c> (spikes the engine recorded), <c>X-Spikes-Stored</c> (rows in
/// the file) and <c>X-Spikes-Truncated</c> (true when the per-run size cap cut the stored data).
/// </summary>
public static class SpikeDownloadEndpoints
{
    public const string TruncatedHeader = "X-Spikes-Truncated";
    public const string StoredHeader = "X-Spikes-Stored";
    public const string CountHeader = "X-Spike-Count";

    public static string BrowserPath(Guid runId) => $"/runs/{runId}/spikes.csv.gz";

    /// <summary>The browser route: cookie sign-in or anonymous (public models only), the same rule
    /// as the run dashboard.</summary>
    public static WebApplication MapSpikeDownload(this WebApplication app)
    {
        app.MapGet("/runs/{runId:guid}/spikes.csv.gz", async (Guid runId, ClaimsPrincipal user, RunSpikeDownload spikes, HttpContext http) =>
        {
            var actor = new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.IsInRole(AppRoles.Admin));
            try
            {
                return await SendAsync(actor, runId, spikes, http);
            }
            catch (NotFoundException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: ex.Message);
            }
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Answers 409 while the run has not succeeded; otherwise streams the file.</summary>
    public static async Task<IResult> SendAsync(Actor actor, Guid runId, RunSpikeDownload spikes, HttpContext http)
    {
        var info = await spikes.DescribeAsync(actor, runId, http.RequestAborted);
        if (!info.Available)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"The run is {info.Status.ToString().ToLowerInvariant()}; spikes can be downloaded once it has succeeded.");
        }
        var headers = http.Response.Headers;
        headers[CountHeader] = info.SpikeCount.ToString(CultureInfo.InvariantCulture);
        headers[StoredHeader] = info.StoredSpikes.ToString(CultureInfo.InvariantCulture);
        headers[TruncatedHeader] = info.Truncated ? "true" : "false";
        return Results.Stream(body => spikes.WriteCsvGzipAsync(runId, body, http.RequestAborted), "application/gzip",
            $"run-{runId}-spikes.csv.gz");
    }
}

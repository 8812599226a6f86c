using DigitalBrain.Web.Api;
using DigitalBrain.Web.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace DigitalBrain.Web.Hosting;

/// <summary>An unexpected failure inside <c>/api/v1</c> answers 500 problem details carrying only
/// a trace id; the exception goes to the log, never to the caller. Pages fall through to the
/// /error page.</summary>
internal sealed class ApiExceptionHandler(ILoggerFactory loggers) : IExceptionHandler
{
    private readonly ILogger _logger = loggers.CreateLogger(SecurityLog.Category);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at /error; the feature keeps the original.
        var path = context.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.Request.Path.Value ?? "";
        SecurityLog.Unhandled(_logger, exception, context.Request.Method, path, context.TraceIdentifier);
        if (!path.StartsWith(ApiHosting.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            return false;
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The server failed",
                detail: "Something went wrong on our side; nothing was written. Quote the trace id when you report it.",
                extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier })
            .ExecuteAsync(context);
        return true;
    }
}

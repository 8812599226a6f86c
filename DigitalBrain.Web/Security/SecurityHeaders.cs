using System.Security.Cryptography;

namespace DigitalBrain.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that Blazor Server, MudBlazor and
/// Plotly work under, nosniff, no framing (CSP frame-ancestors and, for old browsers,
/// X-Frame-Options), and a referrer policy that never sends paths to other sites.
/// </summary>
/// <remarks>
/// Scripts: only our own files, plus the inline import map Blazor renders (it carries the
/// per-request <see cref="Nonce"/>). No 'unsafe-eval': Blazor Server and the Plotly charts we
/// draw need none. Styles keep 'unsafe-inline': MudBlazor renders style attributes and Plotly
/// injects style elements; style injection cannot run script. connect-src 'self' covers the
/// circuit's WebSocket on the same origin.
/// </remarks>
public static class SecurityHeaders
{
    private const string NonceKey = "DigitalBrain.CspNonce";

    /// <summary>The nonce of this request's CSP, for the few inline scripts the framework renders.</summary>
    public static string Nonce(HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("The security headers middleware has not run.");

    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Hex, not base64: Razor would HTML-encode a "+" or "/" in the attribute, and the page and header would differ in text.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceKey] = nonce;
            // Set as the headers go out: the exception handler and the status pages clear the
            // response before they write theirs, which would drop headers set now.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
}

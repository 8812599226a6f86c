using System.Net;
using System.Text;
using Microsoft.AspNetCore.OpenApi;

namespace DigitalBrain.Web.Api;

/// <summary>A plain HTML list of the API's endpoints, rendered on the server from the OpenAPI
/// document (no script, no CDN: the app must work offline).</summary>
internal static class ApiDocsPage
{
    public const string Path = "/api";

    public static void MapApiDocsPage(this WebApplication app) =>
        app.MapGet(Path, async ([FromKeyedServices("v1")] IOpenApiDocumentProvider provider, CancellationToken ct) =>
        {
            var document = await provider.GetOpenApiDocumentAsync(ct);
            var html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>DigitalBrain API</title>
                <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}td,th{padding:.2rem .6rem;text-align:left;vertical-align:top}
                code{font-size:.95em}.m{font-weight:600;font-family:monospace}tr:nth-child(even){background:#f3f3f6}</style></head><body>
                <h1>DigitalBrain REST API (v1)</h1>
                <p>Authenticate with a personal API token: <code>Authorization: Bearer db_…</code> (create one with
                <code>POST /api/v1/tokens</code> while signed in), or call from the browser with your sign-in cookie.
                Errors are RFC 7807 problem details. Lists take <code>?page=</code> and <code>?pageSize=</code> (at most 500).
                The machine-readable description is <a href="/openapi/v1.json">/openapi/v1.json</a>.</p>
                <table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Tag</th></tr></thead><tbody>
                """);
            foreach (var (path, item) in document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                foreach (var (method, operation) in item.Operations ?? [])
                {
                    html.Append("<tr><td class=\"m\">").Append(WebUtility.HtmlEncode(method.Method)).Append("</td><td><code>")
                        .Append(WebUtility.HtmlEncode(path)).Append("</code></td><td>").Append(WebUtility.HtmlEncode(operation.Summary ?? ""))
                        .Append("</td><td>").Append(WebUtility.HtmlEncode(string.Join(", ", operation.Tags?.Select(t => t.Name) ?? [])))
                        .Append("</td></tr>\n");
                }
            }
            html.Append("</tbody></table></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).ExcludeFromDescription().AllowAnonymous();
}

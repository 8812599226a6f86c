using System.Net;
using DigitalBrain.Tests.Api;

namespace DigitalBrain.Tests.Security;

/// <summary>Issue 11 point 1 for the pages: every routed page × role, read from the prerendered
/// HTML a signed-in browser would get, and the Hangfire dashboard (admins only).</summary>
[Collection(ApiAppCollection.Name)]
public sealed class PageAccessMatrixTests(ApiAppFixture f)
{
    private const string Password = "page matrix passphrase";

    /// <summary>Page routes as the components declare them, with a concrete path. Model pages
    /// name the private model; Public pages are for everyone.</summary>
    private static readonly (string Route, string Path, bool ModelPage)[] Pages =
    [
        ("/", "/", false), ("/account/login", "/account/login", false), ("/account/register", "/account/register", false),
        ("/account/access-denied", "/account/access-denied", false), ("/error", "/error", false), ("/not-found", "/not-found", false),
        ("/models", "/models", false),
        ("/models/{ModelId:guid}", "/models/{m}", true), ("/models/{ModelId:guid}/structure", "/models/{m}/structure", true),
        ("/models/{ModelId:guid}/populations/{TargetId:guid}", "/models/{m}/populations/{p}", true),
        ("/models/{ModelId:guid}/projections/{TargetId:guid}", "/models/{m}/projections/{j}", true),
        ("/models/{ModelId:guid}/runs", "/models/{m}/runs", true), ("/runs/{RunId:guid}", "/runs/{run}", true),
        ("/models/{ModelId:guid}/versions", "/models/{m}/versions", true), ("/versions/{VersionId:guid}", "/versions/{v}", true),
        ("/models/{ModelId:guid}/coverage", "/models/{m}/coverage", true), ("/models/{ModelId:guid}/activity", "/models/{m}/activity", true),
        ("/models/{ModelId:guid}/import", "/models/{m}/import", true), ("/models/{ModelId:guid}/references", "/models/{m}/references", true),
        // Without run ids the compare page names no model; RunDashboardServiceTests cover its access rule.
        ("/models/{ModelId:guid}/runs/compare", "/models/{m}/runs/compare", false),
        ("/account/tokens", "/account/tokens", false), ("/references", "/references", false), ("/references/{ReferenceId:guid}", "/references/{x}", false),
    ];

    [Fact]
    public async Task Every_routed_page_has_a_row_in_the_page_table()
    {
        var routes = await AppEndpoints.ListAsync(f.ConnectionString);
        var pages = routes.Where(r => !r.Pattern.StartsWith("/api", StringComparison.Ordinal) && r.Method == "GET"
                                      && Pages.Any(p => p.Route == r.Pattern) == false && !NotPages(r.Pattern)).Select(r => r.Pattern).ToList();
        Assert.True(pages.Count == 0, "Routed pages without a row:\n" + string.Join("\n", pages));
        Assert.All(Pages, p => Assert.Contains(routes, r => r.Pattern == p.Route));
    }

    [Fact]
    public async Task Model_pages_show_a_private_model_to_its_members_only_and_the_hangfire_dashboard_to_admins_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var (otherCuratorId, _, _) = await MatrixSeed.UserAsync(f, Password);
        var (model, _, ids) = await MatrixSeed.ModelAsync(f, otherCuratorId);
        var name = (await f.Owner.GetJsonAsync(model.Path)).GetProperty("name").GetString()!;
        var users = new Dictionary<Role, HttpClient>();
        foreach (var (role, modelRole) in new[] { (Role.Viewer, "viewer"), (Role.Curator, "curator"), (Role.Owner, "owner"), (Role.Outsider, (string?)null) })
        {
            var (id, email, token) = await MatrixSeed.UserAsync(f, Password);
            if (modelRole is not null)
                await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{model.Path}/members/{id}", new { role = modelRole });
            else
                await f.Client(token).ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/models", new { name = "Outsider's model " + id });
            users[role] = await LoginForm.SignedInAsync(f.App.BaseAddress, email, Password);
        }
        users[Role.Admin] = await LoginForm.SignedInAsync(f.App.BaseAddress, ApiAppFixture.AdminEmail, "api admin passphrase");
        users[Role.Anonymous] = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = f.App.BaseAddress };

        var failures = new List<string>();
        foreach (var (role, client) in users)
        {
            foreach (var (_, template, modelPage) in Pages)
            {
                var path = ids(template);
                using var response = await client.GetAsync(path, ct);
                var html = await response.Content.ReadAsStringAsync(ct);
                var status = (int)response.StatusCode;
                // The run dashboard shows the run, not the model's name.
                var marker = template.StartsWith("/runs/", StringComparison.Ordinal) ? "data-testid=\"run-facts\"" : name;
                var verdict = (role, modelPage || template == "/models") switch
                {
                    (Role.Anonymous, true) => status == 302 && response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true
                        ? null : $"expected a redirect to the log-in page, got {status} {response.Headers.Location}",
                    (_, false) => status is 200 or 302 ? null : $"expected 200, got {status}",
                    (Role.Outsider, true) => status == 200 && !html.Contains(marker, StringComparison.Ordinal) ? null : $"{status}, the private model shown: {html.Contains(marker, StringComparison.Ordinal)}",
                    _ => status == 200 && html.Contains(marker, StringComparison.Ordinal) ? null : $"expected 200 showing the model, got {status}",
                };
                if (verdict is not null && !(template == "/models" && role != Role.Anonymous && status == 200))
                    failures.Add($"{role,-10} {path}: {verdict}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Cookie downloads behind the pages' buttons: members get the file, another model's member
        // finds nothing, an anonymous caller is sent to log in (the spikes of a private model's run: 404).
        foreach (var (role, client) in users)
        {
            foreach (var template in Downloads)
            {
                using var response = await client.GetAsync(ids(template), ct);
                var status = (int)response.StatusCode;
                var spikes = template.StartsWith("/runs/", StringComparison.Ordinal);
                var ok = role switch
                {
                    Role.Anonymous => spikes ? status == 404 : status == 302,
                    Role.Outsider => status == 404,
                    _ => status == 200 || (spikes && status == 409), // 409: the seeded run has not finished
                };
                if (!ok)
                    failures.Add($"{role,-10} {template}: {status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        foreach (var (role, client) in users)
        {
            using var dashboard = await client.GetAsync("/hangfire", ct);
            var expected = role switch { Role.Admin => HttpStatusCode.OK, Role.Anonymous => HttpStatusCode.Unauthorized, _ => HttpStatusCode.Forbidden };
            Assert.True(dashboard.StatusCode == expected, $"{role} on /hangfire: {(int)dashboard.StatusCode}");
        }
    }

    private static readonly string[] Downloads =
    [
        "/versions/{v}/download/json", "/versions/{v}/download/pynest", "/models/{m}/export/entries.csv",
        "/models/{m}/export/entries.json", "/models/{m}/export/estimates.csv", "/runs/{run}/spikes.csv.gz",
    ];

    /// <summary>Routes that are not pages (downloads are checked above): health, the framework's own and Hangfire's, the API docs, the log-out post, static files.</summary>
    private static bool NotPages(string pattern) =>
        pattern.StartsWith("/_", StringComparison.Ordinal) || pattern.StartsWith("/hangfire", StringComparison.Ordinal)
        || pattern.StartsWith("/openapi", StringComparison.Ordinal) || pattern is "/healthz" or "/api" or "/account/logout" or "/versions/{versionId:guid}/download/{format}"
        || pattern.Contains('.', StringComparison.Ordinal) || pattern.Contains(":file}", StringComparison.Ordinal) || pattern.StartsWith("/js/", StringComparison.Ordinal);
}

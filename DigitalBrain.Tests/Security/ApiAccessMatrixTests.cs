using System.Net;
using DigitalBrain.Tests.Api;

namespace DigitalBrain.Tests.Security;

/// <summary>Issue 11 point 1 for the API: every endpoint × every role against a private model,
/// IDOR (another curator's entry by id; another model's member reading by id) and mass
/// assignment, with the endpoint list taken from the app itself.</summary>
[Collection(ApiAppCollection.Name)]
public sealed class ApiAccessMatrixTests(ApiAppFixture f)
{
    [Fact]
    public async Task Every_api_endpoint_of_the_app_has_a_row_in_the_access_table()
    {
        var endpoints = await AppEndpoints.ListAsync(f.ConnectionString);
        var api = endpoints.Where(e => e.Pattern.StartsWith("/api/v1", StringComparison.Ordinal)).ToList();
        Assert.True(api.Count >= 50, $"only {api.Count} API endpoints found");
        var rows = ApiAccessTable.Rows.Select(r => (r.Method, r.Pattern)).ToHashSet();
        var missing = api.Where(e => !rows.Contains(e)).Select(e => $"{e.Method} {e.Pattern}").ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in ApiAccessTable:\n" + string.Join("\n", missing));
        var stale = rows.Where(r => !api.Contains(r)).Select(r => $"{r.Method} {r.Pattern}").ToList();
        Assert.True(stale.Count == 0, "Rows for endpoints the app does not have:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Every_endpoint_allows_and_refuses_each_role_as_the_table_says()
    {
        var (otherCuratorId, _, otherToken) = await MatrixSeed.UserAsync(f, "matrix other curator");
        await f.Outsider.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/models", new { name = "Outsider's own " + otherCuratorId });
        var clients = new Dictionary<Role, HttpClient>
        {
            [Role.Anonymous] = f.Anonymous, [Role.Outsider] = f.Outsider, [Role.Viewer] = f.Viewer, [Role.Curator] = f.Curator,
            [Role.OtherCurator] = f.Client(otherToken), [Role.Owner] = f.Owner, [Role.Admin] = f.Admin,
        };
        var failures = new List<string>();
        var cells = 0;
        foreach (var (role, client) in clients)
        {
            // A fresh model per role: the owner's and admin's columns delete what they test.
            var (_, _, ids) = await MatrixSeed.ModelAsync(f, otherCuratorId);
            foreach (var row in ApiAccessTable.Rows)
            {
                var (status, _, text) = await client.SendAsync(new HttpMethod(row.Method), ids(row.Path), rawBody: row.Body is null ? null : ids(row.Body),
                    contentType: row.Body is { } b && !b.StartsWith('{') ? "text/plain" : "application/json");
                cells++;
                var expected = Expected(row, role);
                if (!Matches(expected, status, row))
                    failures.Add($"{role,-12} {row.Method,-6} {row.Path}: expected {expected}, got {(int)status} {Shorten(text)}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells wrong:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_curator_cannot_edit_delete_or_review_another_curators_entry_by_id()
    {
        var (otherCuratorId, _, otherToken) = await MatrixSeed.UserAsync(f, "matrix other curator");
        var other = f.Client(otherToken);
        var (_, entryId, _) = await MatrixSeed.ModelAsync(f, otherCuratorId);
        var entry = await f.Curator.GetJsonAsync($"/api/v1/entries/{entryId}");
        var version = entry.GetProperty("version").GetUInt32();

        await other.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/v1/entries/{entryId}",
            new { version, parameterKey = "tau_m", value = 99.0, citation = "hijack" });
        await other.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"/api/v1/entries/{entryId}?version={version}");
        await other.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/entries/{entryId}/review", new { version, state = "disputed" });
        await f.Curator.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/entries/{entryId}/review", new { version, state = "reviewed" });

        var after = await f.Curator.GetJsonAsync($"/api/v1/entries/{entryId}");
        Assert.Equal(10.0, after.GetProperty("value").GetDouble());
        Assert.Equal(version, after.GetProperty("version").GetUInt32());
        Assert.Equal("unreviewed", after.GetProperty("reviewState").GetString());
    }

    [Fact]
    public async Task A_member_of_another_model_cannot_read_a_private_models_entries_versions_or_runs_by_id()
    {
        var (otherCuratorId, _, _) = await MatrixSeed.UserAsync(f, "matrix other curator");
        var (_, entryId, ids) = await MatrixSeed.ModelAsync(f, otherCuratorId);
        var own = (await f.Outsider.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/models", new { name = "Outsider IDOR " + otherCuratorId })).Id();
        foreach (var path in new[] { "/api/v1/entries/{e}", "/api/v1/versions/{v}", "/api/v1/versions/{v}/export", "/api/v1/runs/{run}", "/api/v1/runs/{run}/results", "/api/v1/models/{m}/entries/{e}/history" })
            await f.Outsider.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, ids(path));
        // The entry's id through the outsider's own model: the history is filtered by model, so it tells nothing.
        var history = await f.Outsider.GetJsonAsync($"/api/v1/models/{own}/entries/{entryId}/history");
        Assert.Equal(0, history.GetArrayLength());
        var entries = await f.Outsider.GetJsonAsync($"/api/v1/models/{own}/entries");
        Assert.DoesNotContain(entryId.ToString(), entries.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_json_cannot_set_id_author_review_state_model_or_timestamps()
    {
        var (otherCuratorId, _, _) = await MatrixSeed.UserAsync(f, "matrix other curator");
        var (model, _, _) = await MatrixSeed.ModelAsync(f, otherCuratorId);
        var forgedId = Guid.NewGuid();
        var body = $$"""
            {"id":"{{forgedId}}","populationId":"{{model.Inhibitory}}","parameterKey":"tau_m","value":12,"citation":"mass assignment",
             "authorId":"{{ApiAppFixture.OwnerId}}","authorName":"Owner","createdBy":"{{ApiAppFixture.OwnerId}}","reviewState":"reviewed",
             "reviewedById":"{{ApiAppFixture.OwnerId}}","modelId":"{{Guid.NewGuid()}}","createdAt":"2000-01-01T00:00:00Z","version":424242}
            """;
        var created = await f.Curator.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{model.Path}/entries", rawBody: body);
        AssertNotForged(created, model, forgedId);

        var edit = body.Replace("424242", created.GetProperty("version").GetUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("\"value\":12", "\"value\":13", StringComparison.Ordinal);
        var edited = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/v1/entries/{created.Id()}", rawBody: edit);
        Assert.Equal(13.0, edited.GetProperty("value").GetDouble());
        Assert.Equal(created.Id(), edited.Id());
        AssertNotForged(edited, model, forgedId);
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), edited.GetProperty("createdAt").GetDateTimeOffset());
    }

    private static void AssertNotForged(System.Text.Json.JsonElement entry, TestModel model, Guid forgedId)
    {
        Assert.NotEqual(forgedId, entry.Id());
        Assert.Equal(ApiAppFixture.CuratorId, entry.GetProperty("authorId").GetString());
        Assert.Equal("unreviewed", entry.GetProperty("reviewState").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("reviewedById").ValueKind);
        Assert.Equal(model.ModelId, entry.GetProperty("modelId").GetGuid());
        Assert.True(entry.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
    }

    private enum Outcome { Allowed, Unauthorized401, Forbidden403, Hidden404 }

    private static Outcome Expected(ApiRow row, Role role)
    {
        if (role == Role.Anonymous)
            return Outcome.Unauthorized401;
        if (row.Need == Need.AnyUser)
            return Outcome.Allowed;
        if (row.Need == Need.Admin)
            return role == Role.Admin ? Outcome.Allowed : Outcome.Forbidden403;
        if (role == Role.Outsider)
            return row.ModelScoped ? Outcome.Hidden404 : Outcome.Forbidden403;
        var allowed = (role, row.Need) switch
        {
            (Role.Owner or Role.Admin, _) => true,
            (Role.Curator, Need.Viewer or Need.Curator or Need.Author) => true,
            (Role.OtherCurator, Need.Viewer or Need.Curator) => true,
            (Role.Viewer, Need.Viewer) => true,
            _ => false,
        };
        return allowed ? Outcome.Allowed : Outcome.Forbidden403;
    }

    /// <summary>Allowed: the call got past authorization: a success, or the service's own answer
    /// about the input (400 validation, 409 stale version or finished run, 422), or 404 where the
    /// path names an id nobody has.</summary>
    private static bool Matches(Outcome expected, HttpStatusCode status, ApiRow row) => expected switch
    {
        Outcome.Unauthorized401 => status == HttpStatusCode.Unauthorized,
        Outcome.Forbidden403 => status == HttpStatusCode.Forbidden,
        Outcome.Hidden404 => status == HttpStatusCode.NotFound,
        _ => (int)status is >= 200 and < 300 or 400 or 409 or 422 || (row.UnknownId && status == HttpStatusCode.NotFound),
    };

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}

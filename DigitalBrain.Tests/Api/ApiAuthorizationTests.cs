using System.Net;

namespace DigitalBrain.Tests.Api;

/// <summary>Table-driven: every endpoint refuses anonymous callers with 401, viewers on writes
/// with 403, and hides a private model from non-members with 404.</summary>
[Collection(ApiAppCollection.Name)]
public sealed class ApiAuthorizationTests(ApiAppFixture f)
{
    private static readonly Guid Any = Guid.NewGuid();

    /// <summary>(method, path with {m} model, {r} region, {l} layer, {p} population, {j} projection, {e} entry, body).</summary>
    private static readonly (string Method, string Path, string? Body)[] Endpoints =
    [
        ("GET", "/api/v1/me", null), ("GET", "/api/v1/tokens", null), ("POST", "/api/v1/tokens", """{"name":"x"}"""), ("DELETE", "/api/v1/tokens/{x}", null),
        ("GET", "/api/v1/models", null), ("POST", "/api/v1/models", """{"name":"x"}"""),
        ("GET", "/api/v1/models/{m}", null), ("PUT", "/api/v1/models/{m}", """{"name":"x"}"""), ("DELETE", "/api/v1/models/{m}", null),
        ("GET", "/api/v1/models/{m}/members", null), ("PUT", "/api/v1/models/{m}/members/api-outsider", """{"role":"viewer"}"""),
        ("DELETE", "/api/v1/models/{m}/members/api-curator", null),
        ("GET", "/api/v1/models/{m}/structure", null),
        ("GET", "/api/v1/models/{m}/regions", null), ("POST", "/api/v1/models/{m}/regions", """{"category":"Ctx","name":"M1"}"""),
        ("PUT", "/api/v1/models/{m}/regions/{r}", """{"category":"Ctx","name":"S1b"}"""), ("DELETE", "/api/v1/models/{m}/regions/{r}", null),
        ("POST", "/api/v1/models/{m}/regions/{r}/layers", """{"name":"L4"}"""), ("DELETE", "/api/v1/models/{m}/layers/{l}", null),
        ("GET", "/api/v1/models/{m}/populations", null),
        ("POST", "/api/v1/models/{m}/populations", """{"regionId":"{r}","name":"L4E","cellType":"","neuronModel":"iaf_psc_exp"}"""),
        ("PUT", "/api/v1/models/{m}/populations/{p}", """{"regionId":"{r}","name":"L23E","cellType":"","neuronModel":"iaf_psc_exp"}"""),
        ("DELETE", "/api/v1/models/{m}/populations/{p}", null),
        ("GET", "/api/v1/models/{m}/projections", null),
        ("POST", "/api/v1/models/{m}/projections", """{"sourcePopulationId":"{p}","targetPopulationId":"{p}","receptor":"excitatory"}"""),
        ("PUT", "/api/v1/models/{m}/projections/{j}", """{"sourcePopulationId":"{p}","targetPopulationId":"{p}","receptor":"excitatory"}"""),
        ("DELETE", "/api/v1/models/{m}/projections/{j}", null),
        ("GET", "/api/v1/parameters", null), ("GET", "/api/v1/parameters/tau_m", null), ("POST", "/api/v1/parameters", """{"key":"x_y"}"""),
        ("GET", "/api/v1/references", null), ("GET", "/api/v1/references/{x}", null), ("POST", "/api/v1/references", """{"citation":"x"}"""),
        ("POST", "/api/v1/references/import", "@article{a, title={x}}"),
        ("GET", "/api/v1/models/{m}/entries", null),
        ("POST", "/api/v1/models/{m}/entries", """{"populationId":"{p}","parameterKey":"tau_m","value":10,"citation":"x"}"""),
        ("GET", "/api/v1/models/{m}/entries/{e}/history", null),
        ("GET", "/api/v1/entries/{e}", null), ("PUT", "/api/v1/entries/{e}", """{"version":1,"parameterKey":"tau_m","value":11,"citation":"x"}"""),
        ("DELETE", "/api/v1/entries/{e}?version=1", null), ("POST", "/api/v1/entries/{e}/review", """{"version":1,"state":"reviewed"}"""),
        ("GET", "/api/v1/models/{m}/estimates", null),
        ("POST", "/api/v1/models/{m}/entries/import?format=csv&dryRun=false", "target,parameter,value,citation\nL23E,tau_m,12,x\n"),
        ("GET", "/api/v1/models/{m}/export.json", null), ("GET", "/api/v1/models/{m}/export/entries.csv", null),
        ("GET", "/api/v1/models/{m}/export/estimates.csv", null),
        ("POST", "/api/v1/models/{m}/versions", "{}"), ("GET", "/api/v1/models/{m}/versions", null),
        ("GET", "/api/v1/versions/{x}", null), ("GET", "/api/v1/versions/{x}/export", null),
        ("POST", "/api/v1/models/{m}/runs", """{"simulateMs":10}"""), ("GET", "/api/v1/models/{m}/runs", null),
        ("GET", "/api/v1/runs/{x}", null), ("POST", "/api/v1/runs/{x}/cancel", null), ("GET", "/api/v1/runs/{x}/results", null),
    ];

    [Fact]
    public async Task Every_endpoint_answers_401_problem_details_to_anonymous_callers_and_to_bad_tokens()
    {
        var ids = await SeedAsync();
        var forged = f.Client("db_" + new string('A', 43));
        foreach (var (method, path, body) in Endpoints)
        {
            foreach (var client in new[] { f.Anonymous, forged })
            {
                var (status, json, text) = await client.SendAsync(new HttpMethod(method), ids(path), rawBody: body is null ? null : ids(body));
                Assert.True(status == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)status} {text}");
                Assert.Equal(401, json.GetProperty("status").GetInt32());
            }
        }
    }

    [Fact]
    public async Task Viewers_get_403_on_every_model_write()
    {
        var ids = await SeedAsync();
        var writes = Endpoints.Where(e => e.Method != "GET" && e.Path.Contains("{m}", StringComparison.Ordinal) || e.Path.StartsWith("/api/v1/entries/", StringComparison.Ordinal) && e.Method != "GET");
        var checkedCount = 0;
        foreach (var (method, path, body) in writes)
        {
            var (status, _, text) = await f.Viewer.SendAsync(new HttpMethod(method), ids(path), rawBody: body is null ? null : ids(body));
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path}: {(int)status} {text}");
            checkedCount++;
        }
        Assert.True(checkedCount >= 20, $"only {checkedCount} writes checked");
        await f.Viewer.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/parameters", new { key = "viewer_param" });
    }

    [Fact]
    public async Task A_private_model_does_not_exist_for_non_members()
    {
        var ids = await SeedAsync();
        var modelScoped = Endpoints.Where(e => e.Path.Contains("{m}", StringComparison.Ordinal) || e.Path.Contains("{e}", StringComparison.Ordinal));
        foreach (var (method, path, body) in modelScoped)
        {
            var (status, _, text) = await f.Outsider.SendAsync(new HttpMethod(method), ids(path), rawBody: body is null ? null : ids(body));
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}: {(int)status} {text}");
        }
        var listed = await f.Outsider.GetJsonAsync("/api/v1/models?pageSize=500");
        Assert.DoesNotContain(ids("{m}"), listed.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>A fresh private model with one entry; returns the placeholder substitution.</summary>
    private async Task<Func<string, string>> SeedAsync()
    {
        var m = await TestModel.CreateAsync(f, "Authorization " + Guid.NewGuid().ToString("N")[..8]);
        var entry = await f.Curator.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{m.Path}/entries",
            new { populationId = m.Excitatory, parameterKey = "tau_m", value = 10.0, citation = "Auth test" });
        return text => text.Replace("{m}", m.ModelId.ToString(), StringComparison.Ordinal).Replace("{r}", m.RegionId.ToString(), StringComparison.Ordinal)
            .Replace("{l}", m.LayerId.ToString(), StringComparison.Ordinal).Replace("{p}", m.Excitatory.ToString(), StringComparison.Ordinal)
            .Replace("{j}", m.ProjectionId.ToString(), StringComparison.Ordinal).Replace("{e}", entry.Id().ToString(), StringComparison.Ordinal)
            .Replace("{x}", Any.ToString(), StringComparison.Ordinal);
    }
}

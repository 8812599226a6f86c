using System.Net;
using System.Text.Json;

namespace DigitalBrain.Tests.Api;

/// <summary>Every resource through the real app over HTTP with Bearer tokens.</summary>
[Collection(ApiAppCollection.Name)]
public sealed class ApiRoundTripTests(ApiAppFixture f)
{
    [Fact]
    public async Task Tokens_identify_their_user_and_stop_working_once_revoked()
    {
        var me = await f.Owner.GetJsonAsync("/api/v1/me");
        Assert.Equal(ApiAppFixture.OwnerId, me.GetProperty("userId").GetString());
        Assert.Equal("ApiToken", me.GetProperty("authenticatedBy").GetString());
        Assert.True((await f.Admin.GetJsonAsync("/api/v1/me")).GetProperty("isAdmin").GetBoolean());

        var created = await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/tokens", new { name = "script" });
        var token = created.GetProperty("token").GetString()!;
        Assert.Matches("^db_[A-Za-z0-9_-]{43}$", token);
        var client = f.Client(token);
        Assert.Equal(ApiAppFixture.OwnerId, (await client.GetJsonAsync("/api/v1/me")).GetProperty("userId").GetString());
        var list = await f.Owner.GetJsonAsync("/api/v1/tokens");
        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("prefix").GetString() == token[..11]);
        Assert.DoesNotContain(token, list.GetRawText(), StringComparison.Ordinal);

        await f.Outsider.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/v1/tokens/{created.GetProperty("view").Id()}");
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/tokens/{created.GetProperty("view").Id()}");
        var (status, _, _) = await client.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var (forged, _, _) = await f.Client(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')).SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
    }

    [Fact]
    public async Task Models_and_structure_round_trip()
    {
        var m = await TestModel.CreateAsync(f, "Structure round trip");
        var model = await f.Viewer.GetJsonAsync(m.Path);
        Assert.Equal("Structure round trip", model.GetProperty("name").GetString());
        Assert.Equal("viewer", model.GetProperty("myRole").GetString());
        var listed = await f.Curator.GetJsonAsync("/api/v1/models?pageSize=500");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), x => x.Id() == m.ModelId);

        await f.Owner.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, m.Path, new { name = "Renamed", description = "d", isPublic = false });
        Assert.Equal("Renamed", (await f.Owner.GetJsonAsync(m.Path)).GetProperty("name").GetString());
        var members = await f.Owner.GetJsonAsync($"{m.Path}/members");
        Assert.Equal(3, members.GetProperty("total").GetInt32());

        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{m.Path}/regions/{m.RegionId}", new { category = "Ctx", name = "S1", declaredLayerCount = 6 });
        var regions = await f.Viewer.GetJsonAsync($"{m.Path}/regions");
        var region = Assert.Single(regions.GetProperty("items").EnumerateArray());
        Assert.Equal(6, region.GetProperty("declaredLayerCount").GetInt32());
        Assert.Equal("L2/3", Assert.Single(region.GetProperty("layers").EnumerateArray()).GetProperty("name").GetString());

        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{m.Path}/populations/{m.Inhibitory}",
            new { regionId = m.RegionId, layerId = m.LayerId, name = "L23I", cellType = "basket", neuronModel = "iaf_psc_alpha" });
        var populations = (await f.Viewer.GetJsonAsync($"{m.Path}/populations")).GetProperty("items");
        Assert.Equal(["L23E", "L23I"], populations.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("iaf_psc_alpha", populations[1].GetProperty("neuronModel").GetString());

        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{m.Path}/projections/{m.ProjectionId}",
            new { sourcePopulationId = m.Excitatory, targetPopulationId = m.Inhibitory, receptor = "excitatory", connectionRule = "fixed_total_number" });
        var projection = Assert.Single((await f.Viewer.GetJsonAsync($"{m.Path}/projections")).GetProperty("items").EnumerateArray());
        Assert.Equal("fixed_total_number", projection.GetProperty("connectionRule").GetString());
        var structure = await f.Viewer.GetJsonAsync($"{m.Path}/structure");
        Assert.Equal(2, structure.GetProperty("populations").GetArrayLength());

        var duplicate = await f.Owner.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{m.Path}/populations",
            new { regionId = m.RegionId, name = "L23E", cellType = "x", neuronModel = "iaf_psc_exp" });
        Assert.Equal("unique", duplicate.GetProperty("rules")[0].GetProperty("rule").GetString());

        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{m.Path}/projections/{m.ProjectionId}");
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{m.Path}/populations/{m.Inhibitory}");
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{m.Path}/layers/{m.LayerId}");
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{m.Path}/regions/{m.RegionId}");
        Assert.Equal(0, (await f.Viewer.GetJsonAsync($"{m.Path}/populations")).GetProperty("total").GetInt32());
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, m.Path);
        await f.Owner.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, m.Path);
    }

    [Fact]
    public async Task Entries_round_trip_with_concurrency_review_history_and_estimates()
    {
        var m = await TestModel.CreateAsync(f, "Entries round trip");
        var added = await f.Curator.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{m.Path}/entries",
            new { populationId = m.Excitatory, parameterKey = "tau_m", value = 10.0, doi = "https://doi.org/10.1000/API.1", notes = "first" });
        var entryId = added.Id();
        Assert.Equal("10.1000/api.1", added.GetProperty("reference").GetProperty("doi").GetString());
        var second = await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{m.Path}/entries",
            new { populationId = m.Excitatory, parameterKey = "tau_m", value = 20.0, citation = "Someone (2020) A paper." });

        var read = await f.Viewer.GetJsonAsync($"/api/v1/entries/{entryId}");
        var version = read.GetProperty("version").GetUInt32();
        var edited = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/v1/entries/{entryId}",
            new { version, parameterKey = "tau_m", value = 12.0, doi = "10.1000/api.1" });
        Assert.Equal(12.0, edited.GetProperty("value").GetDouble());

        var conflict = await f.Curator.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/api/v1/entries/{entryId}",
            new { version, parameterKey = "tau_m", value = 99.0, doi = "10.1000/api.1" });
        Assert.Equal(12.0, conflict.GetProperty("current").GetProperty("value").GetDouble());

        var invalid = await f.Curator.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{m.Path}/entries",
            rawBody: $$"""{"populationId":"{{m.Excitatory}}","parameterKey":"tau_m","value":1e400,"doi":"10.1000/api.1"}""");
        Assert.Contains(invalid.GetProperty("rules").EnumerateArray(), r => r.GetProperty("field").GetString() == "value" && r.GetProperty("rule").GetString() == "finite");
        Assert.True(invalid.GetProperty("errors").TryGetProperty("value", out _));

        await f.Viewer.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, $"/api/v1/entries/{entryId}",
            new { version = edited.GetProperty("version").GetUInt32(), parameterKey = "tau_m", value = 13.0, doi = "10.1000/api.1" });
        await f.Curator.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/entries/{entryId}/review",
            new { version = edited.GetProperty("version").GetUInt32(), state = "reviewed" });
        var reviewed = await f.Owner.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/entries/{entryId}/review",
            new { version = edited.GetProperty("version").GetUInt32(), state = "reviewed" });
        Assert.Equal("reviewed", reviewed.GetProperty("reviewState").GetString());

        var estimates = await f.Viewer.GetJsonAsync($"{m.Path}/estimates?populationId={m.Excitatory}");
        var tauM = Assert.Single(estimates.GetProperty("items").EnumerateArray(), e => e.GetProperty("parameterKey").GetString() == "tau_m");
        Assert.Equal(16.0, tauM.GetProperty("value").GetDouble(), 12); // mean of the two studies, 12 and 20 ms
        Assert.Equal(2, tauM.GetProperty("entryCount").GetInt32());

        var page = await f.Viewer.GetJsonAsync($"{m.Path}/entries?parameterKey=tau_m&page=2&pageSize=1");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(second.Id(), Assert.Single(page.GetProperty("items").EnumerateArray()).Id());

        var history = await f.Viewer.GetJsonAsync($"{m.Path}/entries/{entryId}/history");
        Assert.Equal(["added", "edited", "reviewed"], history.EnumerateArray().Select(h => h.GetProperty("action").GetString()));

        await f.Curator.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Delete, $"/api/v1/entries/{entryId}");
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/entries/{entryId}?version={reviewed.GetProperty("version").GetUInt32()}");
        await f.Viewer.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/v1/entries/{entryId}");
        var after = await f.Viewer.GetJsonAsync($"{m.Path}/estimates?populationId={m.Excitatory}");
        Assert.Equal(20.0, Assert.Single(after.GetProperty("items").EnumerateArray()).GetProperty("value").GetDouble(), 12);
    }

    [Fact]
    public async Task Catalogue_and_references_round_trip()
    {
        var catalogue = await f.Viewer.GetJsonAsync("/api/v1/parameters?pageSize=500");
        Assert.True(catalogue.GetProperty("total").GetInt32() >= 30);
        Assert.Equal("ms", (await f.Viewer.GetJsonAsync("/api/v1/parameters/tau_m")).GetProperty("unit").GetString());
        var definition = new { key = "api_test_param", group = "Number", name = "API test", unit = "1", minValue = 0, maxValue = 1, valueKind = "scalar", appliesTo = "population", defaultMethod = "mean" };
        await f.Owner.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/parameters", definition);
        await f.Admin.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/parameters", definition);
        Assert.Equal("API test", (await f.Viewer.GetJsonAsync("/api/v1/parameters/api_test_param")).GetProperty("name").GetString());

        var reference = await f.Viewer.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/references", new { doi = "doi:10.1000/REF.Round" });
        Assert.Equal("10.1000/ref.round", reference.GetProperty("doi").GetString());
        var found = await f.Outsider.GetJsonAsync("/api/v1/references?doi=https://doi.org/10.1000/ref.ROUND");
        Assert.Equal(reference.Id(), Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(reference.Id(), (await f.Outsider.GetJsonAsync($"/api/v1/references/{reference.Id()}")).Id());
        await f.Viewer.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/references", new { doi = "not a doi" });
    }

    [Fact]
    public async Task References_import_from_bibtex_and_ris()
    {
        const string bib = """
            @article{potjans2014, author = {Potjans, Tobias C. and Diesmann, Markus}, title = {The Cell-Type Specific Cortical Microcircuit},
              journal = {Cerebral Cortex}, year = 2014, volume = {24}, pages = {785--806}, doi = {https://doi.org/10.1093/CERCOR/bhs358}}
            @book{nodoi, author = {Someone}, title = {A {Book} without DOI}, year = {1999}}
            """;
        var dry = await f.Viewer.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/references/import?format=bibtex", rawBody: bib, contentType: "text/plain");
        Assert.False(dry.GetProperty("committed").GetBoolean());
        var rows = dry.GetProperty("references");
        Assert.Equal("10.1093/cercor/bhs358", rows[0].GetProperty("doi").GetString());
        Assert.True(rows[0].GetProperty("existed").GetBoolean()); // the seeded microcircuit cites it
        Assert.False(rows[1].GetProperty("existed").GetBoolean());
        Assert.Contains("A Book without DOI", rows[1].GetProperty("citation").GetString(), StringComparison.Ordinal);

        const string ris = "TY  - JOUR\r\nAU  - Brunel, Nicolas\r\nTI  - Dynamics of sparsely connected networks\r\nJO  - J Comput Neurosci\r\nPY  - 2000\r\nDO  - 10.1023/A:1008925309027\r\nER  - \r\n";
        var committed = await f.Viewer.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/references/import?format=ris&dryRun=false", rawBody: ris, contentType: "text/plain");
        Assert.True(committed.GetProperty("committed").GetBoolean());
        var found = await f.Viewer.GetJsonAsync("/api/v1/references?doi=10.1023/a:1008925309027");
        Assert.Contains("Brunel, Nicolas (2000)", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("citation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_is_bounded_and_reports_the_total()
    {
        var bad = await f.Viewer.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/v1/parameters?pageSize=501");
        Assert.Equal("pageSize", bad.GetProperty("rules")[0].GetProperty("field").GetString());
        await f.Viewer.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/v1/parameters?page=0");
        var all = await f.Viewer.GetJsonAsync("/api/v1/parameters?pageSize=500");
        var second = await f.Viewer.GetJsonAsync("/api/v1/parameters?page=2&pageSize=3");
        Assert.Equal(all.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
        Assert.Equal(all.GetProperty("items")[3].GetProperty("key").GetString(), second.GetProperty("items")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task Openapi_document_and_endpoint_page_list_the_api()
    {
        var document = await f.Anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/models/{modelId}/entries", out _), paths.GetRawText()[..Math.Min(500, paths.GetRawText().Length)]);
        Assert.True(paths.TryGetProperty("/api/v1/runs/{runId}/cancel", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiToken", out _));
        var (status, _, html) = await f.Anonymous.SendAsync(HttpMethod.Get, "/api");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("/api/v1/models/{modelId}/entries/import", html, StringComparison.Ordinal);
        Assert.Contains("Launch a run", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_export_and_runs_launch_report_results_and_cancel()
    {
        var models = await f.Admin.GetJsonAsync("/api/v1/models?pageSize=500");
        var demo = models.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("name").GetString()!.StartsWith("Potjans", StringComparison.Ordinal)).Id();
        var path = $"/api/v1/models/{demo}";
        var (status, version, text) = await f.Admin.SendAsync(HttpMethod.Post, $"{path}/versions", new { note = "api test" });
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, text);
        var again = await f.Admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{path}/versions", new { note = "same content" });
        Assert.Equal(version.Id(), again.Id());
        Assert.Contains((await f.Viewer.GetJsonAsync($"{path}/versions")).GetProperty("items").EnumerateArray(), v => v.Id() == version.Id());
        Assert.Equal(version.GetProperty("contentHash").GetString(), (await f.Viewer.GetJsonAsync($"/api/v1/versions/{version.Id()}")).GetProperty("contentHash").GetString());
        var spec = await f.Viewer.GetJsonAsync($"/api/v1/versions/{version.Id()}/export?format=json");
        Assert.Equal(8, spec.GetProperty("populations").GetArrayLength());
        foreach (var (format, marker) in new[] { ("pynest", "nest.Create("), ("brian2", "NeuronGroup(") })
        {
            using var script = await f.Viewer.GetAsync(new Uri($"/api/v1/versions/{version.Id()}/export?format={format}", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            var body = await script.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains(version.GetProperty("contentHash").GetString()!, body, StringComparison.Ordinal);
            Assert.Contains(marker, body, StringComparison.Ordinal);
        }
        await f.Viewer.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"/api/v1/versions/{version.Id()}/export?format=xlsx");
        await f.Viewer.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"{path}/runs", new { simulateMs = 50 });

        var empty = await TestModel.CreateAsync(f, "Cannot compile");
        var missing = await f.Curator.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, $"{empty.Path}/versions");
        Assert.True(missing.GetProperty("missing").GetArrayLength() > 0);

        var badRun = await f.Admin.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{path}/runs", new { simulateMs = 50.0, scale = 2.0, backend = "cpu" });
        Assert.Contains(badRun.GetProperty("rules").EnumerateArray(), r => r.GetProperty("field").GetString() == "scale" && r.GetProperty("rule").GetString() == "range");
        var run = await f.Admin.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/runs", new { simulateMs = 50.0, scale = 0.01, seed = 55, backend = "cpu" });
        Assert.Equal(version.Id(), run.GetProperty("versionId").GetGuid());
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement state;
        do
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            state = await f.Viewer.GetJsonAsync($"/api/v1/runs/{run.Id()}");
        }
        while (state.GetProperty("status").GetString() is not ("succeeded" or "failed" or "cancelled") && DateTime.UtcNow < deadline);
        Assert.True(state.GetProperty("status").GetString() == "succeeded", state.GetRawText());
        var results = await f.Viewer.GetJsonAsync($"/api/v1/runs/{run.Id()}/results");
        Assert.Equal(8, results.GetArrayLength());
        Assert.All(results.EnumerateArray(), p => Assert.True(double.IsFinite(p.GetProperty("rateHz").GetDouble()) && p.GetProperty("size").GetInt32() > 0));
        await f.Admin.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/v1/runs/{run.Id()}/cancel");

        var longRun = await f.Admin.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/runs", new { simulateMs = 3_600_000.0, scale = 0.01, backend = "cpu" });
        await f.Viewer.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/runs/{longRun.Id()}/cancel");
        var cancelled = await f.Admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/runs/{longRun.Id()}/cancel");
        Assert.True(cancelled.GetProperty("cancelRequested").GetBoolean());
        deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            state = await f.Viewer.GetJsonAsync($"/api/v1/runs/{longRun.Id()}");
        }
        while (state.GetProperty("status").GetString() != "cancelled" && DateTime.UtcNow < deadline);
        Assert.Equal("cancelled", state.GetProperty("status").GetString());
        Assert.Contains((await f.Viewer.GetJsonAsync($"{path}/runs")).GetProperty("items").EnumerateArray(), r => r.Id() == longRun.Id());
    }
}

using System.Net;
using System.Text;
using System.Text.Json;

namespace DigitalBrain.Tests.Api;

/// <summary>JSON requests with the status asserted and the body shown when it is not the expected one.</summary>
internal static class ApiHttp
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> SendAsync(this HttpClient client, HttpMethod method, string path,
        object? body = null, string? rawBody = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBody is not null)
            request.Content = new StringContent(rawBody, Encoding.UTF8, contentType);
        else if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = default(JsonElement);
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
            json = JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, text);
    }

    public static async Task<JsonElement> ExpectAsync(this HttpClient client, HttpStatusCode expected, HttpMethod method, string path,
        object? body = null, string? rawBody = null, string contentType = "application/json")
    {
        var (status, json, text) = await client.SendAsync(method, path, body, rawBody, contentType);
        Assert.True(status == expected, $"{method} {path}: expected {(int)expected}, got {(int)status}: {text}");
        return json;
    }

    public static Task<JsonElement> GetJsonAsync(this HttpClient client, string path) => client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path);

    public static Guid Id(this JsonElement e, string property = "id") => e.GetProperty(property).GetGuid();
}

/// <summary>A private model built through the API by the owner: region S1 with layer L2/3,
/// populations L23E and L23I, projection L23E→L23I; the curator and viewer are members.</summary>
internal sealed record TestModel(Guid ModelId, Guid RegionId, Guid LayerId, Guid Excitatory, Guid Inhibitory, Guid ProjectionId)
{
    public string Path => $"/api/v1/models/{ModelId}";

    public static async Task<TestModel> CreateAsync(ApiAppFixture f, string name)
    {
        var model = await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/models", new { name, description = "API test", isPublic = false });
        var id = model.Id();
        var path = $"/api/v1/models/{id}";
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{path}/members/{ApiAppFixture.CuratorId}", new { role = "curator" });
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{path}/members/{ApiAppFixture.ViewerId}", new { role = "viewer" });
        var region = (await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/regions", new { category = "Ctx", name = "S1" })).Id();
        var layer = (await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/regions/{region}/layers", new { name = "L2/3" })).Id();
        var e = (await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/populations",
            new { regionId = region, layerId = layer, name = "L23E", cellType = "pyramidal", neuronModel = "iaf_psc_exp" })).Id();
        var i = (await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/populations",
            new { regionId = region, layerId = layer, name = "L23I", cellType = "basket", neuronModel = "iaf_psc_exp" })).Id();
        var projection = (await f.Owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/projections",
            new { sourcePopulationId = e, targetPopulationId = i, receptor = "excitatory" })).Id();
        return new TestModel(id, region, layer, e, i, projection);
    }
}

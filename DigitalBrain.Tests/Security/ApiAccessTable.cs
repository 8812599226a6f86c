namespace DigitalBrain.Tests.Security;

/// <summary>Who an endpoint lets through: any signed-in caller, or the least role in the model the
/// path names (Author: the curator who wrote the entry, or an owner), or global admins only.</summary>
internal enum Need { AnyUser, Viewer, Curator, Author, Owner, Admin }

/// <summary>One API endpoint: its route pattern exactly as the app declares it (the enumeration
/// test matches on it), a concrete path and body with placeholders ({m} model, {r} region, {l}
/// layer, {p} population, {j} projection, {e} entry, {v} version, {run} run, {x} an unknown id),
/// and who may call it. ModelScoped: the path names something inside the private model, so a
/// caller from another model must get 404 (the model does not exist for them).</summary>
internal sealed record ApiRow(string Method, string Pattern, string Path, string? Body, Need Need)
{
    public bool ModelScoped => Path.Contains("{m}", StringComparison.Ordinal) || Path.Contains("{e}", StringComparison.Ordinal)
                               || Path.Contains("{v}", StringComparison.Ordinal) || Path.Contains("{run}", StringComparison.Ordinal);

    /// <summary>The path names an id nobody has, so an allowed call may well answer 404.</summary>
    public bool UnknownId => Path.Contains("{x}", StringComparison.Ordinal);
}

internal static class ApiAccessTable
{
    private const string M = "/api/v1/models/{modelId:guid}";

    /// <summary>Destructive rows come last, children before parents, so one seeded model serves a
    /// whole role's column.</summary>
    public static readonly ApiRow[] Rows =
    [
        new("GET", "/api/v1/me", "/api/v1/me", null, Need.AnyUser),
        new("GET", "/api/v1/tokens/", "/api/v1/tokens", null, Need.AnyUser),
        new("POST", "/api/v1/tokens/", "/api/v1/tokens", """{"name":"matrix"}""", Need.AnyUser),
        new("DELETE", "/api/v1/tokens/{tokenId:guid}", "/api/v1/tokens/{x}", null, Need.AnyUser),
        new("GET", "/api/v1/models/", "/api/v1/models", null, Need.AnyUser),
        new("POST", "/api/v1/models/", "/api/v1/models", """{"name":"matrix model"}""", Need.AnyUser),
        new("POST", "/api/v1/models/import-spec", "/api/v1/models/import-spec", "{}", Need.AnyUser),
        new("GET", "/api/v1/parameters/", "/api/v1/parameters", null, Need.AnyUser),
        new("GET", "/api/v1/parameters/{key}", "/api/v1/parameters/tau_m", null, Need.AnyUser),
        new("POST", "/api/v1/parameters/", "/api/v1/parameters", """{"key":"x_y"}""", Need.Admin),
        new("GET", "/api/v1/references/", "/api/v1/references", null, Need.AnyUser),
        new("GET", "/api/v1/references/{referenceId:guid}", "/api/v1/references/{x}", null, Need.AnyUser),
        new("POST", "/api/v1/references/", "/api/v1/references", """{"citation":"matrix"}""", Need.AnyUser),
        new("POST", "/api/v1/references/import", "/api/v1/references/import", "@article{a, title={x}}", Need.AnyUser),

        new("GET", M, "/api/v1/models/{m}", null, Need.Viewer),
        new("PUT", M, "/api/v1/models/{m}", """{"name":"renamed"}""", Need.Owner),
        new("GET", M + "/members", "/api/v1/models/{m}/members", null, Need.Viewer),
        new("PUT", M + "/members/{userId}", "/api/v1/models/{m}/members/api-outsider", """{"role":"viewer"}""", Need.Owner),
        new("GET", M + "/structure", "/api/v1/models/{m}/structure", null, Need.Viewer),
        new("GET", M + "/regions", "/api/v1/models/{m}/regions", null, Need.Viewer),
        new("POST", M + "/regions", "/api/v1/models/{m}/regions", """{"category":"Ctx","name":"M1"}""", Need.Owner),
        new("PUT", M + "/regions/{regionId:guid}", "/api/v1/models/{m}/regions/{r}", """{"category":"Ctx","name":"S1b"}""", Need.Owner),
        new("POST", M + "/regions/{regionId:guid}/layers", "/api/v1/models/{m}/regions/{r}/layers", """{"name":"L4"}""", Need.Owner),
        new("GET", M + "/populations", "/api/v1/models/{m}/populations", null, Need.Viewer),
        new("POST", M + "/populations", "/api/v1/models/{m}/populations", """{"regionId":"{r}","name":"L4E","cellType":"","neuronModel":"iaf_psc_exp"}""", Need.Owner),
        new("PUT", M + "/populations/{populationId:guid}", "/api/v1/models/{m}/populations/{p}", """{"regionId":"{r}","name":"L23E","cellType":"","neuronModel":"iaf_psc_exp"}""", Need.Owner),
        new("GET", M + "/projections", "/api/v1/models/{m}/projections", null, Need.Viewer),
        new("POST", M + "/projections", "/api/v1/models/{m}/projections", """{"sourcePopulationId":"{p}","targetPopulationId":"{p}","receptor":"excitatory"}""", Need.Owner),
        new("PUT", M + "/projections/{projectionId:guid}", "/api/v1/models/{m}/projections/{j}", """{"sourcePopulationId":"{p}","targetPopulationId":"{p}","receptor":"excitatory"}""", Need.Owner),
        new("GET", M + "/entries", "/api/v1/models/{m}/entries", null, Need.Viewer),
        new("POST", M + "/entries", "/api/v1/models/{m}/entries", """{"populationId":"{p}","parameterKey":"tau_m","value":10,"citation":"x"}""", Need.Curator),
        new("GET", M + "/entries/{entryId:guid}/history", "/api/v1/models/{m}/entries/{e}/history", null, Need.Viewer),
        new("GET", "/api/v1/entries/{entryId:guid}/", "/api/v1/entries/{e}", null, Need.Viewer),
        new("PUT", "/api/v1/entries/{entryId:guid}/", "/api/v1/entries/{e}", """{"version":1,"parameterKey":"tau_m","value":11,"citation":"x"}""", Need.Author),
        new("POST", "/api/v1/entries/{entryId:guid}/review", "/api/v1/entries/{e}/review", """{"version":1,"state":"reviewed"}""", Need.Owner),
        new("GET", M + "/estimates", "/api/v1/models/{m}/estimates", null, Need.Viewer),
        new("POST", M + "/entries/import", "/api/v1/models/{m}/entries/import?format=csv&dryRun=true", "target,parameter,value,citation\nL23E,tau_m,12,x\n", Need.Curator),
        new("GET", M + "/export.json", "/api/v1/models/{m}/export.json", null, Need.Viewer),
        new("GET", M + "/export/entries.csv", "/api/v1/models/{m}/export/entries.csv", null, Need.Viewer),
        new("GET", M + "/export/estimates.csv", "/api/v1/models/{m}/export/estimates.csv", null, Need.Viewer),
        new("POST", M + "/versions", "/api/v1/models/{m}/versions", "{}", Need.Curator),
        new("GET", M + "/versions", "/api/v1/models/{m}/versions", null, Need.Viewer),
        new("GET", "/api/v1/versions/{versionId:guid}/", "/api/v1/versions/{v}", null, Need.Viewer),
        new("GET", "/api/v1/versions/{versionId:guid}/export", "/api/v1/versions/{v}/export", null, Need.Viewer),
        new("POST", M + "/runs", "/api/v1/models/{m}/runs", """{"simulateMs":10,"versionId":"{x}"}""", Need.Curator),
        new("GET", M + "/runs", "/api/v1/models/{m}/runs", null, Need.Viewer),
        new("GET", "/api/v1/runs/{runId:guid}/", "/api/v1/runs/{run}", null, Need.Viewer),
        new("GET", "/api/v1/runs/{runId:guid}/results", "/api/v1/runs/{run}/results", null, Need.Viewer),
        new("GET", "/api/v1/runs/{runId:guid}/spikes", "/api/v1/runs/{run}/spikes", null, Need.Viewer),
        new("POST", "/api/v1/runs/{runId:guid}/cancel", "/api/v1/runs/{run}/cancel", null, Need.Owner), // its creator (the owner here) or an owner

        new("DELETE", "/api/v1/entries/{entryId:guid}/", "/api/v1/entries/{e}?version=1", null, Need.Author),
        new("DELETE", M + "/projections/{projectionId:guid}", "/api/v1/models/{m}/projections/{j}", null, Need.Owner),
        new("DELETE", M + "/populations/{populationId:guid}", "/api/v1/models/{m}/populations/{p}", null, Need.Owner),
        new("DELETE", M + "/layers/{layerId:guid}", "/api/v1/models/{m}/layers/{l}", null, Need.Owner),
        new("DELETE", M + "/regions/{regionId:guid}", "/api/v1/models/{m}/regions/{r}", null, Need.Owner),
        new("DELETE", M + "/members/{userId}", "/api/v1/models/{m}/members/api-viewer", null, Need.Owner),
        new("DELETE", M, "/api/v1/models/{m}", null, Need.Owner),
    ];
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DigitalBrain.Web.Api;

/// <summary>The REST API under <c>/api/v1</c>, its OpenAPI document (<c>/openapi/v1.json</c>) and a
/// browsable endpoint list (<c>/api</c>). Authorization is the services': the API only says who calls.</summary>
public static class ApiHosting
{
    public const string Prefix = "/api/v1";

    public static WebApplicationBuilder AddDigitalBrainApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiAuthentication();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.Services.AddSingleton<RunLauncher>();
        return builder;
    }

    public static WebApplication MapDigitalBrainApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapApiDocsPage();
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiAuthentication.Policy)
            .AddEndpointFilter<ApiExceptionFilter>()
            .DisableAntiforgery();
        api.MapTokenEndpoints();
        api.MapModelEndpoints();
        api.MapCatalogueEndpoints();
        api.MapEntryEndpoints();
        api.MapImportEndpoints();
        api.MapVersionEndpoints();
        return app;
    }

    /// <summary>Declares the Bearer API token in the document, so clients and generators know it.</summary>
    private sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiAuthentication.TokenScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token (db_…), created at POST /api/v1/tokens. Browser calls may use the sign-in cookie instead.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiAuthentication.TokenScheme, document)] = [] });
            return Task.CompletedTask;
        }
    }
}

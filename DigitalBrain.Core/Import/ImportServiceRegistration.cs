using DigitalBrain.Core.Import;
using DigitalBrain.Core.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

public static class ImportServiceRegistration
{
    /// <summary>Import/export and API-token services: the one line Core's registration calls.</summary>
    public static IServiceCollection AddDigitalBrainImport(this IServiceCollection services)
    {
        services.AddSingleton<EntryImportService>();
        services.AddSingleton<ReferenceImportService>();
        services.AddSingleton<ModelExportService>();
        services.AddSingleton<ApiTokenService>();
        return services;
    }
}

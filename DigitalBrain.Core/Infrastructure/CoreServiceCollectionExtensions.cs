using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Infrastructure;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Seeding;
using DigitalBrain.Core.Structure;

// In the DI namespace, as ASP.NET Core's own Add* extensions are, so hosts need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers Core's feature services (stateless singletons over the context factory)
    /// and its startup seeder. Needs <c>AddDbContextFactory&lt;AppDbContext&gt;</c>.</summary>
    public static IServiceCollection AddDigitalBrainCore(this IServiceCollection services)
    {
        services.AddSingleton<BrainModelService>();
        services.AddSingleton<StructureService>();
        services.AddSingleton<CatalogueService>();
        services.AddSingleton<ReferenceService>();
        services.AddSingleton<EntryService>();
        services.AddSingleton<TargetCurationReader>();
        services.AddSingleton<EstimateService>();
        services.AddSingleton<DigitalBrain.Core.Versions.VersionService>();
        services.AddSingleton<DigitalBrain.Core.SpecImport.SpecImportService>();
        services.AddSingleton<CoverageService>();
        services.AddSingleton<ActivityService>();
        services.AddSingleton<ReferenceLibraryService>();
        services.AddSingleton<DigitalBrain.Core.Notes.NoteService>();
        services.AddDigitalBrainImport();
        services.AddSingleton<DigitalBrain.Core.Runs.RunService>();
        services.AddSingleton<DigitalBrain.Core.Runs.RunDashboardService>();
        services.AddSingleton<DigitalBrain.Core.Overview.ModelOverviewService>();
        services.AddSingleton<DigitalBrain.Core.Runs.RunSpikeDownload>();
        services.AddSingleton<IStartupSeeder, CurationSeeder>();
        return services;
    }
}

using DigitalBrain.Core.Runs;
using DigitalBrain.Web.Hosting;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;

namespace DigitalBrain.Web.Runs;

/// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c> in the app's database), its servers
/// according to the node role, and the admin-only dashboard.</summary>
public static class HangfireSetup
{
    /// <summary>A fetched run stays invisible to other workers while its worker's heartbeat keeps
    /// it so (sliding invisibility); a SIGKILLed worker stops the heartbeat and the run becomes
    /// visible again after this long.</summary>
    public static readonly TimeSpan DefaultInvisibilityTimeout = TimeSpan.FromMinutes(2);

    public static IServiceCollection AddSimulationQueue(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseBootstrap.ConnectionStringName)!;
        var invisibility = configuration.GetValue("DigitalBrain:Worker:InvisibilityTimeout", DefaultInvisibilityTimeout);
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = invisibility,
                QueuePollInterval = TimeSpan.FromMilliseconds(500),
            }));
        services.AddSingleton<RunLifecycle>();
        services.AddSingleton<RunAnalysis>();
        services.AddSingleton<RunQueue>();
        services.AddTransient<SimulationJob>();

        if (NodeRoleConfiguration.Read(configuration) is NodeRole.All or NodeRole.Worker)
        {
            foreach (var pool in WorkerPool.Read(configuration))
            {
                services.AddHangfireServer(options =>
                {
                    options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{pool.Name}";
                    options.Queues = pool.Queues;
                    options.WorkerCount = pool.Workers;
                    options.ShutdownTimeout = TimeSpan.FromSeconds(10);
                    options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                });
            }
        }
        return services;
    }

    public static WebApplication MapSimulationQueueDashboard(this WebApplication app)
    {
        if (NodeRoleConfiguration.Read(app.Configuration) != NodeRole.Worker)
        {
            app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new AdminOnlyDashboardFilter()],
                DisplayStorageConnectionString = false,
            });
        }
        return app;
    }

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole("admin");
    }
}

using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DigitalBrain.Core.Infrastructure;

namespace DigitalBrain.Web.Hosting;

/// <summary>Finds the database before anything else starts: the configured one, or a private
/// cluster under <c>.data/</c> of the repository when none is configured.</summary>
public static class DatabaseBootstrap
{
    public const string ConnectionStringName = "DigitalBrain";

    /// <returns>The private cluster the process owns (stopped when disposed), or null.</returns>
    public static async Task<LocalPostgresCluster?> ResolveConnectionStringAsync(ConfigurationManager configuration, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)))
            return null;
        var dataDir = configuration["DigitalBrain:LocalDatabaseDir"] ?? Path.Combine(RepositoryRoot(environment.ContentRootPath), ".data", "pg");
        Console.WriteLine($"No ConnectionStrings:{ConnectionStringName} configured: starting the private PostgreSQL cluster in {dataDir}");
        var cluster = await LocalPostgresCluster.StartAsync(dataDir, deleteOnDispose: false);
        await EnsureDatabaseExistsAsync(cluster, "digitalbrain");
        configuration[$"ConnectionStrings:{ConnectionStringName}"] = cluster.ConnectionString("digitalbrain");
        return cluster;
    }

    /// <summary>Checks the database is reachable, migrates and seeds. False (after one clear log
    /// line) when the database cannot be reached.</summary>
    public static async Task<bool> PrepareAsync(WebApplication app)
    {
        var connectionString = app.Configuration.GetConnectionString(ConnectionStringName)!;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            // A plain connection, not the context's retrying one: an unreachable database should
            // stop the start at once, not after the retry strategy's minute of back-off.
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // Straight to stderr, not through the logger: its queue may not be flushed before the
            // process exits, and this one line is all the operator needs.
            await Console.Error.WriteLineAsync($"DigitalBrain cannot start: database {builder.Database} on {builder.Host}:{builder.Port} is unreachable ({ex.Message}).");
            return false;
        }
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (app.Configuration.GetValue("DigitalBrain:MigrateOnStartup", true))
        {
            await SchemaMigration.ApplyAsync(db);
            foreach (var seeder in app.Services.GetServices<IStartupSeeder>())
                await seeder.SeedAsync(CancellationToken.None);
        }
        return true;
    }

    private static async Task EnsureDatabaseExistsAsync(LocalPostgresCluster cluster, string name)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DigitalBrain.sln")))
                return dir.FullName;
        }
        return start;
    }
}

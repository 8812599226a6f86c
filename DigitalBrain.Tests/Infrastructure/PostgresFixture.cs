using DigitalBrain.Core.Data;
using DigitalBrain.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

[assembly: AssemblyFixture(typeof(DigitalBrain.Tests.Infrastructure.PostgresFixture))]

namespace DigitalBrain.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run (or the server named by
/// DIGITALBRAIN_TEST_POSTGRES). Tests get their own database, cloned from a migrated template, so
/// they never see each other's rows and never need cleaning up.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string TemplateName = "digitalbrain_template";
    private LocalPostgresCluster? _cluster;
    private string _serverConnectionString = "";
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private bool _templateReady;

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("DIGITALBRAIN_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            _serverConnectionString = external;
            return;
        }
        _cluster = await LocalPostgresCluster.StartTemporaryAsync();
        _serverConnectionString = _cluster.ConnectionString();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        _templateLock.Dispose();
    }

    /// <summary>The cluster this fixture started (null when an external server is used).</summary>
    public LocalPostgresCluster? Cluster => _cluster;

    /// <summary>A new, migrated, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        await EnsureTemplateAsync();
        var name = $"{prefix ?? "t"}_{Guid.NewGuid():N}"[..Math.Min(40, (prefix?.Length ?? 1) + 33)].ToLowerInvariant();
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName}");
        return WithDatabase(name);
    }

    /// <summary>A new database with no tables at all (for testing migrations themselves).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"e_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return WithDatabase(name);
    }

    /// <summary>Configured as the app configures its own (retrying, which makes a user transaction
    /// outside the execution strategy fail here as it would in the app).</summary>
    public static AppDbContext CreateContext(string connectionString, ILoggerFactory? loggers = null) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString, DatabaseRetry.Configure).UseLoggerFactory(loggers).Options);

    public static IDbContextFactory<AppDbContext> CreateFactory(string connectionString) => new TestDbContextFactory(connectionString);

    private async Task EnsureTemplateAsync()
    {
        if (_templateReady)
            return;
        await _templateLock.WaitAsync();
        try
        {
            if (_templateReady)
                return;
            await ExecuteAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
            await ExecuteAsync($"CREATE DATABASE {TemplateName}");
            await using (var db = CreateContext(WithDatabase(TemplateName)))
                await SchemaMigration.ApplyAsync(db);
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    private string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class TestDbContextFactory(string connectionString) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => CreateContext(connectionString);
    }
}

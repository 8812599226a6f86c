using DigitalBrain.Core.Data;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace DigitalBrain.Tests.Foundation;

public sealed class MigrationsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_leave_nothing_pending_and_log_no_error()
    {
        var connectionString = await postgres.CreateEmptyDatabaseAsync();
        var log = new ErrorLog();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        await using var db = PostgresFixture.CreateContext(connectionString, loggers);

        await SchemaMigration.ApplyAsync(db, TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Empty(log.Errors);
    }

    /// <summary>Keeps every message logged at Error or above.</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    log.Errors.Enqueue($"{category}[{eventId.Id}]: {formatter(state, exception)}");
            }
        }
    }

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The EF model differs from the last migration: run `dotnet ef migrations add <Name> --project DigitalBrain.Core --startup-project DigitalBrain.Core -o Data/Migrations`.");
    }
}

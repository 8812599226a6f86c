using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace DigitalBrain.Core.Data;

/// <summary>
/// How the app rides out a PostgreSQL restart or failover: EF Core's retrying execution strategy
/// re-runs an operation (and <see cref="WriteTransaction"/> a whole transaction) after a transient
/// error, with exponential back-off. Besides what Npgsql deems transient (connection failures,
/// 57P03 cannot-connect-now, serialization failures, deadlocks) it retries the codes a server
/// sends when it is shut down or restarted under the app.
/// </summary>
public static class DatabaseRetry
{
    /// <summary>Attempts after the first; with delays growing to <see cref="MaxDelay"/>, about a
    /// minute of waiting in all, enough for a restart, not so long that a dead database hangs requests.</summary>
    public const int MaxRetries = 8;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>57P01 admin shutdown (pg_ctl stop/restart -m fast), 57P02 crash shutdown,
    /// 57P03 cannot connect now (starting up or shutting down).</summary>
    public static readonly string[] ExtraTransientCodes =
        [PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow];

    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.ExecutionStrategy(dependencies => new Strategy(dependencies));

    /// <summary>True when the error means the server went away (not a conflict inside a live server).</summary>
    public static bool IsServerGone(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
                return ExtraTransientCodes.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
            if (e is NpgsqlException or IOException or System.Net.Sockets.SocketException)
                return true;
        }
        return false;
    }

    private sealed class Strategy(ExecutionStrategyDependencies dependencies)
        : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, ExtraTransientCodes)
    {
        protected override bool ShouldRetryOn(Exception? exception)
        {
            if (!base.ShouldRetryOn(exception))
                return false;
            // After a restart every idle pooled connection is dead; without this each retry would
            // draw the next dead one from the pool and the retries could run out before a live one.
            if (exception is not null && IsServerGone(exception))
                NpgsqlConnection.ClearAllPools();
            return true;
        }
    }
}

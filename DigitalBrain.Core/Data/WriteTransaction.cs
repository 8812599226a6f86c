using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Core.Data;

/// <summary>
/// Runs a write in one transaction on a fresh context, inside the context's execution strategy, so
/// that transient failures (serialization failure, deadlock, and with the app's
/// <see cref="DatabaseRetry"/> strategy also a PostgreSQL restart) re-run the whole unit. The body
/// must be re-runnable: it re-reads everything it uses.
/// </summary>
/// <remarks>
/// A failure while committing leaves the outcome unknown: the server may have committed and the
/// acknowledgement been lost with the connection. Re-running the body then would store its rows a
/// second time (entries get fresh ids), so the next attempt first asks PostgreSQL what became of
/// the transaction id (<c>pg_xact_status</c>, kept across restarts) and returns the first attempt's
/// result when it committed.
/// </remarks>
internal static class WriteTransaction
{
    /// <summary>Retries of a serialization failure or deadlock when the context has no retrying strategy.</summary>
    private const int MaxConflictAttempts = 5;

    public static async Task<T> RunAsync<T>(IDbContextFactory<AppDbContext> factory, Func<AppDbContext, Task<T>> body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(factory, body, ct);
            }
            catch (Exception ex) when (attempt < MaxConflictAttempts && IsConflict(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * attempt)), ct);
            }
        }
    }

    public static async Task RunAsync(IDbContextFactory<AppDbContext> factory, Func<AppDbContext, Task> body, CancellationToken ct) =>
        await RunAsync(factory, async db =>
        {
            await body(db);
            return true;
        }, ct);

    private static async Task<T> RunOnceAsync<T>(IDbContextFactory<AppDbContext> factory, Func<AppDbContext, Task<T>> body, CancellationToken ct)
    {
        // The strategy checks its own context for an open transaction: keep that context alive.
        await using var owner = await factory.CreateDbContextAsync(ct);
        var strategy = owner.Database.CreateExecutionStrategy();
        var pending = new PendingCommit<T>();
        return await strategy.ExecuteAsync(async token =>
        {
            if (pending.TransactionId is { } xid)
            {
                if (await CommittedAsync(factory, xid, token))
                    return pending.Result!;
                pending.TransactionId = null;
            }
            await using var db = await factory.CreateDbContextAsync(token);
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await body(db);
            var assigned = await db.Database
                .SqlQueryRaw<string>("SELECT COALESCE(pg_current_xact_id_if_assigned()::text, '') AS \"Value\"")
                .SingleAsync(token);
            try
            {
                await transaction.CommitAsync(token);
            }
            catch when (assigned.Length > 0)
            {
                // Outcome unknown: remember the transaction so the retry can look it up first.
                pending.TransactionId = assigned;
                pending.Result = result;
                throw;
            }
            return result;
        }, ct);
    }

    private static async Task<bool> CommittedAsync(IDbContextFactory<AppDbContext> factory, string xid, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var status = await db.Database
            .SqlQuery<string>($"SELECT COALESCE(pg_xact_status({xid}::xid8), '') AS \"Value\"")
            .SingleAsync(ct);
        return status == "committed";
    }

    private static bool IsConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
                return true;
        }
        return false;
    }

    private sealed class PendingCommit<T>
    {
        public string? TransactionId { get; set; }
        public T? Result { get; set; }
    }
}

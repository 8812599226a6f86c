using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Core.Data;

/// <summary>Runs a write in one transaction on a fresh context, retrying the whole unit when
/// PostgreSQL reports a serialization failure or deadlock (the body must be re-runnable: it
/// re-reads everything it uses).</summary>
internal static class WriteTransaction
{
    private const int MaxAttempts = 5;

    public static async Task<T> RunAsync<T>(IDbContextFactory<AppDbContext> factory, Func<AppDbContext, Task<T>> body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            try
            {
                // A retrying execution strategy (the web app's) refuses user transactions outside ExecuteAsync.
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var result = await body(db);
                    await transaction.CommitAsync(ct);
                    return result;
                });
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsRetryable(ex))
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

    private static bool IsRetryable(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
                return true;
        }
        return false;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DigitalBrain.Core.Data;

/// <summary>Brings a database to the latest migration: the app at start, and the tests' template.</summary>
public static class SchemaMigration
{
    public static async Task ApplyAsync(AppDbContext db, CancellationToken ct = default)
    {
        // EF Core reads the history table before it creates it, and logs the failed read of a new
        // database as an error (dotnet/efcore#37328): an operator's first start would begin with a
        // "fail:" line about a table nobody asked for. Creating the table first avoids it.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}

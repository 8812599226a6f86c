using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Infrastructure;
using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Core.Seeding;

/// <summary>
/// Fills the catalogue and the two demo models. Idempotent and cheap on every start: missing
/// catalogue keys are inserted, and a demo model is built (one transaction, one batched insert)
/// only when no model carries its seed key. A second process starting at the same moment loses
/// the unique-key race harmlessly.
/// </summary>
public sealed class CurationSeeder(IDbContextFactory<AppDbContext> factory) : IStartupSeeder
{
    /// <summary>Author of the seeded entries: an account nobody can sign in to (no password, locked out).</summary>
    public const string SeedUserId = "digitalbrain-seed";

    public async Task SeedAsync(CancellationToken ct)
    {
        await SeedCatalogueAsync(ct);
        await SeedModelAsync(MicrocircuitSeed.SeedKey, MicrocircuitSeed.ModelName, MicrocircuitSeed.Description, MicrocircuitSeed.BuildAsync, ct);
        await SeedModelAsync(SnnBuilderSkeleton.SeedKey, SnnBuilderSkeleton.ModelName, SnnBuilderSeed.Description, SnnBuilderSeed.BuildAsync, ct);
    }

    internal async Task SeedCatalogueAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.ParameterDefinitions.Select(p => p.Key).ToListAsync(ct);
        var missing = CatalogueData.Definitions().Where(d => !existing.Contains(d.Key)).ToList();
        if (missing.Count == 0)
            return;
        db.ParameterDefinitions.AddRange(missing);
        await SaveIgnoringRaceAsync(db, ct);
    }

    private async Task SeedModelAsync(string seedKey, string name, string description, Func<DemoModelBuilder, CancellationToken, Task> build, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.BrainModels.AnyAsync(m => m.SeedKey == seedKey, ct))
            return;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var author = await EnsureSeedUserAsync(db, ct);
            var catalogue = await db.ParameterDefinitions.ToDictionaryAsync(p => p.Key, ct);
            var now = DateTimeOffset.UtcNow;
            var model = new BrainModel { Id = Guid.NewGuid(), Name = name, Description = description, IsPublic = true, SeedKey = seedKey, CreatedAt = now };
            model.Members.Add(new ModelMember { ModelId = model.Id, UserId = author.Id, Role = ModelRole.Owner, AddedAt = now });
            db.BrainModels.Add(model);
            var builder = new DemoModelBuilder(db, model, author, catalogue, now);
            await build(builder, ct);
            builder.Finish();
            if (await SaveIgnoringRaceAsync(db, ct))
                await transaction.CommitAsync(ct);
        });
    }

    private static async Task<AppUser> EnsureSeedUserAsync(AppDbContext db, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == SeedUserId, ct);
        if (user is not null)
            return user;
        user = new AppUser
        {
            Id = SeedUserId, UserName = SeedUserId, NormalizedUserName = SeedUserId.ToUpperInvariant(),
            DisplayName = "DigitalBrain demo content", SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true, LockoutEnd = DateTimeOffset.MaxValue,
        };
        db.Users.Add(user);
        return user;
    }

    /// <returns>False when another process inserted the same rows first.</returns>
    private static async Task<bool> SaveIgnoringRaceAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }
}

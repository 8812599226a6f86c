using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Seeding;
using DigitalBrain.Core.SpecImport;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Spec;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Versions;

/// <summary>A fresh database with the catalogue and two users (an importer and an admin).</summary>
internal sealed record SpecImportTestBed(string ConnectionString, IDbContextFactory<AppDbContext> Factory)
{
    public static readonly Actor Importer = new("importer");
    public static readonly Actor Admin = new("admin", IsAdmin: true);

    public SpecImportService Imports => new(Factory);
    public VersionService Versions => new(Factory);

    public static async Task<SpecImportTestBed> CreateAsync(PostgresFixture postgres)
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await postgres.CreateDatabaseAsync("imp");
        var factory = PostgresFixture.CreateFactory(cs);
        await new CurationSeeder(factory).SeedCatalogueAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var id in new[] { "importer", "admin" })
            db.Users.Add(new AppUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id });
        await db.SaveChangesAsync(ct);
        return new SpecImportTestBed(cs, factory);
    }

    /// <summary>Import, freeze a version, read its spec back.</summary>
    public async Task<(SpecImportResult Import, NetworkSpec Compiled)> RoundTripAsync(NetworkSpec spec)
    {
        var ct = TestContext.Current.CancellationToken;
        var import = await Imports.ImportJsonAsync(Importer, NetworkSpecJson.Serialize(spec), ct);
        var (version, _) = await Versions.CreateAsync(Importer, import.ModelId, ct: ct);
        var (_, compiled) = await Versions.GetAsync(Importer, version.Id, ct);
        return (import, compiled);
    }

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Set<T>().CountAsync(TestContext.Current.CancellationToken);
    }
}

using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Seeding;
using DigitalBrain.Core.Structure;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Curation;

/// <summary>A fresh database with the catalogue, six users (owner, two curators, viewer, outsider,
/// admin) and one private model holding a region, two populations and a projection.</summary>
internal sealed class CurationTestBed
{
    public required string ConnectionString { get; init; }
    public required IDbContextFactory<AppDbContext> Factory { get; init; }
    public required Guid ModelId { get; init; }
    public required Guid RegionId { get; init; }
    public required Guid PopulationId { get; init; }
    public required Guid OtherPopulationId { get; init; }
    public required Guid ProjectionId { get; init; }

    public Actor Owner { get; } = new("owner");
    public Actor Curator { get; } = new("curator");
    public Actor OtherCurator { get; } = new("curator2");
    public Actor Viewer { get; } = new("viewer");
    public Actor Outsider { get; } = new("outsider");
    public Actor Admin { get; } = new("admin", IsAdmin: true);

    public EntryService Entries => new(Factory);
    public EstimateService Estimates => new(Factory);
    public BrainModelService Models => new(Factory);
    public StructureService Structure => new(Factory);
    public CatalogueService Catalogue => new(Factory);

    public EstimateTarget Population => EstimateTarget.ForPopulation(PopulationId);
    public EstimateTarget Projection => EstimateTarget.ForProjection(ProjectionId);

    public static async Task<CurationTestBed> CreateAsync(PostgresFixture postgres)
    {
        var ct = TestContext.Current.CancellationToken;
        var cs = await postgres.CreateDatabaseAsync("cur");
        var factory = PostgresFixture.CreateFactory(cs);
        await new CurationSeeder(factory).SeedCatalogueAsync(ct);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            foreach (var id in new[] { "owner", "curator", "curator2", "viewer", "outsider", "admin" })
                db.Users.Add(new AppUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id });
            await db.SaveChangesAsync(ct);
        }
        var owner = new Actor("owner");
        var models = new BrainModelService(factory);
        var model = await models.CreateAsync(owner, new BrainModelInput("Test model"), ct);
        await models.SetMemberAsync(owner, model.Id, "curator", ModelRole.Curator, ct);
        await models.SetMemberAsync(owner, model.Id, "curator2", ModelRole.Curator, ct);
        await models.SetMemberAsync(owner, model.Id, "viewer", ModelRole.Viewer, ct);
        var structure = new StructureService(factory);
        var region = await structure.AddRegionAsync(owner, model.Id, new RegionInput("Ctx", "S1"), ct);
        var layer = await structure.AddLayerAsync(owner, model.Id, region, "L2/3", ct);
        var pyramidal = await structure.AddPopulationAsync(owner, model.Id, new PopulationInput(region, layer, "L23E", "pyramidal", "iaf_psc_exp"), ct);
        var basket = await structure.AddPopulationAsync(owner, model.Id, new PopulationInput(region, layer, "L23I", "basket", "iaf_psc_exp"), ct);
        var projection = await structure.AddProjectionAsync(owner, model.Id, new ProjectionInput(pyramidal, basket, Receptor.Excitatory), ct);
        return new CurationTestBed
        {
            ConnectionString = cs, Factory = factory, ModelId = model.Id, RegionId = region,
            PopulationId = pyramidal, OtherPopulationId = basket, ProjectionId = projection,
        };
    }

    public static EntryInput Input(string key, double? value, string doi = "10.1000/test.1") =>
        new() { ParameterKey = key, Value = value, Doi = doi };

    /// <summary>What a recomputation from scratch gives for the stored entries of (target, parameter).</summary>
    public async Task<AggregationResult> RecomputeFromScratchAsync(EstimateTarget target, string key, AggregationMethod method)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var inputs = await db.Entries.AsNoTracking()
            .Where(e => e.PopulationId == target.PopulationId && e.ProjectionId == target.ProjectionId && e.RegionId == target.RegionId && e.Parameter!.Key == key)
            .Select(e => new AggregationInput(e.Id, e.ReferenceId, e.Value, e.Min, e.Max, e.Sd, e.Sem, e.N, e.SetAs == SetAs.Excluded))
            .ToListAsync();
        return Aggregator.Aggregate(inputs, method);
    }

    public async Task<(int Entries, int Audits, int Estimates, int References)> CountsAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return (await db.Entries.CountAsync(), await db.EntryAudits.CountAsync(), await db.CollectiveEstimates.CountAsync(), await db.References.CountAsync());
    }
}

using System.Diagnostics;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Seeding;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Curation;

public sealed class CurationSeederTests(PostgresFixture postgres)
{
    private static readonly Actor Anyone = new("nobody-in-particular");

    [Fact]
    public async Task Seeding_twice_builds_the_demo_models_once_and_fast()
    {
        var ct = TestContext.Current.CancellationToken;
        // A throwaway seed first, so the timing below is the seed's own work, not EF's one-off
        // model building and query compilation in this process.
        await new CurationSeeder(PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("warm"))).SeedAsync(ct);
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("seed"));
        var seeder = new CurationSeeder(factory);

        var clock = Stopwatch.StartNew();
        await seeder.SeedAsync(ct);
        var first = clock.Elapsed;
        clock.Restart();
        await seeder.SeedAsync(ct);
        var second = clock.Elapsed;

        await using var db = await factory.CreateDbContextAsync(ct);
        Assert.Equal(2, await db.BrainModels.CountAsync(ct));
        Assert.Equal(Core.Seeding.CatalogueData.Definitions().Count, await db.ParameterDefinitions.CountAsync(ct));
        Assert.Equal(await db.Entries.CountAsync(ct), await db.EntryAudits.CountAsync(ct));
        Assert.Equal(await db.Entries.CountAsync(ct), await db.CollectiveEstimates.SumAsync(e => e.EntryCount, ct));
        TestContext.Current.TestOutputHelper!.WriteLine($"seed of an empty database: {first.TotalMilliseconds:F0} ms; again: {second.TotalMilliseconds:F0} ms");
        // Generous bounds: CI shares two cores between several test processes.
        Assert.True(first < TimeSpan.FromSeconds(5), $"Seeding an empty database took {first}.");
        Assert.True(second < TimeSpan.FromSeconds(1), $"Seeding a seeded database took {second}.");
    }

    [Fact]
    public async Task Microcircuit_has_every_population_and_projection_parameter_citing_the_paper()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("seed"));
        await new CurationSeeder(factory).SeedAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var model = await db.BrainModels.SingleAsync(m => m.SeedKey == MicrocircuitSeed.SeedKey, ct);

        var structure = await new Core.Structure.StructureService(factory).GetAsync(Anyone, model.Id, ct);
        var entries = await new EntryService(factory).ListAsync(Anyone, model.Id, ct: ct);

        Assert.Equal(Microcircuit.PopulationNames, structure.Populations.Select(p => p.Name));
        Assert.Equal(["L2/3", "L4", "L5", "L6"], structure.Regions.Single().Layers.Select(l => l.Name));
        var probabilities = Microcircuit.ConnectionProbabilities;
        Assert.Equal(probabilities.Cast<double>().Count(p => p > 0), structure.Projections.Count);
        Assert.Equal(8 * 13 + structure.Projections.Count * 6, entries.Count);
        Assert.All(entries.Where(e => e.ParameterKey != "firing_rate"), e => Assert.Equal("10.1093/cercor/bhs358", e.Reference.Doi));
        Assert.Equal(77_169, entries.Where(e => e.ParameterKey == "neuron_count").Sum(e => e.Value));

        var populationOrder = structure.Populations.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var rates = entries.Where(e => e.ParameterKey == "firing_rate").OrderBy(e => populationOrder[e.Target.PopulationId!.Value]).ToList();
        Assert.Equal([0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829], rates.Select(e => e.Value!.Value));
        Assert.All(rates, e => Assert.Equal(MicrocircuitSeed.NestMethod, e.Method));

        // L4E → L2/3E: p = 0.0437, doubled PSP 0.3 mV ≈ 175.6 pA (87.81 pA per 0.15 mV).
        var names = structure.Populations.ToDictionary(p => p.Id, p => p.Name);
        var l4eToL23e = structure.Projections.Single(p => names[p.SourcePopulationId] == "L4E" && names[p.TargetPopulationId] == "L23E");
        var weight = entries.Single(e => e.Target.ProjectionId == l4eToL23e.Id && e.ParameterKey == "synaptic_weight");
        Assert.Equal(175.6, weight.Value!.Value, 0.1);
        Assert.Equal(0.0437, entries.Single(e => e.Target.ProjectionId == l4eToL23e.Id && e.ParameterKey == "connection_probability").Value);
    }

    [Fact]
    public async Task SnnBuilder_skeleton_has_region_totals_and_leaves_the_rest_as_gaps()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = PostgresFixture.CreateFactory(await postgres.CreateDatabaseAsync("seed"));
        await new CurationSeeder(factory).SeedAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var model = await db.BrainModels.SingleAsync(m => m.SeedKey == SnnBuilderSkeleton.SeedKey, ct);

        var structure = await new Core.Structure.StructureService(factory).GetAsync(Anyone, model.Id, ct);
        var estimates = await new EstimateService(factory).ListForModelAsync(Anyone, model.Id, ct);

        Assert.Equal(["M1", "S1", "VL", "VM", "BG", "CB-M1", "CB-S1"], structure.Regions.Select(r => r.Name));
        Assert.Equal(1_010_001, estimates.Sum(e => e.Value!.Value));
        Assert.All(estimates, e => Assert.Equal("neuron_count", e.ParameterKey));
        Assert.Equal((5, 19), (structure.Regions[0].DeclaredLayerCount!.Value, structure.Regions[0].DeclaredCellTypeCount!.Value));
        Assert.Equal((7, 21), (structure.Regions[1].DeclaredLayerCount!.Value, structure.Regions[1].DeclaredCellTypeCount!.Value));
        Assert.Empty(structure.Populations);
        Assert.All(structure.Regions, r => Assert.Empty(r.Layers));
        var coverage = await new CoverageService(factory).GetAsync(Anyone, model.Id, ct);
        Assert.Equal(7, coverage.FilledParameters);
        Assert.Equal([(5, 0, 19, 0), (7, 0, 21, 0)], coverage.Structure.Where(g => g.RegionName is "M1" or "S1")
            .Select(g => (g.DeclaredLayers!.Value, g.DefinedLayers, g.DeclaredCellTypes!.Value, g.DefinedPopulations)));
        Assert.Contains(coverage.Structure, g => g.RegionName == "BG" && g.DeclaredCellTypes == 5);
        var reference = await db.Entries.Where(e => e.ModelId == model.Id).Select(e => e.Reference!).Distinct().SingleAsync(ct);
        Assert.Null(reference.Doi);
        Assert.Contains("Gutierrez", reference.Citation);
    }
}

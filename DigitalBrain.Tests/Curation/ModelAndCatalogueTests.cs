using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using DigitalBrain.Core.Validation;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Curation;

public sealed class ModelAndCatalogueTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Members_are_managed_by_owners_and_a_model_keeps_an_owner()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);

        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Models.SetMemberAsync(bed.Curator, bed.ModelId, "outsider", ModelRole.Viewer, ct));
        var lastOwner = await Assert.ThrowsAsync<ValidationException>(() => bed.Models.SetMemberAsync(bed.Owner, bed.ModelId, "owner", ModelRole.Viewer, ct));
        await Assert.ThrowsAsync<ValidationException>(() => bed.Models.RemoveMemberAsync(bed.Owner, bed.ModelId, "owner", ct));
        await bed.Models.SetMemberAsync(bed.Owner, bed.ModelId, "outsider", ModelRole.Viewer, ct);

        Assert.Equal(("role", "last-owner"), (lastOwner.Errors.Single().Field, lastOwner.Errors.Single().Rule));
        Assert.Equal(ModelRole.Viewer, (await bed.Models.GetAsync(bed.Outsider, bed.ModelId, ct)).MyRole);
        Assert.Equal(["owner", "curator", "curator2", "outsider", "viewer"], (await bed.Models.ListMembersAsync(bed.Viewer, bed.ModelId, ct)).Select(m => m.UserId));
        Assert.Equal(ModelRole.Owner, (await bed.Models.GetAsync(bed.Admin, bed.ModelId, ct)).MyRole);
    }

    [Fact]
    public async Task Deleting_a_population_takes_its_projections_entries_and_estimates_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10), ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Projection, CurationTestBed.Input("delay", 1.5), ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Structure.DeletePopulationAsync(bed.Curator, bed.ModelId, bed.PopulationId, ct));
        await bed.Structure.DeletePopulationAsync(bed.Owner, bed.ModelId, bed.PopulationId, ct);

        var structure = await bed.Structure.GetAsync(bed.Viewer, bed.ModelId, ct);
        Assert.Equal(["L23I"], structure.Populations.Select(p => p.Name));
        Assert.Empty(structure.Projections);
        var (entries, audits, estimates, _) = await bed.CountsAsync();
        Assert.Equal((0, 0, 2), (entries, estimates, audits)); // the history outlives the entries
    }

    [Fact]
    public async Task Structure_input_is_validated()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);

        var unknownModel = await Assert.ThrowsAsync<ValidationException>(() => bed.Structure.AddPopulationAsync(bed.Owner, bed.ModelId,
            new PopulationInput(bed.RegionId, null, "X", "", "hodgkin_huxley_9000"), ct));
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => bed.Structure.AddPopulationAsync(bed.Owner, bed.ModelId,
            new PopulationInput(bed.RegionId, null, "L23E", "", "iaf_psc_alpha"), ct));

        Assert.Equal("neuronModel", unknownModel.Errors.Single().Field);
        Assert.Equal(("name", "unique"), (duplicate.Errors.Single().Field, duplicate.Errors.Single().Rule));
    }

    [Fact]
    public async Task Only_an_admin_adds_a_catalogue_parameter_and_it_is_then_usable()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        ParameterDefinition Spine() => new()
        {
            Key = "spine_density", Group = "Dendrite extent", Name = "Spine density", Unit = "1/µm",
            MinValue = 0, MaxValue = 20, AppliesTo = TargetKinds.Population,
        };

        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Catalogue.AddAsync(bed.Owner, Spine(), ct));
        var badRange = await Assert.ThrowsAsync<ValidationException>(() => bed.Catalogue.AddAsync(bed.Admin,
            new ParameterDefinition { Key = "x", Group = "g", Name = "n", Unit = "u", MinValue = 2, MaxValue = 1, AppliesTo = TargetKinds.Population }, ct));
        await bed.Catalogue.AddAsync(bed.Admin, Spine(), ct);
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => bed.Catalogue.AddAsync(bed.Admin, Spine(), ct));
        var entry = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("spine_density", 1.2), ct);

        Assert.Equal("min-le-max", badRange.Errors.Single().Rule);
        Assert.Equal(("key", "unique"), (duplicate.Errors.Single().Field, duplicate.Errors.Single().Rule));
        Assert.Equal("1/µm", entry.Unit);
        await using var db = await bed.Factory.CreateDbContextAsync(ct);
        Assert.Equal(Core.Seeding.CatalogueData.Definitions().Count + 1, await db.ParameterDefinitions.CountAsync(ct));
    }
}

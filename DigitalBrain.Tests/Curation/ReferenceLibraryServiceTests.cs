using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Curation;

public sealed class ReferenceLibraryServiceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Search_pages_in_the_database_and_citations_show_only_models_the_reader_may_see()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        var library = new ReferenceLibraryService(bed.Factory);
        var references = new ReferenceService(bed.Factory);
        for (var i = 0; i < 30; i++)
            await references.GetOrCreateAsync($"10.5555/bulk.{i}", null, $"Bulk paper {i} on 50%_cortex", ct);
        var cited = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, new EntryInput
        {
            ParameterKey = "tau_m", Value = 14, Doi = "10.1093/cercor/bhs358", Citation = "Potjans TC, Diesmann M (2014) Cereb Cortex",
        }, ct);
        await bed.Entries.AddAsync(bed.OtherCurator, bed.ModelId, bed.Projection, new EntryInput
        {
            ParameterKey = "connection_probability", Value = 0.05, Doi = "10.1093/cercor/bhs358",
        }, ct);

        var first = await library.SearchAsync(bed.Viewer, null, null, 0, 10, ct);
        Assert.Equal((31, 10), (first.Total, first.Items.Count));
        var potjans = (await library.SearchAsync(bed.Viewer, "DIESMANN", null, 0, 10, ct)).Items;
        Assert.Equal(2, Assert.Single(potjans).CitingEntries);
        Assert.Equal(cited.Reference.Id, (await library.SearchAsync(bed.Viewer, "cercor/bhs358", null, 0, 10, ct)).Items.Single().Id);
        // % and _ are searched literally, not as wildcards.
        Assert.Equal(30, (await library.SearchAsync(bed.Viewer, "50%_c", null, 0, 100, ct)).Total);
        Assert.Equal(0, (await library.SearchAsync(bed.Viewer, "5%c", null, 0, 100, ct)).Total);
        var inModel = await library.SearchAsync(bed.Viewer, null, bed.ModelId, 0, 10, ct);
        Assert.Equal(cited.Reference.Id, Assert.Single(inModel.Items).Id);

        var citations = await library.CitationsAsync(bed.Viewer, cited.Reference.Id, ct);
        Assert.Equal(["L23E → L23I", "L23E"], citations.Select(c => c.TargetName).Order(StringComparer.Ordinal).Reverse());
        var tau = Assert.Single(citations, c => c.ParameterKey == "tau_m");
        Assert.Equal((14.0, "ms", "curator", "Test model"), (tau.Value!.Value, tau.Unit, tau.AuthorName, tau.ModelName));

        // The outsider sees the shared reference but not the private model's entries.
        Assert.Equal(0, (await library.SearchAsync(bed.Outsider, "Diesmann", null, 0, 10, ct)).Items.Single().CitingEntries);
        Assert.Empty(await library.CitationsAsync(bed.Outsider, cited.Reference.Id, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => library.SearchAsync(bed.Outsider, null, bed.ModelId, 0, 10, ct));
        Assert.Equal(2, (await library.CitationsAsync(bed.Admin, cited.Reference.Id, ct)).Count);
    }
}

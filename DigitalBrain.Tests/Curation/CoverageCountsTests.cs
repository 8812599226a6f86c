using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Curation;

public sealed class CoverageCountsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Counts_are_per_target_and_parameter_without_excluded_entries_and_the_todo_list_holds_cells_below_two()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10, "10.1000/a"), ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 12, "10.1000/b"), ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 250, "10.1000/a"), ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("c_m", 300, "10.1000/b") with { SetAs = SetAs.Excluded }, ct);
        await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Projection, CurationTestBed.Input("connection_probability", 0.1), ct);

        var counts = await new CoverageService(bed.Factory).CountsAsync(bed.Viewer, bed.ModelId, ct);

        Assert.Equal(["L23E", "L23I"], counts.Populations.Select(p => p.Name));
        Assert.Equal("L23E → L23I", Assert.Single(counts.Projections).Name);
        Assert.Equal(2, counts.Count(bed.PopulationId, "tau_m"));
        Assert.Equal(1, counts.Count(bed.PopulationId, "c_m"));
        Assert.Equal(0, counts.Count(bed.OtherPopulationId, "tau_m"));
        Assert.Equal(1, counts.Count(bed.ProjectionId, "connection_probability"));

        var cells = 2 * counts.PopulationParameters.Count + counts.ProjectionParameters.Count;
        Assert.Equal((cells, 2, 1), counts.Totals());
        var todo = counts.Todo().ToList();
        Assert.Equal(cells - 1, todo.Count);
        Assert.DoesNotContain(todo, t => t.Target.Target.PopulationId == bed.PopulationId && t.Parameter.Key == "tau_m");
        Assert.Equal(cells - 3, todo.TakeWhile(t => t.Entries == 0).Count());
        Assert.Contains(counts.PopulationParameters, p => p.Key == "tau_m" && p.Unit == "ms");
        Assert.DoesNotContain(counts.PopulationParameters, p => p.Key == "connection_probability");
    }
}

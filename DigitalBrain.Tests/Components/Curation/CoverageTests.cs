using Bunit;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Web.Components.Coverage;

namespace DigitalBrain.Tests.Components.Curation;

public sealed class CoverageTests : MudComponentTest
{
    private static readonly Guid ModelId = Guid.NewGuid();
    private static readonly CoverageTarget A = new(EstimateTarget.ForPopulation(Guid.NewGuid()), "L4E");
    private static readonly CoverageTarget B = new(EstimateTarget.ForPopulation(Guid.NewGuid()), "L4I");
    private static readonly CoverageTarget AtoB = new(EstimateTarget.ForProjection(Guid.NewGuid()), "L4E → L4I", A.Target.Id, B.Target.Id);
    private static readonly CoverageParameter Tau = new("tau_m", "Membrane time constant", "Neuron model", "ms");
    private static readonly CoverageParameter Rate = new("firing_rate", "Firing rate", "Firing rate", "Hz");
    private static readonly CoverageParameter P = new("connection_probability", "Connection probability", "Connectivity", "1");

    private static CoverageCounts Counts(params ((Guid, string), int)[] cells) =>
        new([A, B], [AtoB], [Tau, Rate], [P], cells.ToDictionary(c => c.Item1, c => c.Item2));

    [Fact]
    public void The_todo_list_links_each_uncovered_cell_to_its_curation_tab_none_first()
    {
        var counts = Counts(((A.Target.Id, "tau_m"), 3), ((B.Target.Id, "tau_m"), 1));

        var cut = RenderInteractive<CoverageTodoList>(p => p.Add(x => x.ModelId, ModelId).Add(x => x.Counts, counts));

        var links = cut.FindAll("[data-testid=todo-link]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(4, links.Count);
        Assert.Contains($"/models/{ModelId}/populations/{A.Target.Id}?parameter=firing_rate", links);
        Assert.Contains($"/models/{ModelId}/projections/{AtoB.Target.Id}?parameter=connection_probability", links);
        Assert.DoesNotContain($"/models/{ModelId}/populations/{A.Target.Id}?parameter=tau_m", links);
        Assert.Equal($"/models/{ModelId}/populations/{B.Target.Id}?parameter=tau_m", links[^1]);
    }

    [Fact]
    public void A_fully_covered_model_has_an_empty_todo_list_that_says_so()
    {
        var counts = Counts(((A.Target.Id, "tau_m"), 2), ((A.Target.Id, "firing_rate"), 2), ((B.Target.Id, "tau_m"), 5),
            ((B.Target.Id, "firing_rate"), 2), ((AtoB.Target.Id, "connection_probability"), 2));

        var cut = RenderInteractive<CoverageTodoList>(p => p.Add(x => x.ModelId, ModelId).Add(x => x.Counts, counts));

        Assert.Empty(cut.FindAll("[data-testid=todo-link]"));
        Assert.Contains("every cell in this selection has two or more entries", cut.Find("[data-testid=todo-empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal((5, 0, 5), counts.Totals());
    }

    [Fact]
    public void Heat_maps_cap_counts_at_several_and_leave_pairs_without_a_projection_blank()
    {
        var counts = Counts(((A.Target.Id, "tau_m"), 7), ((AtoB.Target.Id, "connection_probability"), 1));

        var populations = CoverageCharts.Populations(counts);
        Assert.Equal(["L4E", "L4I"], populations.Rows);
        Assert.Equal(["Membrane time constant", "Firing rate"], populations.Columns);
        Assert.Equal(7, populations.Counts[0, 0]);
        Assert.Equal((B.Target, "firing_rate"), populations.CellAt(1, 1));
        var z = (List<object>)((Plotly.Blazor.Traces.HeatMap)CoverageCharts.HeatMap(populations, "")[0]).Z;
        Assert.Equal([2, 0], ((List<object?>)z[0]).Cast<int?>());

        var projections = CoverageCharts.Projections(counts, "connection_probability");
        Assert.Equal(1, projections.Counts[0, 1]);
        Assert.Equal(-1, projections.Counts[1, 0]);
        Assert.Equal((AtoB.Target, "connection_probability"), projections.CellAt(0, 1));
        Assert.Null(projections.CellAt(1, 0));
        var pz = (List<object>)((Plotly.Blazor.Traces.HeatMap)CoverageCharts.HeatMap(projections, "")[0]).Z;
        Assert.Null(((List<object?>)pz[1])[0]);
    }
}

using DigitalBrain.Core.Curation;

namespace DigitalBrain.Core.Seeding;

/// <summary>Seeds <see cref="SnnBuilderSkeleton"/>: regions and their neuron totals only.</summary>
internal static class SnnBuilderSeed
{
    public const string Description =
        "Skeleton of the SNNBuilder whole-brain model (Gutierrez et al., OIST): motor and somatosensory "
        + "cortex, motor thalamus (VL, VM), basal ganglia and the cerebellar parts connected with M1 and S1, "
        + "1,010,001 neurons in all. Only the region totals are entered; the layers, cell types and "
        + "their parameters are gaps waiting for curators.";

    public static async Task BuildAsync(DemoModelBuilder b, CancellationToken ct)
    {
        var source = await b.ReferenceAsync(null, SnnBuilderSkeleton.Citation, ct);
        foreach (var r in SnnBuilderSkeleton.Regions)
        {
            var region = b.Region(r.Category, r.Name, r.Description, r.Layers, r.CellTypes);
            b.Entry(EstimateTarget.ForRegion(region.Id), "neuron_count", r.Neurons, source, "whole-brain model region total");
        }
    }
}

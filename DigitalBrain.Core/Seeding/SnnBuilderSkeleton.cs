namespace DigitalBrain.Core.Seeding;

/// <summary>
/// The regions of the SNNBuilder whole-brain model (Gutierrez et al., OIST) with the neuron totals,
/// layer counts and cell-type counts that work states — 1,010,001 neurons in all. Nothing finer
/// (layer names, the split into types, parameters) is known here, so nothing finer is seeded:
/// those are gaps for curators.
/// </summary>
internal static class SnnBuilderSkeleton
{
    public const string SeedKey = "snnbuilder-whole-brain";
    public const string ModelName = "SNNBuilder whole-brain skeleton";
    public const string Citation = "Gutierrez et al., SNNBuilder whole-brain spiking network model, Okinawa Institute of Science and Technology (OIST)";

    public sealed record RegionTotal(string Category, string Name, string Description, int Neurons, int? Layers, int? CellTypes);

    public static IReadOnlyList<RegionTotal> Regions { get; } =
    [
        new("Ctx", "M1", "Primary motor cortex", 58_805, 5, 19),
        new("Ctx", "S1", "Primary somatosensory cortex", 94_396, 7, 21),
        new("TH", "VL", "Ventrolateral thalamus", 8_192, null, null),
        new("TH", "VM", "Ventromedial thalamus", 8_192, null, null),
        new("BG", "BG", "Basal ganglia", 10_976, null, 5),
        new("CB", "CB-M1", "Cerebellum, part connected with M1", 414_720, null, null),
        new("CB", "CB-S1", "Cerebellum, part connected with S1", 414_720, null, null),
    ];
}

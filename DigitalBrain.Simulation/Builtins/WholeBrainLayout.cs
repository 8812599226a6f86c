namespace DigitalBrain.Simulation.Builtins;

/// <summary>
/// The regions, layers and cell types of the SNNBuilder whole-brain model (Gutierrez et al., OIST;
/// HBP Partnering Projects meeting 2022): cortex M1 58,805 and S1 94,396 neurons, thalamus VL and
/// VM 8,192 each, basal ganglia 10,976, cerebellum M1 and S1 parts 414,720 each — 1,010,001 neurons
/// in 33 layers and 65 cell types. The region totals are the model's; the split into layers and
/// types is ours (plausible proportions that add up to those totals), because it is the size and
/// shape that this benchmark exercises, not the biology.
/// </summary>
public static class WholeBrainLayout
{
    /// <summary>One cell type of one layer; <see cref="Share"/> is its part of the region's neurons.</summary>
    public sealed record CellType(string Region, string Layer, string Type, bool Excitatory, double Share);

    /// <summary>A region: name, total neurons, the layers whose excitatory cells project out of it,
    /// and the regions whose excitatory cells project into it (with the part of each target's
    /// excitatory in-degree that comes from them; from the region itself all its excitatory types
    /// count, from another region only its output layers).</summary>
    public sealed record RegionLayout(string Name, int Neurons, IReadOnlyList<string> OutputLayers, IReadOnlyList<(string Region, double Share)> Afferents);

    public static IReadOnlyList<RegionLayout> Regions { get; } =
    [
        new("M1", 58_805, ["L5B", "L6"], [("M1", 0.75), ("S1", 0.15), ("VL", 0.10)]),
        new("S1", 94_396, ["L5B", "L6A", "L6B"], [("S1", 0.80), ("M1", 0.10), ("VM", 0.10)]),
        new("VL", 8_192, ["VL"], [("M1", 0.6), ("CB_M1", 0.4)]),
        new("VM", 8_192, ["VM"], [("S1", 0.6), ("CB_S1", 0.4)]),
        new("BG", 10_976, ["STN"], [("M1", 0.4), ("S1", 0.4), ("BG", 0.2)]),
        new("CB_M1", 414_720, ["Nuclei"], [("CB_M1", 0.85), ("M1", 0.15)]),
        new("CB_S1", 414_720, ["Nuclei"], [("CB_S1", 0.85), ("S1", 0.15)]),
    ];

    public static IReadOnlyList<CellType> CellTypes { get; } =
    [
        // M1: 5 layers, 19 types.
        new("M1", "L1", "NGC", false, 0.015),
        new("M1", "L23", "PYR", true, 0.215), new("M1", "L23", "PV", false, 0.024), new("M1", "L23", "SST", false, 0.016), new("M1", "L23", "VIP", false, 0.020),
        new("M1", "L5A", "PYR", true, 0.120), new("M1", "L5A", "PV", false, 0.014), new("M1", "L5A", "SST", false, 0.010), new("M1", "L5A", "VIP", false, 0.006),
        new("M1", "L5B", "IT", true, 0.090), new("M1", "L5B", "PT", true, 0.080), new("M1", "L5B", "PV", false, 0.020), new("M1", "L5B", "SST", false, 0.014), new("M1", "L5B", "VIP", false, 0.006),
        new("M1", "L6", "CT", true, 0.160), new("M1", "L6", "IT", true, 0.140), new("M1", "L6", "PV", false, 0.022), new("M1", "L6", "SST", false, 0.020), new("M1", "L6", "VIP", false, 0.008),
        // S1: 7 layers, 21 types.
        new("S1", "L1", "NGC", false, 0.012),
        new("S1", "L23", "PYR", true, 0.200), new("S1", "L23", "PV", false, 0.022), new("S1", "L23", "SST", false, 0.014), new("S1", "L23", "VIP", false, 0.018),
        new("S1", "L4", "SS", true, 0.180), new("S1", "L4", "PV", false, 0.024), new("S1", "L4", "SST", false, 0.010),
        new("S1", "L5A", "PYR", true, 0.080), new("S1", "L5A", "PV", false, 0.010), new("S1", "L5A", "SST", false, 0.008),
        new("S1", "L5B", "PYR", true, 0.090), new("S1", "L5B", "PV", false, 0.014), new("S1", "L5B", "SST", false, 0.010), new("S1", "L5B", "VIP", false, 0.004),
        new("S1", "L6A", "CT", true, 0.150), new("S1", "L6A", "PV", false, 0.016), new("S1", "L6A", "SST", false, 0.012),
        new("S1", "L6B", "PYR", true, 0.106), new("S1", "L6B", "PV", false, 0.010), new("S1", "L6B", "SST", false, 0.010),
        // Thalamus: one layer and two types each.
        new("VL", "VL", "TC", true, 0.75), new("VL", "VL", "IN", false, 0.25),
        new("VM", "VM", "TC", true, 0.75), new("VM", "VM", "IN", false, 0.25),
        // Basal ganglia: five nuclei, one type each.
        new("BG", "StrD1", "MSN_D1", false, 4_900 / 10_976.0), new("BG", "StrD2", "MSN_D2", false, 4_900 / 10_976.0),
        new("BG", "GPe", "GPe", false, 640 / 10_976.0), new("BG", "STN", "STN", true, 186 / 10_976.0), new("BG", "SNr", "SNr", false, 350 / 10_976.0),
        // Cerebellum (Yamazaki & Nagao 2012 cell classes), 7 layers and 8 types per part.
        .. Cerebellum("CB_M1"),
        .. Cerebellum("CB_S1"),
    ];

    private static CellType[] Cerebellum(string region)
    {
        const double total = 414_720;
        return
        [
            new(region, "Granular", "GR", true, 409_600 / total),
            new(region, "Golgi", "GO", false, 1_024 / total),
            new(region, "Purkinje", "PKJ", false, 1_024 / total),
            new(region, "MolecularBasket", "BS", false, 1_024 / total),
            new(region, "MolecularStellate", "ST", false, 1_024 / total),
            new(region, "Nuclei", "DCN_E", true, 512 / total),
            new(region, "Nuclei", "DCN_I", false, 256 / total),
            new(region, "InferiorOlive", "IO", true, 256 / total),
        ];
    }

    /// <summary>Neurons per cell type at full size: shares rounded, the remainder given to the
    /// region's largest type, so that every region total is exact.</summary>
    public static IReadOnlyList<int> Sizes()
    {
        var sizes = new int[CellTypes.Count];
        foreach (var region in Regions)
        {
            var indices = Enumerable.Range(0, CellTypes.Count).Where(i => CellTypes[i].Region == region.Name).ToList();
            foreach (var i in indices)
                sizes[i] = (int)Math.Round(CellTypes[i].Share * region.Neurons);
            var largest = indices.MaxBy(i => sizes[i]);
            sizes[largest] += region.Neurons - indices.Sum(i => sizes[i]);
        }
        return sizes;
    }
}

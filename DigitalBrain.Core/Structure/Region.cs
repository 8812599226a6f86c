namespace DigitalBrain.Core.Structure;

/// <summary>A brain region (M1, S1, VL…) under a category (Ctx, TH, BG, CB…).</summary>
public sealed class Region
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public string Category { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>How many layers / cell types the source describes, even when they are not yet
    /// curated: the difference to what exists is a gap shown to curators.</summary>
    public int? DeclaredLayerCount { get; set; }
    public int? DeclaredCellTypeCount { get; set; }
    public int SortOrder { get; set; }
    public List<Layer> Layers { get; set; } = [];
}

public sealed class Layer
{
    public Guid Id { get; set; }
    public Guid RegionId { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
}

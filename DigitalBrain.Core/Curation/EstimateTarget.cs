namespace DigitalBrain.Core.Curation;

/// <summary>What an entry or estimate is about: exactly one region, population or projection.</summary>
public readonly record struct EstimateTarget(Guid? RegionId, Guid? PopulationId, Guid? ProjectionId)
{
    public static EstimateTarget ForRegion(Guid id) => new(id, null, null);
    public static EstimateTarget ForPopulation(Guid id) => new(null, id, null);
    public static EstimateTarget ForProjection(Guid id) => new(null, null, id);

    public bool IsValid => (RegionId.HasValue ? 1 : 0) + (PopulationId.HasValue ? 1 : 0) + (ProjectionId.HasValue ? 1 : 0) == 1;

    public Catalogue.TargetKinds Kind =>
        RegionId.HasValue ? Catalogue.TargetKinds.Region
        : PopulationId.HasValue ? Catalogue.TargetKinds.Population
        : ProjectionId.HasValue ? Catalogue.TargetKinds.Projection
        : Catalogue.TargetKinds.None;

    public Guid Id => RegionId ?? PopulationId ?? ProjectionId ?? Guid.Empty;
}

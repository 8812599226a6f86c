namespace DigitalBrain.Simulation.Export;

/// <summary>What an export says about where it came from; every member is optional.</summary>
/// <param name="ModelName">Name of the BrainModel the spec was compiled from.</param>
/// <param name="VersionHash">Content hash of the ModelVersion.</param>
/// <param name="CreatedAt">When the version (or, without one, the export) was made.</param>
public sealed record ExportContext(string? ModelName = null, string? VersionHash = null, DateTimeOffset? CreatedAt = null)
{
    /// <summary>No model, hash or date.</summary>
    public static ExportContext None { get; } = new();
}

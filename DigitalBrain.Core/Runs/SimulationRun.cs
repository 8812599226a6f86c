using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Core.Runs;

/// <summary>One simulation of a <see cref="Versions.ModelVersion"/>: its settings, its live status
/// and, once it succeeded, its summary figures (per-population results and spikes are rows of
/// their own).</summary>
public sealed class SimulationRun
{
    public Guid Id { get; set; }
    public Guid ModelVersionId { get; set; }
    public Guid BrainModelId { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    // Settings (fixed at launch).
    public double SimulateMs { get; set; }
    public double PresimMs { get; set; }
    public ulong Seed { get; set; }
    public double Scale { get; set; } = 1.0;
    public BackendKind Backend { get; set; } = BackendKind.Auto;
    public string Queue { get; set; } = "";

    // Live state.
    public RunStatus Status { get; set; }
    public double Progress { get; set; }
    public double SimulatedMs { get; set; }
    public double WallSeconds { get; set; }
    public double? EtaSeconds { get; set; }
    public bool CancelRequested { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public string? JobId { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Population spike counts of the bins completed so far (<see cref="LiveRateTrace"/> JSON),
    /// while the run is in progress; cleared when it succeeds, since the results replace it.</summary>
    public string? LiveRates { get; set; }

    // Outcome.
    public string? BackendUsed { get; set; }
    public int? Threads { get; set; }
    public long? Neurons { get; set; }
    public long? Synapses { get; set; }
    public double? BuildSeconds { get; set; }
    public double? SimulateSeconds { get; set; }
    public double? RealTimeFactor { get; set; }
    public long? PeakMemoryBytes { get; set; }
    public long? SpikeCount { get; set; }
    /// <summary>True when the full spike data exceeded the per-run cap and only part was stored.</summary>
    public bool SpikesTruncated { get; set; }
}

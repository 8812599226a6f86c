namespace DigitalBrain.Core.Runs;

/// <summary>Where a run is. Succeeded, Failed and Cancelled are final.</summary>
public enum RunStatus
{
    Queued = 0,
    Building = 1,
    Running = 2,
    Analysing = 3,
    Succeeded = 4,
    Failed = 5,
    Cancelled = 6,
}

public static class RunStatusExtensions
{
    public static bool IsFinal(this RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}

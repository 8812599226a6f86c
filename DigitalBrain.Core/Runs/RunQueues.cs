using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Core.Runs;

/// <summary>The Hangfire queues that simulation runs go to: small runs must not wait behind a
/// whole-brain run, and GPU runs need a GPU worker.</summary>
public static class RunQueues
{
    public const string Small = "small";
    public const string Large = "large";
    public const string Gpu = "gpu";

    /// <summary>Runs with more neuron·seconds than this go to the large queue.</summary>
    public const double LargeRunNeuronSeconds = 2e5;

    public static string QueueFor(BackendKind backend, long neurons, double scale, double totalMs) =>
        backend == BackendKind.Gpu ? Gpu
        : neurons * scale * totalMs / 1000.0 > LargeRunNeuronSeconds ? Large
        : Small;
}

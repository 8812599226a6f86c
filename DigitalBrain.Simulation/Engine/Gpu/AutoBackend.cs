using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary><see cref="BackendKind.Auto"/> on a machine with a GPU: runs the GPU backend, and a spec it
/// refuses (a neuron model or connection rule it lacks; refused while building, before any step) on the
/// CPU backend, with one log line saying why.</summary>
internal sealed class AutoBackend(ISimulationBackend gpu, Action<string>? log) : ISimulationBackend
{
    public string Name => gpu.Name;

    public SimulationOutput Run(NetworkSpec spec, SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        try
        {
            return gpu.Run(spec, options, progress, ct);
        }
        catch (NotSupportedException e)
        {
            log?.Invoke($"backend auto: {e.Message} Falling back to the CPU backend.");
            return new CpuBackend().Run(spec, options, progress, ct);
        }
    }
}

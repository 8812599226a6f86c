using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Engine.Gpu;

namespace DigitalBrain.Simulation.Engine;

/// <summary>Picks the backend for a <see cref="BackendKind"/>: <see cref="BackendKind.Gpu"/> and
/// <see cref="BackendKind.Auto"/> take the ILGPU backend on a CUDA device when one is present, and
/// otherwise fall back to the CPU and say so. Auto also falls back, per run, for a spec the GPU backend
/// refuses while building (e.g. more than 2³¹ − 1 stored synapses); an explicit Gpu request fails instead.</summary>
public static class SimulationBackends
{
    /// <summary>The backend to use; <paramref name="log"/> receives one line when the choice falls back.</summary>
    public static ISimulationBackend Create(BackendKind kind, Action<string>? log = null)
    {
        if (kind == BackendKind.Cpu)
        {
            return new CpuBackend();
        }

        string reason;
        try
        {
            var host = GpuHost.Instance;
            if (host.HasCuda)
            {
                return kind == BackendKind.Auto ? new AutoBackend(GpuBackend.Cuda(), log) : GpuBackend.Cuda();
            }

            reason = host.Describe();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A missing or broken CUDA driver surfaces here; the CPU can still run the model.
            reason = $"{e.GetType().Name}: {e.Message}";
        }

        log?.Invoke($"backend {kind.ToString().ToLowerInvariant()}: {reason}; falling back to the CPU backend");
        return new CpuBackend();
    }
}

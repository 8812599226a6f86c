using DigitalBrain.Simulation.Engine.Cpu;

namespace DigitalBrain.Simulation.Engine;

/// <summary>Picks the backend for a <see cref="BackendKind"/>. Until the ILGPU backend is registered here,
/// <see cref="BackendKind.Gpu"/> and <see cref="BackendKind.Auto"/> fall back to the CPU and say so.</summary>
public static class SimulationBackends
{
    /// <summary>The backend to use; <paramref name="log"/> receives one line when the choice falls back.</summary>
    public static ISimulationBackend Create(BackendKind kind, Action<string>? log = null)
    {
        if (kind != BackendKind.Cpu)
        {
            log?.Invoke($"backend {kind.ToString().ToLowerInvariant()}: no GPU backend is available in this build; falling back to the CPU backend");
        }

        return new CpuBackend();
    }
}

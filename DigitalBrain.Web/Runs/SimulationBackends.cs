using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Web.Runs;

/// <summary>Picks the engine for a run: the GPU when asked and present, else the CPU, saying so.</summary>
public sealed class SimulationBackends(ILogger<SimulationBackends> logger)
{
    private readonly ISimulationBackend _cpu = new CpuBackend();

    public ISimulationBackend Select(BackendKind kind)
    {
        if (kind is BackendKind.Gpu or BackendKind.Auto)
            logger.LogInformation("No GPU backend in this build: running on the CPU backend instead");
        return _cpu;
    }
}

using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Gpu;

namespace DigitalBrain.Tests.Simulation.Gpu;

/// <summary>The backend conformance suite on ILGPU's CPU accelerator: the GPU kernels, emulated.</summary>
public sealed class GpuCpuAcceleratorConformanceTests : BackendConformanceTests
{
    protected override ISimulationBackend CreateBackend() => GpuBackend.CpuAccelerator();
}

/// <summary>The backend conformance suite on a CUDA device; every test skips, saying why, without one.</summary>
public sealed class GpuCudaConformanceTests : BackendConformanceTests
{
    protected override ISimulationBackend CreateBackend()
    {
        if (!GpuHost.Instance.HasCuda)
        {
            Assert.Skip($"no CUDA device: {GpuHost.Instance.Describe()}");
        }

        return GpuBackend.Cuda();
    }
}

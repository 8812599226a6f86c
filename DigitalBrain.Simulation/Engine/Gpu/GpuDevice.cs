using ILGPU;
using ILGPU.Runtime;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>One accelerator with the backend's kernels, each compiled and loaded once.</summary>
internal sealed class GpuDevice : IDisposable
{
    public GpuDevice(Accelerator accelerator, string name)
    {
        Accelerator = accelerator;
        Name = name;
        NeuronStep = accelerator.LoadAutoGroupedStreamKernel<Index1D, NeuronArgs, StepArgs>(GpuKernels.NeuronStep);
        Deliver = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeliverArgs, int, int>(GpuKernels.Deliver);
        Connect = accelerator.LoadAutoGroupedStreamKernel<Index1D, ProjectionParams, BuildArgs>(GpuKernels.Connect);
        ScanRows = accelerator.LoadAutoGroupedStreamKernel<Index1D, ProjectionParams, ScanArgs>(GpuKernels.ScanRows);
    }

    public Accelerator Accelerator { get; }
    public string Name { get; }

    /// <summary>Serialises runs: one network on the device at a time.</summary>
    public Lock RunLock { get; } = new();

    public Action<Index1D, NeuronArgs, StepArgs> NeuronStep { get; }
    public Action<Index1D, DeliverArgs, int, int> Deliver { get; }
    public Action<Index1D, ProjectionParams, BuildArgs> Connect { get; }
    public Action<Index1D, ProjectionParams, ScanArgs> ScanRows { get; }

    public void Dispose() => Accelerator.Dispose();
}

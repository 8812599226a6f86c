using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>The process-wide ILGPU context and its accelerators: the first CUDA device when there is one,
/// and ILGPU's CPU accelerator (a kernel emulator, for tests) when asked for. Each accelerator is created
/// once with its kernels compiled once (<see cref="GpuDevice"/>) and shared by every run, one run at a time.</summary>
public sealed class GpuHost : IDisposable
{
    private static readonly Lazy<GpuHost> Shared = new(() => new GpuHost());
    private readonly Context _context;
    private readonly Lazy<GpuDevice?> _cuda;
    private readonly Lazy<GpuDevice> _cpu;

    private GpuHost()
    {
        _context = Context.Create(builder => builder.Default().Math(MathMode.Default));
        _cuda = new Lazy<GpuDevice?>(() =>
        {
            var devices = _context.GetCudaDevices();
            return devices.Count == 0 ? null : new GpuDevice(devices[0].CreateAccelerator(_context), "cuda");
        });
        // Two emulated threads per group (ILGPU's minimum): ILGPU's default CPU device runs 16 OS threads that meet at every
        // launch, which on a shared CI machine costs more than the kernels; ours use no barriers or warp
        // intrinsics, so a group of two computes the same.
        _cpu = new Lazy<GpuDevice>(() => new GpuDevice(new CPUDevice(2, 1, 1).CreateCPUAccelerator(_context, CPUAcceleratorMode.Parallel), "ilgpu-cpu"));
    }

    /// <summary>The one host of this process.</summary>
    public static GpuHost Instance => Shared.Value;

    /// <summary>Whether ILGPU sees a CUDA device (drivers present and a GPU attached).</summary>
    public bool HasCuda => CudaDevice is not null;

    /// <summary>The first CUDA device's accelerator with its kernels, or null without one.</summary>
    internal GpuDevice? CudaDevice => _cuda.Value;

    /// <summary>ILGPU's CPU accelerator with its kernels.</summary>
    internal GpuDevice CpuDevice => _cpu.Value;

    /// <summary>Describes the CUDA device, or says why there is none.</summary>
    public string Describe() => CudaDevice is { } d ? d.Accelerator.Name : $"no CUDA device among {_context.Devices.Length} ILGPU devices ({string.Join(", ", _context.Devices.Select(x => x.AcceleratorType))})";

    public void Dispose()
    {
        if (_cuda.IsValueCreated)
        {
            _cuda.Value?.Dispose();
        }

        if (_cpu.IsValueCreated)
        {
            _cpu.Value.Dispose();
        }

        _context.Dispose();
    }
}

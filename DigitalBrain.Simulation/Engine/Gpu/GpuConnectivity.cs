using DigitalBrain.Simulation.Engine.Cpu;
using ILGPU;
using ILGPU.Runtime;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// Connectivity built on the device from the counter-based RNG. Stored projections are CSR rows by
/// source: each synapse is one 64-bit word, target (32 bits) | delay in steps (8 bits) | weight as a
/// signed 24-bit fixed-point integer round(w·2^k) (24 bits), i.e. 8 bytes per synapse. Two passes of
/// <see cref="GpuKernels.Connect"/>: the first counts each source's synapses (and the largest delay), the
/// host turns the counts into row starts (one int per neuron), the second writes every synapse into its
/// row. The order inside a row is that of the threads, which does not matter: delivery sums integers.
/// Procedural projections (<see cref="ConnectivityMode"/>) store nothing per synapse: their parameters,
/// and for fixed_total_number one row length per source, are all the device keeps (see GpuProceduralKernels.cs).
/// </summary>
internal sealed class GpuConnectivity : IDisposable
{
    private const int Chunk = 1 << 22;

    private GpuConnectivity(MemoryBuffer1D<int, Stride1D.Dense> rowStart, MemoryBuffer1D<ulong, Stride1D.Dense> synapses, GpuProceduralRows procedural, long stored, int maxDelay, double scale)
    {
        (RowStart, Synapses, Procedural, StoredCount, MaxDelaySteps, WeightScale) = (rowStart, synapses, procedural, stored, maxDelay, scale);
    }

    public MemoryBuffer1D<int, Stride1D.Dense> RowStart { get; }
    public MemoryBuffer1D<ulong, Stride1D.Dense> Synapses { get; }
    public GpuProceduralRows Procedural { get; }
    public long StoredCount { get; }
    /// <summary>All synapses, stored and procedural.</summary>
    public long Count => StoredCount + Procedural.Count;
    public int MaxDelaySteps { get; }
    /// <summary>2^k of the fixed-point weights (and of the ring sums).</summary>
    public double WeightScale { get; }
    /// <summary>Device bytes of connectivity: row starts and 8 bytes per stored synapse, plus what procedural projections keep.</summary>
    public long Bytes => RowStart.LengthInBytes + (8 * StoredCount) + Procedural.Bytes;

    public static GpuConnectivity Build(GpuDevice device, NetworkLayout layout, ConnectivityMode mode, long neuronBytes, CancellationToken ct)
    {
        var spec = layout.Spec;
        var projections = GpuProjections.Resolve(layout);
        // The CPU backend's scale, so both quantise every weight to the same integer.
        var scale = CompactSynapse.ScaleFor(spec);
        var accelerator = device.Accelerator;
        var procedural = GpuProjections.UseProcedural(mode, projections.Sum(p => p.ExpectedSynapses), layout.NeuronCount, neuronBytes, accelerator.MemorySize);
        var stored = projections.Where(p => !(procedural && p.CanRegenerate)).ToArray();
        var rows = GpuProceduralRows.Build(device, [.. projections.Where(p => procedural && p.CanRegenerate)], scale, ct);
        try
        {
            return BuildStored(device, layout.NeuronCount, stored, rows, scale, ct);
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    private static GpuConnectivity BuildStored(GpuDevice device, int n, GpuProjection[] projections, GpuProceduralRows procedural, double scale, CancellationToken ct)
    {
        var accelerator = device.Accelerator;
        using var rowCount = accelerator.Allocate1D<int>(n + 1);
        using var maxDelay = accelerator.Allocate1D<int>(1);
        using var none = accelerator.Allocate1D<ulong>(1);
        rowCount.MemSetToZero();
        maxDelay.MemSetToZero();
        var rowStart = accelerator.Allocate1D<int>(n + 1);
        MemoryBuffer1D<ulong, Stride1D.Dense>? synapses = null;
        try
        {
            var args = new BuildArgs { RowCount = rowCount.View, RowStart = rowStart.View, MaxDelay = maxDelay.View, Synapses = none.View, WeightScale = scale };
            Launch(device, projections, args, ct);
            accelerator.Synchronize();
            var counts = rowCount.GetAsArray1D();
            var starts = new int[n + 1];
            long total = 0;
            for (var i = 0; i < n; i++)
            {
                starts[i] = (int)total;
                total += counts[i];
                if (total > int.MaxValue)
                {
                    throw new NotSupportedException("The GPU backend stores at most 2³¹ − 1 synapses; run with procedural connectivity.");
                }
            }

            starts[n] = (int)total;
            rowStart.CopyFromCPU(starts);
            rowCount.MemSetToZero();
            synapses = accelerator.Allocate1D<ulong>(Math.Max(1, total));
            Launch(device, projections, args with { Synapses = synapses.View, Place = 1 }, ct);
            accelerator.Synchronize();
            var delay = Math.Max(Math.Max(1, maxDelay.GetAsArray1D()[0]), procedural.MaxDelaySteps);
            return new GpuConnectivity(rowStart, synapses, procedural, total, delay, scale);
        }
        catch
        {
            rowStart.Dispose();
            synapses?.Dispose();
            throw;
        }
    }

    /// <summary>Launches <see cref="GpuKernels.Connect"/> over every unit of <paramref name="projections"/>, in chunks.</summary>
    internal static void Launch(GpuDevice device, IEnumerable<GpuProjection> projections, BuildArgs args, CancellationToken ct)
    {
        foreach (var (p, units, _, _) in projections)
        {
            for (long first = 0; first < units; first += Chunk)
            {
                ct.ThrowIfCancellationRequested();
                device.Connect((int)Math.Min(Chunk, units - first), p, args with { Base = first });
            }
        }
    }

    public void Dispose()
    {
        RowStart.Dispose();
        Synapses.Dispose();
        Procedural.Dispose();
    }
}

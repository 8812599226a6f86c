using ILGPU;
using ILGPU.Runtime;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// The procedural projections of a network: their parameters on the device and, for fixed_total_number,
/// one row length per source (counted from the stored mode's own draws by <see cref="GpuKernels.Connect"/>
/// in its counting-only pass). <see cref="GpuKernels.ScanRows"/> regenerates every row once at build, which
/// gives the exact synapse count and the largest delay (the ring's size) without storing a synapse.
/// </summary>
internal sealed class GpuProceduralRows : IDisposable
{
    private GpuProceduralRows(MemoryBuffer1D<ProjectionParams, Stride1D.Dense> parameters, MemoryBuffer1D<int, Stride1D.Dense> rowLengths, int projections, long count, int maxDelay)
    {
        (Parameters, RowLengths, ProjectionCount, Count, MaxDelaySteps) = (parameters, rowLengths, projections, count, maxDelay);
    }

    public MemoryBuffer1D<ProjectionParams, Stride1D.Dense> Parameters { get; }
    public MemoryBuffer1D<int, Stride1D.Dense> RowLengths { get; }
    public int ProjectionCount { get; }
    /// <summary>Synapses the rows hold (counted, not stored).</summary>
    public long Count { get; }
    public int MaxDelaySteps { get; }
    /// <summary>Device bytes kept: the parameters and the row lengths (nothing per synapse); 0 without procedural projections.</summary>
    public long Bytes => ProjectionCount == 0 ? 0 : Parameters.LengthInBytes + RowLengths.LengthInBytes;

    public static GpuProceduralRows Build(GpuDevice device, GpuProjection[] projections, double scale, CancellationToken ct)
    {
        var accelerator = device.Accelerator;
        var parameters = projections.Select(p => p.Params).ToArray();
        var lengths = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Rule == GpuKernels.FixedTotal)
            {
                parameters[i].RowLengthOffset = lengths;
                lengths += parameters[i].SourceSize;
            }
        }

        var parameterBuffer = accelerator.Allocate1D(parameters.Length == 0 ? [default(ProjectionParams)] : parameters);
        var rowLengths = accelerator.Allocate1D<int>(Math.Max(1, lengths));
        try
        {
            rowLengths.MemSetToZero();
            using var total = accelerator.Allocate1D<long>(1);
            using var maxDelay = accelerator.Allocate1D<int>(1);
            using var none = accelerator.Allocate1D<ulong>(1);
            total.MemSetToZero();
            maxDelay.MemSetToZero();
            var counting = new BuildArgs { RowCount = rowLengths.View, RowStart = rowLengths.View, MaxDelay = maxDelay.View, Synapses = none.View, Place = 2, WeightScale = scale };
            GpuConnectivity.Launch(device, projections.Select((p, i) => p with { Params = parameters[i] }).Where(p => p.Params.Rule == GpuKernels.FixedTotal), counting, ct);
            var scan = new ScanArgs { Total = total.View, MaxDelay = maxDelay.View, Row = new RowArgs { RowLengths = rowLengths.View, WeightScale = scale } };
            foreach (var p in parameters)
            {
                ct.ThrowIfCancellationRequested();
                device.ScanRows(p.SourceSize, p, scan);
            }

            accelerator.Synchronize();
            return new GpuProceduralRows(parameterBuffer, rowLengths, parameters.Length, total.GetAsArray1D()[0], maxDelay.GetAsArray1D()[0]);
        }
        catch
        {
            parameterBuffer.Dispose();
            rowLengths.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Parameters.Dispose();
        RowLengths.Dispose();
    }
}

using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;
using ILGPU;
using ILGPU.Runtime;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// Connectivity built on the device by <see cref="GpuKernels.Connect"/> from the counter-based RNG, in CSR
/// rows by source: each synapse is one 64-bit word, target (32 bits) | delay in steps (8 bits) |
/// weight as a signed 24-bit fixed-point integer round(w·2^k) (24 bits), i.e. 8 bytes per synapse.
/// Two passes of the same kernel: the first counts each source's synapses (and the largest delay), the
/// host turns the counts into row starts (one int per neuron), the second writes every synapse into its
/// row. The order inside a row is that of the threads, which does not matter: delivery sums integers.
/// </summary>
internal sealed class GpuConnectivity : IDisposable
{
    private const int Chunk = 1 << 22;

    private GpuConnectivity(MemoryBuffer1D<int, Stride1D.Dense> rowStart, MemoryBuffer1D<ulong, Stride1D.Dense> synapses, long count, int maxDelay, double scale)
    {
        (RowStart, Synapses, Count, MaxDelaySteps, WeightScale) = (rowStart, synapses, count, maxDelay, scale);
    }

    public MemoryBuffer1D<int, Stride1D.Dense> RowStart { get; }
    public MemoryBuffer1D<ulong, Stride1D.Dense> Synapses { get; }
    public long Count { get; }
    public int MaxDelaySteps { get; }
    /// <summary>2^k of the fixed-point weights (and of the ring sums).</summary>
    public double WeightScale { get; }
    public long Bytes => RowStart.LengthInBytes + Synapses.LengthInBytes;

    public static GpuConnectivity Build(GpuDevice device, NetworkLayout layout, CancellationToken ct)
    {
        var spec = layout.Spec;
        var projections = spec.Projections.Select((p, i) => ToParams(layout, p, i)).ToArray();
        var bound = spec.Projections.Select(p => Math.Abs(p.Synapse.Weight.Mean) + 8 * p.Synapse.Weight.Sd).DefaultIfEmpty(0).Max();
        // The largest k with |w| ≤ bound fitting 23 bits; weights beyond (P < 1e-15) are clipped.
        var scale = bound > 0 ? Math.Pow(2, Math.Min(40, Math.Floor(Math.Log2(GpuKernels.MaxQuantised / bound)))) : 1;
        var accelerator = device.Accelerator;
        var n = layout.NeuronCount;
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
                    throw new NotSupportedException("The GPU backend holds at most 2³¹ − 1 synapses.");
                }
            }

            starts[n] = (int)total;
            rowStart.CopyFromCPU(starts);
            rowCount.MemSetToZero();
            synapses = accelerator.Allocate1D<ulong>(Math.Max(1, total));
            Launch(device, projections, args with { Synapses = synapses.View, Place = 1 }, ct);
            accelerator.Synchronize();
            return new GpuConnectivity(rowStart, synapses, total, Math.Max(1, maxDelay.GetAsArray1D()[0]), scale);
        }
        catch
        {
            rowStart.Dispose();
            synapses?.Dispose();
            throw;
        }
    }

    private static void Launch(GpuDevice device, (ProjectionParams Params, long Units)[] projections, BuildArgs args, CancellationToken ct)
    {
        foreach (var (p, units) in projections)
        {
            for (long first = 0; first < units; first += Chunk)
            {
                ct.ThrowIfCancellationRequested();
                device.Connect((int)Math.Min(Chunk, units - first), p, args with { Base = first });
            }
        }
    }

    private static (ProjectionParams, long) ToParams(NetworkLayout layout, ProjectionSpec projection, int index)
    {
        // The CPU plan validates the projection and derives its keys; its sampler checks weights and delays.
        var plan = new ProjectionPlan(layout, projection, index);
        var rule = plan.Rule;
        var (kind, units) = rule.Kind switch
        {
            ConnectionRuleKind.FixedTotalNumber => (GpuKernels.FixedTotal, rule.Count),
            ConnectionRuleKind.FixedIndegree => (GpuKernels.FixedIndegree, plan.TargetSize),
            ConnectionRuleKind.FixedOutdegree => (GpuKernels.FixedOutdegree, plan.SourceSize),
            ConnectionRuleKind.OneToOne => (GpuKernels.OneToOne, plan.TargetSize),
            ConnectionRuleKind.AllToAll => (GpuKernels.AllToAll, (long)plan.SourceSize * plan.TargetSize),
            _ => throw new NotSupportedException($"Projection {projection.Source}→{projection.Target}: the GPU backend does not support {rule.Kind}."),
        };
        var w = projection.Synapse.Weight;
        var d = projection.Synapse.DelayMs;
        var h = layout.StepMs;
        return (new ProjectionParams
        {
            Rule = kind,
            SourceOffset = plan.SourceOffset,
            SourceSize = plan.SourceSize,
            TargetOffset = plan.TargetOffset,
            TargetSize = plan.TargetSize,
            NoAutapses = plan.SamePopulation && !rule.AllowAutapses ? 1 : 0,
            NoMultapses = rule.AllowMultapses ? 0 : 1,
            Degree = kind is GpuKernels.FixedIndegree or GpuKernels.FixedOutdegree ? (int)rule.Count : 0,
            Constant = w.Sd == 0 && d.Sd == 0 ? 1 : 0,
            ConstantDelay = (int)Math.Max(1, (long)(d.Mean * (1.0 / h) + 0.5)),
            ConnectionKey = plan.ConnectionKey,
            SamplerKey = CounterRng.StreamKey(layout.Spec.Seed, CounterRng.ProjectionStream + 4 * (ulong)index + 1),
            WeightMean = w.Mean,
            WeightSd = w.Sd,
            DelayMean = d.Mean,
            DelaySd = d.Sd,
            StepMs = h,
            PerStep = 1.0 / h,
        }, units);
    }

    public void Dispose()
    {
        RowStart.Dispose();
        Synapses.Dispose();
    }
}

using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>One projection prepared for the device: its kernel parameters, how many units its stored
/// build launches, the synapse count expected before building, and whether its rows can be regenerated
/// from the source side (procedural mode).</summary>
internal readonly record struct GpuProjection(ProjectionParams Params, long Units, double ExpectedSynapses, bool CanRegenerate);

/// <summary>Resolves projections for the device and decides which are stored and which procedural.</summary>
internal static class GpuProjections
{
    /// <summary>Share of device memory that stored synapses may take under <see cref="ConnectivityMode.Auto"/>;
    /// the rest is left to neuron state, the delay ring, recording buffers and the driver.</summary>
    public const double StoredMemoryShare = 0.75;

    public static GpuProjection[] Resolve(NetworkLayout layout) =>
        [.. layout.Spec.Projections.Select((p, i) => Resolve(layout, p, i))];

    /// <summary>Whether the regenerable projections run procedurally: always under Procedural, never under
    /// Stored, and under Auto when storing every synapse (8 bytes each, plus a row start per neuron) would
    /// exceed <see cref="StoredMemoryShare"/> of the device memory left after <paramref name="neuronBytes"/>,
    /// or the 2³¹ − 1 synapses a stored build can index.</summary>
    public static bool UseProcedural(ConnectivityMode mode, double expectedSynapses, long neurons, long neuronBytes, long deviceBytes) => mode switch
    {
        ConnectivityMode.Stored => false,
        ConnectivityMode.Procedural => true,
        _ => expectedSynapses > int.MaxValue || (8 * expectedSynapses) + (4.0 * (neurons + 1)) > StoredMemoryShare * (deviceBytes - neuronBytes),
    };

    /// <summary>Device bytes the network needs besides connectivity: state, spike lists and the delay ring
    /// (its size estimated from the largest mean delay + 5 SD, as the real one is known only after building).</summary>
    public static long NeuronBytes(NetworkLayout layout, int receptors)
    {
        var h = layout.StepMs;
        var slots = layout.Spec.Projections.Select(p => Math.Min(256, ((p.Synapse.DelayMs.Mean + (5 * p.Synapse.DelayMs.Sd)) / h) + 2)).DefaultIfEmpty(2).Max();
        return (long)(layout.NeuronCount * (64 + (8 * receptors * slots)));
    }

    private static GpuProjection Resolve(NetworkLayout layout, ProjectionSpec projection, int index)
    {
        // The CPU plan validates the projection and derives its keys; its sampler checks weights and delays.
        var plan = new ProjectionPlan(layout, projection, index);
        var rule = plan.Rule;
        var noAutapses = plan.SamePopulation && !rule.AllowAutapses;
        long ns = plan.SourceSize, nt = plan.TargetSize;
        var (kind, units, expected) = rule.Kind switch
        {
            ConnectionRuleKind.FixedTotalNumber => (GpuKernels.FixedTotal, rule.Count, rule.Count),
            ConnectionRuleKind.FixedIndegree => (GpuKernels.FixedIndegree, nt, rule.Count * nt),
            ConnectionRuleKind.FixedOutdegree => (GpuKernels.FixedOutdegree, ns, rule.Count * ns),
            ConnectionRuleKind.PairwiseBernoulli => (GpuKernels.PairwiseBernoulli, rule.Probability > 0 ? nt : 0, rule.Probability * ns * nt),
            ConnectionRuleKind.OneToOne => (GpuKernels.OneToOne, nt, noAutapses ? 0 : nt),
            ConnectionRuleKind.AllToAll => (GpuKernels.AllToAll, ns * nt, (ns * nt) - (noAutapses ? ns : 0)),
            _ => throw new NotSupportedException($"Projection {projection.Source}→{projection.Target}: the GPU backend does not support {rule.Kind}."),
        };
        var w = projection.Synapse.Weight;
        var d = projection.Synapse.DelayMs;
        var h = layout.StepMs;
        var seed = layout.Spec.Seed;
        var parameters = new ProjectionParams
        {
            Rule = kind,
            SourceOffset = plan.SourceOffset,
            SourceSize = plan.SourceSize,
            TargetOffset = plan.TargetOffset,
            TargetSize = plan.TargetSize,
            NoAutapses = noAutapses ? 1 : 0,
            NoMultapses = rule.AllowMultapses ? 0 : 1,
            Degree = kind is GpuKernels.FixedIndegree or GpuKernels.FixedOutdegree ? (int)rule.Count : 0,
            Constant = w.Sd == 0 && d.Sd == 0 ? 1 : 0,
            ConstantDelay = (int)Math.Max(1, (long)((d.Mean * (1.0 / h)) + 0.5)),
            ConnectionKey = plan.ConnectionKey,
            SamplerKey = CounterRng.StreamKey(seed, CounterRng.ProjectionStream + (4 * (ulong)index) + 1),
            // The third stream of the projection's four: source-side draws of procedural rows.
            ProceduralKey = CounterRng.StreamKey(seed, CounterRng.ProjectionStream + (4 * (ulong)index) + 2),
            WeightMean = w.Mean,
            WeightSd = w.Sd,
            DelayMean = d.Mean,
            DelaySd = d.Sd,
            StepMs = h,
            PerStep = 1.0 / h,
            Probability = rule.Probability,
            LogQ = rule.Probability < 1 ? Math.Log(1 - rule.Probability) : double.NegativeInfinity,
        };
        return new GpuProjection(parameters, units, expected, kind != GpuKernels.FixedIndegree);
    }
}

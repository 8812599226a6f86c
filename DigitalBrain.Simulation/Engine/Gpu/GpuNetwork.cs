using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Engine.Models;
using DigitalBrain.Simulation.Spec;
using ILGPU;
using ILGPU.Runtime;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>A network resident on one accelerator: neuron state (double, as the CPU backend), the delay
/// ring of fixed-point sums, spike lists and recording buffers. Steps run in batches: the host prepares
/// each batch's deterministic inputs (DC, spike generators) per population, launches two kernels per step,
/// and after the batch copies the recorded spikes and voltages back.</summary>
internal sealed class GpuNetwork : IDisposable
{
    private const int MaxBatchSteps = 1000;
    private const long RecordBufferEntries = 1 << 24;
    private readonly GpuDevice _device;
    private readonly NetworkContext _net;
    private readonly List<MemoryBuffer> _buffers = [];
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _inputs;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _recordedCount;
    private readonly MemoryBuffer1D<ulong, Stride1D.Dense> _recorded;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _voltages;
    private readonly double[] _hostInputs;
    private readonly int _batch, _slots, _deliverThreads;
    private NeuronArgs _args;
    private DeliverArgs _deliver;
    private long _step;

    private GpuNetwork(GpuDevice device, NetworkContext net, GpuConnectivity connectivity)
    {
        _device = device;
        _net = net;
        Connectivity = connectivity;
        var layout = net.Layout;
        var n = layout.NeuronCount;
        var a = device.Accelerator;
        _slots = connectivity.MaxDelaySteps + 1;
        var receptors = Receptors(net);
        var recordedTotal = Math.Max(1, net.RecordedPerPopulation.Sum(x => (long)x));
        _batch = (int)Math.Clamp(RecordBufferEntries / recordedTotal, 1, MaxBatchSteps);
        var populations = layout.Constants.Select((c, p) => ToParams(c, layout.Offsets[p] + net.RecordedPerPopulation[p])).ToArray();
        var alpha = layout.Constants.Any(c => c.Model == NeuronModel.IafPscAlpha);
        var thresholds = new List<ulong>();
        var poisson = new List<PoissonParams>();
        foreach (var plan in net.Poisson)
        {
            poisson.Add(new PoissonParams { StartStep = plan.StartStep, Key = plan.Key, Weight = plan.Weight, Population = plan.Population, First = thresholds.Count, Count = plan.Thresholds.Length });
            thresholds.AddRange(plan.Thresholds);
        }

        var populationOf = new int[n];
        for (var p = 0; p < layout.PopulationCount; p++)
        {
            Array.Fill(populationOf, p, layout.Offsets[p], layout.Size(p));
        }

        _hostInputs = new double[_batch * layout.PopulationCount * 3];
        _inputs = Track(a.Allocate1D<double>(_hostInputs.Length));
        _recordedCount = Track(a.Allocate1D<int>(1));
        _recordedCount.MemSetToZero();
        _recorded = Track(a.Allocate1D<ulong>(recordedTotal * _batch));
        _voltages = Track(a.Allocate1D<float>(Math.Max(1, _batch * net.VoltageTargets.Length)));
        var spikeCount = Zeroed<int>(2);
        var spikeList = Track(a.Allocate1D<int>(2L * n));
        var ring = Zeroed<long>((long)_slots * receptors * n);
        _args = new NeuronArgs
        {
            V = Track(a.Allocate1D(net.State.V)).View,
            Syn1 = Zeroed<double>(n).View,
            Syn2 = Zeroed<double>(n).View,
            Syn3 = Zeroed<double>(alpha ? n : 1).View,
            Syn4 = Zeroed<double>(alpha ? n : 1).View,
            Refractory = Zeroed<int>(n).View,
            PopulationOf = Track(a.Allocate1D(populationOf)).View,
            Populations = Track(a.Allocate1D(populations)).View,
            Poisson = Track(a.Allocate1D(poisson.Count == 0 ? [default] : poisson.ToArray())).View,
            Thresholds = Track(a.Allocate1D(thresholds.Count == 0 ? [0UL] : thresholds.ToArray())).View,
            Ring = ring.View,
            SpikeList = spikeList.View,
            SpikeCount = spikeCount.View,
            Recorded = _recorded.View,
            RecordedCount = _recordedCount.View,
            Inputs = _inputs.View,
            VoltageNeurons = Track(a.Allocate1D(net.VoltageTargets.Length == 0 ? [-1] : net.VoltageTargets.Select(v => v.Neuron).ToArray())).View,
            Voltages = _voltages.View,
            N = n,
            PopulationCount = layout.PopulationCount,
            PoissonCount = poisson.Count,
            VoltageCount = net.VoltageTargets.Length,
            Receptors = receptors,
            InverseScale = 1.0 / connectivity.WeightScale,
        };
        _deliverThreads = Math.Clamp(n, 1, 1 << 16);
        _deliver = new DeliverArgs
        {
            RowStart = connectivity.RowStart.View, Synapses = connectivity.Synapses.View, Ring = ring.View,
            SpikeList = spikeList.View, SpikeCount = spikeCount.View,
            Procedural = connectivity.Procedural.Parameters.View, RowLengths = connectivity.Procedural.RowLengths.View,
            N = n, Slots = _slots, Receptors = receptors, Threads = _deliverThreads,
            ProceduralCount = connectivity.Procedural.ProjectionCount, WeightScale = connectivity.WeightScale,
        };
    }

    public GpuConnectivity Connectivity { get; }
    public NetworkContext Context => _net;

    /// <summary>Recorded spikes as (step &lt;&lt; 32 | global neuron), in the order batches returned them.</summary>
    public List<ulong> RecordedSpikes { get; } = [];

    public static GpuNetwork Build(GpuDevice device, NetworkSpec spec, long recordFromStep, ConnectivityMode mode, CancellationToken ct)
    {
        var net = new NetworkContext(spec, recordFromStep);
        var connectivity = GpuConnectivity.Build(device, net.Layout, mode, GpuProjections.NeuronBytes(net.Layout, Receptors(net)), ct);
        try
        {
            return new GpuNetwork(device, net, connectivity);
        }
        catch
        {
            connectivity.Dispose();
            throw;
        }
    }

    private static int Receptors(NetworkContext net) => net.SingleReceptor ? 1 : 2;

    /// <summary>A population's constants for the device; iaf_cond_exp's half-step decays are computed with
    /// the CPU kernel's expressions, so both backends use the same doubles.</summary>
    private static PopulationParams ToParams(ModelConstants c, int recordEnd)
    {
        var half = c.StepMs / 2;
        var decayEx = Math.Exp(-half / c.TauSynExMs);
        var decayIn = Math.Exp(-half / c.TauSynInMs);
        return new PopulationParams
        {
            Model = c.Model switch
            {
                NeuronModel.IafPscExp => GpuKernels.PscExp,
                NeuronModel.IafPscAlpha => GpuKernels.PscAlpha,
                NeuronModel.IafPscDelta => GpuKernels.PscDelta,
                NeuronModel.IafCondExp => GpuKernels.CondExp,
                _ => throw new NotSupportedException($"The GPU backend has no kernel for {c.Model}."),
            },
            P22 = c.P22, P21Ex = c.P21Ex, P21In = c.P21In, P11Ex = c.P11Ex, P11In = c.P11In, P20 = c.P20,
            ExternalPa = c.ExternalCurrentPa, Theta = c.ThetaRel, Reset = c.ResetRel, RestingMv = c.RestingMv,
            P31Ex = c.P31Ex, P32Ex = c.P32Ex, P31In = c.P31In, P32In = c.P32In, P21AlphaEx = c.P21AlphaEx, P21AlphaIn = c.P21AlphaIn,
            AlphaInitialEx = c.AlphaInitialEx, AlphaInitialIn = c.AlphaInitialIn,
            CapacitancePf = c.CapacitancePf, LeakNs = c.LeakConductanceNs, ExReversal = c.ExcitatoryReversalRel, InReversal = c.InhibitoryReversalRel,
            Half = half, DecayEx = decayEx, DecayIn = decayIn, SqrtDecayEx = Math.Sqrt(decayEx), SqrtDecayIn = Math.Sqrt(decayIn),
            RefractorySteps = c.RefractorySteps, RecordEnd = recordEnd,
        };
    }

    /// <summary>Advances <paramref name="steps"/> steps; <paramref name="report"/> gets the steps done after each batch.</summary>
    public void Run(long steps, Action<long> report, CancellationToken ct)
    {
        var n = _net.Layout.NeuronCount;
        for (long done = 0; done < steps;)
        {
            ct.ThrowIfCancellationRequested();
            var rows = (int)Math.Min(_batch, steps - done);
            FillInputs(rows);
            _inputs.View.SubView(0, _hostInputs.Length).CopyFromCPU(_hostInputs);
            for (var row = 0; row < rows; row++)
            {
                var t = _step + row;
                var parity = (int)(t & 1);
                var slot = (int)(t % _slots);
                _device.NeuronStep(n, _args, new StepArgs { Step = t, RecordFrom = _net.RecordFromStep, Slot = slot, Parity = parity, Row = row });
                _device.Deliver(_deliverThreads, _deliver, parity, slot);
            }

            _device.Accelerator.Synchronize();
            Collect(rows);
            _step += rows;
            done += rows;
            report(done);
        }
    }

    private void FillInputs(int rows)
    {
        var populations = _net.Layout.PopulationCount;
        for (var row = 0; row < rows; row++)
        {
            for (var p = 0; p < populations; p++)
            {
                var at = (row * populations + p) * 3;
                var (ex, inh) = _net.Inputs.Spikes(p, _step + row);
                _hostInputs[at] = _net.Inputs.Current(p, _step + row);
                _hostInputs[at + 1] = ex;
                _hostInputs[at + 2] = inh;
            }
        }
    }

    private void Collect(int rows)
    {
        var count = _recordedCount.GetAsArray1D()[0];
        if (count > 0)
        {
            var spikes = new ulong[count];
            _recorded.View.SubView(0, count).CopyToCPU(spikes);
            RecordedSpikes.AddRange(spikes);
            _recordedCount.MemSetToZero();
        }

        var targets = _net.VoltageTargets;
        if (targets.Length == 0)
        {
            return;
        }

        var samples = new float[rows * targets.Length];
        _voltages.View.SubView(0, samples.Length).CopyToCPU(samples);
        for (var row = 0; row < rows; row++)
        {
            var t = _step + row;
            for (var r = 0; r < targets.Length; r++)
            {
                if (t >= _net.RecordFromStep && (t + 1 - _net.RecordFromStep) % targets[r].Interval == 0)
                {
                    _net.VoltageSamples[r].Add(samples[row * targets.Length + r]);
                }
            }
        }
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Track<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer)
        where T : unmanaged
    {
        _buffers.Add(buffer);
        return buffer;
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Zeroed<T>(long length)
        where T : unmanaged
    {
        var buffer = Track(_device.Accelerator.Allocate1D<T>(length));
        buffer.MemSetToZero();
        return buffer;
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }

        Connectivity.Dispose();
    }
}

using DigitalBrain.Simulation.Engine.Models;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>What every partition shares: layout, neuron state (each partition writes only its own
/// range), inputs and recording settings.</summary>
internal sealed class NetworkContext
{
    public NetworkContext(NetworkSpec spec, long recordFromStep)
    {
        Layout = new NetworkLayout(spec);
        State = new NeuronState(Layout.NeuronCount);
        RecordFromStep = recordFromStep;
        Inputs = new DeterministicInputs(Layout);
        Poisson = [.. spec.Stimuli
            .Select((s, i) => (s, i))
            .Where(x => x.s is PoissonInput)
            .Select(x => new PoissonPlan(Layout, (PoissonInput)x.s, x.i))];
        var limit = spec.Recording.SpikesPerPopulation;
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), limit, "SpikesPerPopulation must be ≥ 0.");
        }

        RecordedPerPopulation = [.. Enumerable.Range(0, Layout.PopulationCount).Select(p => Math.Min(Layout.Size(p), limit ?? int.MaxValue))];
        var targets = new List<(string Population, int Local, int Neuron, long Interval, double IntervalMs)>();
        foreach (var v in spec.Recording.Voltages)
        {
            var p = Layout.IndexOf(v.Population);
            var interval = Math.Max(1, Layout.Steps(v.IntervalMs));
            foreach (var local in v.NeuronIndices)
            {
                if (local < 0 || local >= Layout.Size(p))
                {
                    throw new ArgumentOutOfRangeException(nameof(spec), local, $"Voltage recorder: {v.Population} has no neuron {local}.");
                }

                targets.Add((v.Population, local, Layout.Offsets[p] + local, interval, interval * Layout.StepMs));
            }
        }

        VoltageTargets = [.. targets];
        SingleReceptor = Layout.Constants.All(c =>
            c.Model == NeuronModel.IafPscDelta ||
            (c.Model is NeuronModel.IafPscExp or NeuronModel.IafPscAlpha && c.TauSynExMs == c.TauSynInMs));
        VoltageSamples = [.. targets.Select(_ => new List<float>())];
        InitialisePotentials(spec);
    }

    public NetworkLayout Layout { get; }

    /// <summary>True when every population filters excitatory and inhibitory input identically
    /// (current-based with τ_syn,ex = τ_syn,in, or delta synapses), so one summed input suffices.</summary>
    public bool SingleReceptor { get; }
    public NeuronState State { get; }
    public DeterministicInputs Inputs { get; }
    public PoissonPlan[] Poisson { get; }
    public long RecordFromStep { get; }
    public int[] RecordedPerPopulation { get; }
    public (string Population, int Local, int Neuron, long Interval, double IntervalMs)[] VoltageTargets { get; }
    public List<float>[] VoltageSamples { get; }

    public int PopulationOf(int neuron)
    {
        var i = Array.BinarySearch(Layout.Offsets, neuron);
        return i >= 0 ? i : ~i - 1;
    }

    private void InitialisePotentials(NetworkSpec spec)
    {
        var key = CounterRng.StreamKey(spec.Seed, CounterRng.InitialPotentialStream);
        for (var p = 0; p < Layout.PopulationCount; p++)
        {
            var d = spec.Populations[p].InitialPotential;
            if (!double.IsFinite(d.Mean) || !double.IsFinite(d.Sd) || d.Sd < 0)
            {
                throw new ArgumentException($"Population {spec.Populations[p].Name}: initial V must be finite with SD ≥ 0.", nameof(spec));
            }

            var resting = Layout.Constants[p].RestingMv;
            for (var g = Layout.Offsets[p]; g < Layout.Offsets[p + 1]; g++)
            {
                var z = d.Sd > 0 ? CounterRng.Normals(key, (ulong)g).First : 0;
                State.V[g] = d.Mean + d.Sd * z - resting;
            }
        }
    }
}

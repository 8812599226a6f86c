using DigitalBrain.Simulation.Engine.Cpu;

namespace DigitalBrain.Simulation.Engine;

/// <summary>Turns what a backend recorded into its <see cref="SimulationOutput"/>, the same way for every
/// backend, so that their outputs differ only where their simulations do.</summary>
internal static class OutputAssembly
{
    /// <param name="backend">The backend's name.</param>
    /// <param name="threads">Threads (CPU) or 1 (a device).</param>
    /// <param name="context">The network that ran, holding its voltage samples.</param>
    /// <param name="size">Synapses and the bytes they took.</param>
    /// <param name="seconds">How long the build and the recorded part took.</param>
    /// <param name="recordedSteps">Steps after the warm-up.</param>
    /// <param name="recorded">Recorded spikes as (step after the warm-up &lt;&lt; 32 | neuron) words, in
    /// any order, in as many lists as the backend kept.</param>
    public static SimulationOutput Assemble(string backend, int threads, NetworkContext context,
        (long Synapses, long Bytes) size, Seconds seconds, long recordedSteps,
        IEnumerable<List<ulong>> recorded) =>
        new(backend, threads, context.Layout.NeuronCount, size.Synapses,
            seconds.Build, seconds.Simulate, ProcessMemory.PeakRssBytes(), recordedSteps * context.Layout.StepMs,
            Spikes(context, recorded), Voltages(context))
        {
            ConnectivityBytes = size.Bytes,
            BuildCpuSeconds = seconds.BuildCpu,
            SimulateCpuSeconds = seconds.SimulateCpu,
        };

    /// <summary>Wall seconds of the build and of the recorded part, and CPU seconds (all threads; 0 where
    /// the backend does not measure them).</summary>
    public readonly record struct Seconds(double Build, double Simulate, double BuildCpu = 0, double SimulateCpu = 0);

    private static List<PopulationSpikes> Spikes(NetworkContext context, IEnumerable<List<ulong>> recorded)
    {
        var layout = context.Layout;
        var perPopulation = Enumerable.Range(0, layout.PopulationCount).Select(_ => new List<ulong>()).ToArray();
        foreach (var list in recorded)
        {
            foreach (var packed in list)
            {
                perPopulation[context.PopulationOf((int)(uint)packed)].Add(packed);
            }
        }

        var result = new List<PopulationSpikes>(layout.PopulationCount);
        for (var p = 0; p < layout.PopulationCount; p++)
        {
            var list = perPopulation[p];
            // Sorting the packed words orders by step, then neuron, whatever order threads recorded in.
            list.Sort();
            var neurons = new int[list.Count];
            var times = new float[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                neurons[i] = (int)(uint)list[i] - layout.Offsets[p];
                // A spike of step t is stamped at the end of the step: (t + 1) h after the warm-up.
                times[i] = (float)(((list[i] >> 32) + 1) * layout.StepMs);
            }

            result.Add(new PopulationSpikes(layout.Spec.Populations[p].Name, layout.Size(p), context.RecordedPerPopulation[p], neurons, times));
        }

        return result;
    }

    private static List<VoltageTrace> Voltages(NetworkContext context) =>
        [.. context.VoltageTargets.Select((v, i) => new VoltageTrace(v.Population, v.Local, v.IntervalMs, [.. context.VoltageSamples[i]]))];
}

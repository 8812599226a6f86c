using DigitalBrain.Simulation.Engine.Cpu;

namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>Turns the device's recorded (step, neuron) words into per-population spike trains.</summary>
internal static class GpuRecording
{
    public static List<PopulationSpikes> Spikes(NetworkContext context, List<ulong> recorded)
    {
        var layout = context.Layout;
        // Threads append in any order; sorting the packed words orders by step, then neuron.
        recorded.Sort();
        var perPopulation = Enumerable.Range(0, layout.PopulationCount).Select(_ => new List<ulong>()).ToArray();
        foreach (var packed in recorded)
        {
            perPopulation[context.PopulationOf((int)(uint)packed)].Add(packed);
        }

        var result = new List<PopulationSpikes>(layout.PopulationCount);
        for (var p = 0; p < layout.PopulationCount; p++)
        {
            var list = perPopulation[p];
            var neurons = new int[list.Count];
            var times = new float[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                neurons[i] = (int)(uint)list[i] - layout.Offsets[p];
                // Stamped at the end of the step, as on the CPU backend.
                times[i] = (float)(((list[i] >> 32) + 1) * layout.StepMs);
            }

            result.Add(new PopulationSpikes(layout.Spec.Populations[p].Name, layout.Size(p), context.RecordedPerPopulation[p], neurons, times));
        }

        return result;
    }
}

namespace DigitalBrain.Simulation.Spec;

/// <summary>What a run records.</summary>
/// <param name="SpikesPerPopulation">Neurons per population whose spikes are recorded (the first n); null records all.</param>
/// <param name="Voltages">Membrane-potential recorders.</param>
public sealed record RecordingSpec(int? SpikesPerPopulation, IReadOnlyList<VoltageRecording> Voltages)
{
    public static RecordingSpec AllSpikes { get; } = new(null, []);
}

/// <summary>Records V_m of a few neurons of one population every <see cref="IntervalMs"/>.</summary>
public sealed record VoltageRecording(string Population, IReadOnlyList<int> NeuronIndices, double IntervalMs);

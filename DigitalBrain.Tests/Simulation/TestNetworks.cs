using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

/// <summary>Small specs for engine tests.</summary>
internal static class TestNetworks
{
    public static NetworkSpec SingleNeuron(NeuronModel model, NeuronParameters parameters, params StimulusSpec[] stimuli) =>
        new("single", 0.1, 1,
            [new PopulationSpec("N", 1, model, parameters, Distribution.Constant(parameters.RestingPotentialMv))],
            [], stimuli, new RecordingSpec(null, [new VoltageRecording("N", [0], 0.1)]));

    public static NetworkSpec TwoPopulations(ConnectionRule rule, int sourceSize = 50, int targetSize = 40, bool sameSource = false, SynapseSpec? synapse = null)
    {
        var parameters = new NeuronParameters();
        var syn = synapse ?? new SynapseSpec(new Distribution(10, 5), new Distribution(1.5, 0.75));
        return new NetworkSpec("pair", 0.1, 7,
            [
                new PopulationSpec("A", sourceSize, NeuronModel.IafPscExp, parameters, Distribution.Constant(-70)),
                new PopulationSpec("B", targetSize, NeuronModel.IafPscExp, parameters, Distribution.Constant(-70)),
            ],
            [new ProjectionSpec("A", sameSource ? "A" : "B", rule, syn)],
            [], RecordingSpec.AllSpikes);
    }
}

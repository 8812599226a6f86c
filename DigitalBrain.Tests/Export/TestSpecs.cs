using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary>Small specs built by hand for the export tests.</summary>
internal static class TestSpecs
{
    public static NeuronParameters Default { get; } = new();

    public static PopulationSpec Population(string name, int size, NeuronParameters? parameters = null,
        NeuronModel model = NeuronModel.IafPscExp, double v0 = -70.0, double v0Sd = 0.0) =>
        new(name, size, model, parameters ?? Default, new Distribution(v0, v0Sd));

    public static ProjectionSpec Projection(string source, string target, ConnectionRule rule,
        double weight, double weightSd = 0, double delay = 1.0, double delaySd = 0) =>
        new(source, target, rule, new SynapseSpec(new Distribution(weight, weightSd), new Distribution(delay, delaySd)));

    public static NetworkSpec Network(IReadOnlyList<PopulationSpec> populations, IReadOnlyList<ProjectionSpec>? projections = null,
        IReadOnlyList<StimulusSpec>? stimuli = null, RecordingSpec? recording = null, ulong seed = 12345) =>
        new("test network", 0.1, seed, populations, projections ?? [], stimuli ?? [], recording ?? RecordingSpec.AllSpikes);

    /// <summary>Every model, rule, stimulus and optional member at least once, with awkward numbers.</summary>
    public static NetworkSpec Everything() => new(
        "everything \"quoted\" — ünïcode\nsecond line",
        0.1,
        ulong.MaxValue,
        [
            new PopulationSpec("E", 40, NeuronModel.IafPscExp, new NeuronParameters { ExternalCurrentPa = 0.1 + 0.2 },
                new Distribution(-65.5, 4.25), "M1", "L2/3", "median of 4 entries (n = 4); doi:10.1000/a, doi:10.1000/b"),
            new PopulationSpec("I", 10, NeuronModel.IafPscAlpha, new NeuronParameters { TauSynExMs = 10.0, TauSynInMs = 1e-3 },
                new Distribution(-70.0), Provenance: "line one\nline two"),
            new PopulationSpec("D", 10, NeuronModel.IafPscDelta, new NeuronParameters { ThresholdMv = -50.000000000000014 },
                new Distribution(-70.0)),
            new PopulationSpec("C", 10, NeuronModel.IafCondExp,
                new NeuronParameters { LeakConductanceNs = 16.6667, ExcitatoryReversalMv = 0.0, InhibitoryReversalMv = -85.0, ExternalCurrentPa = 1e-300 },
                new Distribution(-60.0, 1.0), Region: "TH"),
        ],
        [
            new("E", "E", new ConnectionRule(ConnectionRuleKind.FixedIndegree, Count: 5, AllowAutapses: false, AllowMultapses: false),
                new SynapseSpec(new Distribution(87.81, 8.781), new Distribution(1.5, 0.75)), "p = 0.1"),
            new("E", "I", new ConnectionRule(ConnectionRuleKind.FixedOutdegree, Count: 3),
                new SynapseSpec(new Distribution(20.0), new Distribution(0.05)), null),
            new("I", "E", new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: 0.25),
                new SynapseSpec(new Distribution(-351.24, 35.124), new Distribution(0.75, 0.375), "static_synapse")),
            new("E", "D", new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, Count: 123, AllowMultapses: false),
                new SynapseSpec(new Distribution(0.5), new Distribution(2.0))),
            new("D", "D", new ConnectionRule(ConnectionRuleKind.OneToOne),
                new SynapseSpec(new Distribution(-0.25), new Distribution(1.0))),
            new("I", "C", new ConnectionRule(ConnectionRuleKind.AllToAll, AllowAutapses: false),
                new SynapseSpec(new Distribution(-2.5, 0.25), new Distribution(1.0, 0.1))),
        ],
        [
            new PoissonInput("E", 8.0, 1600, 87.81, 1.5),
            new PoissonInput("C", 5.0, 100, 1.0, 1.0),
            new DcInput("I", 120.5, 100.0, 300.0),
            new DcInput("D", 2.0),
            new SpikeTimesInput("D", [30.0, 10.0, 20.05], 5.0, 1.0),
        ],
        new RecordingSpec(7, [new VoltageRecording("E", [3, 1], 0.5), new VoltageRecording("C", [0], 1.0)]));
}

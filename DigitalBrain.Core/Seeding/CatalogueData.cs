using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Estimates;

namespace DigitalBrain.Core.Seeding;

/// <summary>The catalogue an empty database starts with. Ranges are physiological plausibility
/// bounds wide enough for any species and preparation: they catch typing and unit errors, not
/// unusual science. Rows added later by an admin are left alone.</summary>
internal static class CatalogueData
{
    public const string Number = "Number";
    public const string FiringRate = "Firing rate";
    public const string DendriteExtent = "Dendrite extent";
    public const string DendriteDiameter = "Dendrite diameter";
    public const string SignallingPsp = "Signalling & PSP";
    public const string NeuronModel = "Neuron model";
    public const string Connectivity = "Connectivity";

    private const TargetKinds Pop = TargetKinds.Population;
    private const TargetKinds Proj = TargetKinds.Projection;

    /// <summary>A fresh list each call: the seeder hands these objects to a context.</summary>
    public static IReadOnlyList<ParameterDefinition> Definitions() => Build(
    [
        D("neuron_count", Number, "Neuron count", "neurons", 0, 1e11, TargetKinds.Region | Pop, kind: ValueKind.Integer),

        D("firing_rate", FiringRate, "Resting / reference firing rate", "Hz", 0, 1000, Pop),
        D("background_rate", FiringRate, "Background input rate per external synapse", "Hz", 0, 1000, Pop),

        D("dendrite_extent_apical", DendriteExtent, "Apical dendrite extent", "µm", 0, 5000, Pop),
        D("dendrite_extent_basal", DendriteExtent, "Basal dendrite extent", "µm", 0, 5000, Pop),

        D("dendrite_diameter_apical", DendriteDiameter, "Apical dendrite diameter", "µm", 0, 50, Pop),
        D("dendrite_diameter_basal", DendriteDiameter, "Basal dendrite diameter", "µm", 0, 50, Pop),

        D("psp_amplitude", SignallingPsp, "PSP amplitude", "mV", -50, 50, Proj),
        D("psc_amplitude", SignallingPsp, "PSC amplitude", "pA", -100_000, 100_000, Proj),
        D("psp_rise_time", SignallingPsp, "PSP rise time (10–90 %)", "ms", 0, 1000, Proj),
        D("psp_decay_time", SignallingPsp, "PSP decay time constant", "ms", 0, 10_000, Proj),
        D("reversal_potential", SignallingPsp, "Synaptic reversal potential", "mV", -150, 100, Proj),

        D("c_m", NeuronModel, "Membrane capacitance C_m", "pF", 0.1, 100_000, Pop),
        D("tau_m", NeuronModel, "Membrane time constant tau_m", "ms", 0.01, 10_000, Pop),
        D("e_l", NeuronModel, "Resting potential E_L", "mV", -150, 50, Pop),
        D("v_th", NeuronModel, "Spike threshold V_th", "mV", -150, 50, Pop),
        D("v_reset", NeuronModel, "Reset potential V_reset", "mV", -150, 50, Pop),
        D("t_ref", NeuronModel, "Refractory period t_ref", "ms", 0, 1000, Pop),
        D("tau_syn_ex", NeuronModel, "Excitatory synaptic time constant tau_syn_ex", "ms", 0.01, 1000, Pop),
        D("tau_syn_in", NeuronModel, "Inhibitory synaptic time constant tau_syn_in", "ms", 0.01, 1000, Pop),
        D("e_ex", NeuronModel, "Excitatory reversal potential E_ex (conductance models)", "mV", -50, 100, Pop),
        D("e_in", NeuronModel, "Inhibitory reversal potential E_in (conductance models)", "mV", -150, 0, Pop),
        D("g_l", NeuronModel, "Leak conductance g_L (conductance models)", "nS", 0.001, 100_000, Pop),
        D("i_e", NeuronModel, "Constant external current I_e", "pA", -100_000, 100_000, Pop),

        D("connection_probability", Connectivity, "Connection probability", "1", 0, 1, Proj),
        D("in_degree", Connectivity, "In-degree (synapses per target neuron)", "synapses", 0, 1e6, Proj),
        D("external_in_degree", Connectivity, "External (background) in-degree", "synapses", 0, 1e6, Pop),
        D("background_weight", Connectivity, "Background synaptic weight (PSC amplitude)", "pA", 0, 100_000, Pop),
        D("synaptic_weight", Connectivity, "Synaptic weight (PSC amplitude)", "pA", -100_000, 100_000, Proj),
        D("synaptic_weight_sd", Connectivity, "Synaptic weight SD", "pA", 0, 100_000, Proj),
        D("delay", Connectivity, "Synaptic delay", "ms", 0.1, 1000, Proj, boundedByResolution: true),
        D("delay_sd", Connectivity, "Synaptic delay SD", "ms", 0, 1000, Proj),
    ]);

    private static ParameterDefinition D(string key, string group, string name, string unit, double min, double max, TargetKinds appliesTo,
        ValueKind kind = ValueKind.Scalar, bool boundedByResolution = false) => new()
    {
        Key = key, Group = group, Name = name, Unit = unit, MinValue = min, MaxValue = max, AppliesTo = appliesTo,
        ValueKind = kind, DefaultMethod = AggregationMethod.Mean, BoundedByResolution = boundedByResolution,
        Description = boundedByResolution ? "Must be at least the simulation resolution (0.1 ms)." : "",
    };

    private static ParameterDefinition[] Build(ParameterDefinition[] definitions)
    {
        for (var i = 0; i < definitions.Length; i++)
            definitions[i].SortOrder = i + 1;
        return definitions;
    }
}

using System.Text.Json;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Export;

/// <summary>A neuron-model constant under its NEST name with its unit (as a Brian2 unit name).</summary>
internal readonly record struct ModelParameter(string NestName, double Value, string Unit);

/// <summary>Which of <see cref="NeuronParameters"/> each model has, under NEST 3's names, so that an
/// export sets only parameters the model knows (NEST rejects unknown ones).</summary>
internal static class ModelParameters
{
    /// <summary>NEST's model name (<c>iaf_psc_exp</c>), the same snake_case as the spec's JSON.</summary>
    public static string NestName(NeuronModel model) => JsonNamingPolicy.SnakeCaseLower.ConvertName(model.ToString());

    public static string NestName(ConnectionRuleKind rule) => JsonNamingPolicy.SnakeCaseLower.ConvertName(rule.ToString());

    /// <summary>The model's parameters in NEST's documented order.</summary>
    public static IReadOnlyList<ModelParameter> For(NeuronModel model, NeuronParameters p)
    {
        var common = new List<ModelParameter>
        {
            new("C_m", p.CapacitancePf, "pF"),
        };
        switch (model)
        {
            case NeuronModel.IafPscExp or NeuronModel.IafPscAlpha:
                common.Add(new("tau_m", p.TauMembraneMs, "ms"));
                AddThresholdAndReset(common, p);
                common.Add(new("tau_syn_ex", p.TauSynExMs, "ms"));
                common.Add(new("tau_syn_in", p.TauSynInMs, "ms"));
                break;
            case NeuronModel.IafPscDelta:
                common.Add(new("tau_m", p.TauMembraneMs, "ms"));
                AddThresholdAndReset(common, p);
                break;
            case NeuronModel.IafCondExp:
                common.Add(new("g_L", p.LeakConductanceNs, "nS"));
                AddThresholdAndReset(common, p);
                common.Add(new("E_ex", p.ExcitatoryReversalMv, "mV"));
                common.Add(new("E_in", p.InhibitoryReversalMv, "mV"));
                common.Add(new("tau_syn_ex", p.TauSynExMs, "ms"));
                common.Add(new("tau_syn_in", p.TauSynInMs, "ms"));
                break;
            default:
                throw new NotSupportedException($"No export for neuron model {model}.");
        }

        common.Add(new("I_e", p.ExternalCurrentPa, "pA"));
        return common;
    }

    /// <summary>Unit of a synaptic weight onto <paramref name="model"/>: a current (pA), a voltage
    /// jump (mV, delta synapses) or a conductance (nS).</summary>
    public static string WeightUnit(NeuronModel model) => model switch
    {
        NeuronModel.IafPscDelta => "mV",
        NeuronModel.IafCondExp => "nS",
        _ => "pA",
    };

    private static void AddThresholdAndReset(List<ModelParameter> list, NeuronParameters p)
    {
        list.Add(new("E_L", p.RestingPotentialMv, "mV"));
        list.Add(new("V_th", p.ThresholdMv, "mV"));
        list.Add(new("V_reset", p.ResetMv, "mV"));
        list.Add(new("t_ref", p.RefractoryMs, "ms"));
    }
}

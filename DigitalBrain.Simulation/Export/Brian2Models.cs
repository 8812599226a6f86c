using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Export;

/// <summary>
/// Brian2 equations with NEST's semantics for each <see cref="NeuronModel"/> (state v in volt,
/// parameters as per-neuron constants under their NEST names):
/// <list type="bullet">
/// <item><c>iaf_psc_exp</c>: dv/dt = (E_L − v)/τ_m + (I_ex + I_in + I_e + I_dc)/C_m, dI_x/dt = −I_x/τ_syn,x;
/// a spike adds its weight (pA) to I_ex (w ≥ 0) or I_in (w &lt; 0).</item>
/// <item><c>iaf_psc_alpha</c>: the same membrane; dI_x/dt = y_x − I_x/τ_syn,x, dy_x/dt = −y_x/τ_syn,x;
/// a spike adds w·e/τ_syn,x to y_x so that the current peaks at w after τ_syn,x.</item>
/// <item><c>iaf_psc_delta</c>: dv/dt = (E_L − v)/τ_m + (I_e + I_dc)/C_m; a spike adds w (mV) to v
/// unless the neuron is refractory (NEST discards it then).</item>
/// <item><c>iaf_cond_exp</c>: C_m dv/dt = g_L(E_L − v) + g_ex(E_ex − v) + g_in(E_in − v) + I_e + I_dc,
/// dg_x/dt = −g_x/τ_syn,x; a spike adds |w| (nS) to g_ex (w ≥ 0) or g_in (w &lt; 0).</item>
/// </list>
/// All: spike when v ≥ V_th, then v = V_reset and v is held for t_ref. The linear models are
/// integrated exactly (Brian2's <c>exact</c>, as NEST's propagators). Its general solution divides
/// by τ_m − τ_syn, so a synaptic τ equal to τ_m is written nudged by a relative
/// <see cref="CoincidentTauNudge"/> (NEST takes the limit instead; the difference is of that
/// relative size). <c>iaf_cond_exp</c> uses exponential Euler (NEST uses an adaptive
/// Runge–Kutta–Fehlberg solver).
/// </summary>
internal static class Brian2Models
{
    /// <summary>Relative change of a synaptic τ that equals τ_m (see the class remarks).</summary>
    public const double CoincidentTauNudge = 1e-7;

    public static string Method(NeuronModel model) => model == NeuronModel.IafCondExp ? "exponential_euler" : "exact";

    /// <summary>The parameters as the script sets them, with a synaptic τ equal to τ_m nudged;
    /// <paramref name="nudged"/> tells whether one was.</summary>
    public static IReadOnlyList<ModelParameter> Parameters(PopulationSpec p, out bool nudged)
    {
        var parameters = ModelParameters.For(p.Model, p.Parameters).ToList();
        nudged = false;
        if (p.Model is NeuronModel.IafPscExp or NeuronModel.IafPscAlpha)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i].NestName is "tau_syn_ex" or "tau_syn_in" && parameters[i].Value == p.Parameters.TauMembraneMs)
                {
                    parameters[i] = parameters[i] with { Value = parameters[i].Value * (1 + CoincidentTauNudge) };
                    nudged = true;
                }
            }
        }

        return parameters;
    }

    /// <summary>The equations of one model, parameters as per-neuron constants.</summary>
    public static string Equations(NeuronModel model)
    {
        const string tauEx = "tau_syn_ex", tauIn = "tau_syn_in";
        var lines = new List<string>();
        switch (model)
        {
            case NeuronModel.IafPscExp:
                lines.Add("dv/dt = (E_L - v)/tau_m + (I_ex + I_in + I_e + I_dc)/C_m : volt (unless refractory)");
                lines.Add($"dI_ex/dt = -I_ex/{tauEx} : amp");
                lines.Add($"dI_in/dt = -I_in/{tauIn} : amp");
                break;
            case NeuronModel.IafPscAlpha:
                lines.Add("dv/dt = (E_L - v)/tau_m + (I_ex + I_in + I_e + I_dc)/C_m : volt (unless refractory)");
                lines.Add($"dI_ex/dt = y_ex - I_ex/{tauEx} : amp");
                lines.Add($"dy_ex/dt = -y_ex/{tauEx} : amp/second");
                lines.Add($"dI_in/dt = y_in - I_in/{tauIn} : amp");
                lines.Add($"dy_in/dt = -y_in/{tauIn} : amp/second");
                break;
            case NeuronModel.IafPscDelta:
                lines.Add("dv/dt = (E_L - v)/tau_m + (I_e + I_dc)/C_m : volt (unless refractory)");
                break;
            case NeuronModel.IafCondExp:
                lines.Add("dv/dt = (g_L*(E_L - v) + g_ex*(E_ex - v) + g_in*(E_in - v) + I_e + I_dc)/C_m : volt (unless refractory)");
                lines.Add("dg_ex/dt = -g_ex/tau_syn_ex : siemens");
                lines.Add("dg_in/dt = -g_in/tau_syn_in : siemens");
                break;
            default:
                throw new NotSupportedException($"No Brian2 export for neuron model {model}.");
        }

        foreach (var parameter in ModelParameters.For(model, new NeuronParameters()))
        {
            lines.Add($"{parameter.NestName} : {BaseUnit(parameter.Unit)} (constant)");
        }

        lines.Add("I_dc : amp");
        return string.Join("\n", lines);
    }

    /// <summary>The statement a spike of weight <c>w</c> (positive: excitatory) executes on the target.</summary>
    public static string OnPre(NeuronModel target, bool excitatory) => (target, excitatory) switch
    {
        (NeuronModel.IafPscExp, true) => "I_ex_post += w",
        (NeuronModel.IafPscExp, false) => "I_in_post += w",
        (NeuronModel.IafPscAlpha, true) => "y_ex_post += w * 2.718281828459045 / tau_syn_ex_post",
        (NeuronModel.IafPscAlpha, false) => "y_in_post += w * 2.718281828459045 / tau_syn_in_post",
        (NeuronModel.IafPscDelta, _) => "v_post += w * int(not_refractory_post)",
        (NeuronModel.IafCondExp, true) => "g_ex_post += w",
        (NeuronModel.IafCondExp, false) => "g_in_post -= w",
        _ => throw new NotSupportedException($"No Brian2 export for neuron model {target}."),
    };

    /// <summary>Target variable and per-event increment (a string expression in the target's
    /// namespace) for Brian2's PoissonInput of weight <paramref name="weight"/>.</summary>
    public static (string Variable, string Increment) PoissonTarget(NeuronModel target, string weight, bool excitatory) => (target, excitatory) switch
    {
        (NeuronModel.IafPscExp, true) => ("I_ex", $"{weight}*pA"),
        (NeuronModel.IafPscExp, false) => ("I_in", $"{weight}*pA"),
        (NeuronModel.IafPscAlpha, true) => ("y_ex", $"{weight}*pA*2.718281828459045/tau_syn_ex"),
        (NeuronModel.IafPscAlpha, false) => ("y_in", $"{weight}*pA*2.718281828459045/tau_syn_in"),
        (NeuronModel.IafPscDelta, _) => ("v", $"{weight}*mV*int(not_refractory)"),
        (NeuronModel.IafCondExp, true) => ("g_ex", $"{weight}*nS"),
        (NeuronModel.IafCondExp, false) => ("g_in", $"-({weight})*nS"),
        _ => throw new NotSupportedException($"No Brian2 export for neuron model {target}."),
    };

    /// <summary>Brian2's dimension name of a unit used in the exported scripts.</summary>
    public static string BaseUnit(string unit) => unit switch
    {
        "pF" => "farad",
        "ms" => "second",
        "mV" => "volt",
        "pA" => "amp",
        "nS" => "siemens",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown unit."),
    };
}

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
/// integrated exactly (Brian2's <c>exact</c>, as NEST's propagators) unless a synaptic τ equals
/// τ_m: the general solution then divides by τ_m − τ_syn (NEST switches to the limit), and Brian2's
/// symbolic solver with refractoriness cannot take that limit, so such populations get their own
/// group integrated with RK4 (error ~(h/τ)⁵ per step). <c>iaf_cond_exp</c> uses exponential Euler
/// (NEST uses an adaptive Runge–Kutta–Fehlberg solver).
/// </summary>
internal static class Brian2Models
{
    /// <summary>Populations that can share one NeuronGroup: same model and, as that decides the
    /// solver, the same coincidences τ_syn = τ_m.</summary>
    public readonly record struct GroupKey(NeuronModel Model, bool ExcitatoryTauEqualsMembrane, bool InhibitoryTauEqualsMembrane);

    public static GroupKey KeyOf(PopulationSpec p)
    {
        var hasSynapticTau = p.Model is NeuronModel.IafPscExp or NeuronModel.IafPscAlpha;
        return new GroupKey(
            p.Model,
            hasSynapticTau && p.Parameters.TauSynExMs == p.Parameters.TauMembraneMs,
            hasSynapticTau && p.Parameters.TauSynInMs == p.Parameters.TauMembraneMs);
    }

    public static string Method(GroupKey key) => key switch
    {
        { Model: NeuronModel.IafCondExp } => "exponential_euler",
        { ExcitatoryTauEqualsMembrane: true } or { InhibitoryTauEqualsMembrane: true } => "rk4",
        _ => "exact",
    };

    public static string Equations(GroupKey key)
    {
        const string tauEx = "tau_syn_ex", tauIn = "tau_syn_in";
        var lines = new List<string>();
        switch (key.Model)
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
                throw new NotSupportedException($"No Brian2 export for neuron model {key.Model}.");
        }

        foreach (var parameter in ModelParameters.For(key.Model, new NeuronParameters()))
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

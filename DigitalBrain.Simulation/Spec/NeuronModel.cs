namespace DigitalBrain.Simulation.Spec;

/// <summary>Neuron models, named and behaving as NEST's models of the same (snake_case) name.</summary>
public enum NeuronModel
{
    /// <summary>Leaky integrate-and-fire, exponential post-synaptic currents (NEST <c>iaf_psc_exp</c>).</summary>
    IafPscExp,
    /// <summary>Leaky integrate-and-fire, alpha-shaped post-synaptic currents (NEST <c>iaf_psc_alpha</c>).</summary>
    IafPscAlpha,
    /// <summary>Leaky integrate-and-fire, delta post-synaptic potentials (NEST <c>iaf_psc_delta</c>).</summary>
    IafPscDelta,
    /// <summary>Leaky integrate-and-fire, exponential conductances (NEST <c>iaf_cond_exp</c>).</summary>
    IafCondExp,
}

/// <summary>
/// Neuron-model constants with NEST's meaning; the defaults are NEST 3's defaults for
/// <c>iaf_psc_exp</c> (and for <c>iaf_cond_exp</c> where only it uses the field).
/// </summary>
public sealed record NeuronParameters
{
    /// <summary>C_m, membrane capacitance (pF).</summary>
    public double CapacitancePf { get; init; } = 250.0;
    /// <summary>tau_m, membrane time constant (ms); conductance models use g_L instead.</summary>
    public double TauMembraneMs { get; init; } = 10.0;
    /// <summary>E_L, resting potential (mV).</summary>
    public double RestingPotentialMv { get; init; } = -70.0;
    /// <summary>V_th, spike threshold (mV).</summary>
    public double ThresholdMv { get; init; } = -55.0;
    /// <summary>V_reset (mV).</summary>
    public double ResetMv { get; init; } = -70.0;
    /// <summary>t_ref, absolute refractory period (ms).</summary>
    public double RefractoryMs { get; init; } = 2.0;
    /// <summary>tau_syn_ex, excitatory synaptic time constant (ms).</summary>
    public double TauSynExMs { get; init; } = 2.0;
    /// <summary>tau_syn_in, inhibitory synaptic time constant (ms).</summary>
    public double TauSynInMs { get; init; } = 2.0;
    /// <summary>I_e, constant external current (pA).</summary>
    public double ExternalCurrentPa { get; init; }
    /// <summary>E_ex, excitatory reversal potential (mV), conductance models only.</summary>
    public double ExcitatoryReversalMv { get; init; }
    /// <summary>E_in, inhibitory reversal potential (mV), conductance models only.</summary>
    public double InhibitoryReversalMv { get; init; } = -85.0;
    /// <summary>g_L, leak conductance (nS), conductance models only.</summary>
    public double LeakConductanceNs { get; init; } = 16.6667;
}

namespace DigitalBrain.Simulation.Engine.Models;

/// <summary>Structure-of-arrays state of all neurons, indexed by global neuron id. V is V_m − E_L (mV).
/// The meaning of the synaptic slots depends on the model: iaf_psc_exp I_ex, I_in (pA);
/// iaf_psc_alpha dI_ex, dI_in, I_ex, I_in; iaf_cond_exp g_ex, g_in (nS); iaf_psc_delta none.</summary>
public sealed class NeuronState(int count)
{
    public double[] V { get; } = new double[count];
    public double[] Syn1 { get; } = new double[count];
    public double[] Syn2 { get; } = new double[count];
    public double[] Syn3 { get; } = new double[count];
    public double[] Syn4 { get; } = new double[count];
    /// <summary>Refractory steps left.</summary>
    public int[] Refractory { get; } = new int[count];
}

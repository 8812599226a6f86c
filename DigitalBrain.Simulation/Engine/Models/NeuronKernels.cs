using System.Runtime.CompilerServices;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Models;

/// <summary>
/// One time step h of a contiguous range of neurons of one population, in NEST's update order.
/// <para><b>iaf_psc_exp</b> (NEST <c>iaf_psc_exp</c>; Tsodyks et al. 2000, exact integration after Rotter &amp;
/// Diesmann 1999): C dV/dt = −(C/τ_m) V + I_ex + I_in + I_e + I_stim, dI_x/dt = −I_x/τ_x, a spike of weight w
/// adds w (pA) to I_ex (w ≥ 0) or I_in (w &lt; 0). Per step: V ← P22 V + P21ex I_ex + P21in I_in + P20 (I_e + I_stim)
/// unless refractory (then the counter decreases); I_x ← P11x I_x + (input arriving this step); if V ≥ V_th − E_L:
/// V ← V_reset − E_L, counter ← round(t_ref/h), spike stamped at the end of the step.</para>
/// <para><b>iaf_psc_alpha</b> (NEST <c>iaf_psc_alpha</c>; exact integration, Rotter &amp; Diesmann 1999): I_x(t) = w (e/τ_x) t e^(−t/τ_x) per spike (peak w pA at τ_x);
/// V ← P30 (I_e + I_stim) + P31 dI + P32 I + P22 V; I ← P21 dI + P22s I; dI ← P11 dI + (e/τ_x) w.</para>
/// <para><b>iaf_psc_delta</b> (NEST <c>iaf_psc_delta</c>; Diesmann et al. 2001): each spike makes V jump by w (mV, NEST's unit for this
/// model); input arriving while refractory is discarded (NEST's default <c>refractory_input = false</c>).</para>
/// <para><b>iaf_cond_exp</b> (NEST <c>iaf_cond_exp</c>; Meffin, Burkitt &amp; Grayden 2004, J. Comput. Neurosci. 16:159): C dV/dt = −g_L (V − E_L) − g_ex (V − E_ex)
/// − g_in (V − E_in) + I_e + I_stim, dg_x/dt = −g_x/τ_x, a spike adds |w| nS to g_ex or g_in after the step.
/// NEST integrates with adaptive RKF45 (GSL); we integrate the exactly decaying conductances with classical
/// RK4 on two half steps (local error O((h/τ)⁵), far below NEST's 1e-3 tolerance). V is clamped to V_reset
/// while refractory.</para>
/// </summary>
public static class NeuronKernels
{
    /// <summary>Advances neurons [<paramref name="first"/>, <paramref name="first"/> + n) by one step.</summary>
    /// <param name="c">Constants of their population.</param>
    /// <param name="s">State (global indices).</param>
    /// <param name="first">Global index of the first neuron.</param>
    /// <param name="exInput">Excitatory input arriving this step, one per neuron (pA, nS or mV).</param>
    /// <param name="inInput">Inhibitory input arriving this step (negative weights summed).</param>
    /// <param name="stimulusPa">I_stim this step (DC inputs).</param>
    /// <param name="spikes">Receives the offsets (0-based, relative to <paramref name="first"/>) of neurons that spiked.</param>
    /// <returns>Number of spikes written.</returns>
    public static int Step(ModelConstants c, NeuronState s, int first, ReadOnlySpan<double> exInput, ReadOnlySpan<double> inInput, double stimulusPa, Span<int> spikes) =>
        c.Model switch
        {
            NeuronModel.IafPscExp => StepPscExp(c, s, first, exInput, inInput, stimulusPa, spikes),
            NeuronModel.IafPscAlpha => StepPscAlpha(c, s, first, exInput, inInput, stimulusPa, spikes),
            NeuronModel.IafPscDelta => StepPscDelta(c, s, first, exInput, inInput, stimulusPa, spikes),
            NeuronModel.IafCondExp => StepCondExp(c, s, first, exInput, inInput, stimulusPa, spikes),
            _ => throw new NotSupportedException($"Neuron model {c.Model} has no kernel."),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepPscExp(ModelConstants c, NeuronState s, int first, ReadOnlySpan<double> exInput, ReadOnlySpan<double> inInput, double stimulusPa, Span<int> spikes)
    {
        var n = exInput.Length;
        var v = s.V.AsSpan(first, n);
        var iEx = s.Syn1.AsSpan(first, n);
        var iIn = s.Syn2.AsSpan(first, n);
        var refractory = s.Refractory.AsSpan(first, n);
        var inIn = inInput[..n];
        double p22 = c.P22, p21Ex = c.P21Ex, p21In = c.P21In, p11Ex = c.P11Ex, p11In = c.P11In;
        var drive = (c.ExternalCurrentPa + stimulusPa) * c.P20;
        double theta = c.ThetaRel, reset = c.ResetRel;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var vi = v[i];
            var ex = iEx[i];
            var inh = iIn[i];
            if (refractory[i] == 0)
            {
                vi = vi * p22 + ex * p21Ex + inh * p21In + drive;
            }
            else
            {
                refractory[i]--;
            }

            iEx[i] = ex * p11Ex + exInput[i];
            iIn[i] = inh * p11In + inIn[i];
            if (vi >= theta)
            {
                refractory[i] = c.RefractorySteps;
                vi = reset;
                spikes[count++] = i;
            }

            v[i] = vi;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepPscAlpha(ModelConstants c, NeuronState s, int first, ReadOnlySpan<double> exInput, ReadOnlySpan<double> inInput, double stimulusPa, Span<int> spikes)
    {
        var n = exInput.Length;
        var v = s.V.AsSpan(first, n);
        var dEx = s.Syn1.AsSpan(first, n);
        var dIn = s.Syn2.AsSpan(first, n);
        var iEx = s.Syn3.AsSpan(first, n);
        var iIn = s.Syn4.AsSpan(first, n);
        var refractory = s.Refractory.AsSpan(first, n);
        var drive = (c.ExternalCurrentPa + stimulusPa) * c.P20;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (refractory[i] == 0)
            {
                v[i] = drive + c.P31Ex * dEx[i] + c.P32Ex * iEx[i] + c.P31In * dIn[i] + c.P32In * iIn[i] + c.P22 * v[i];
            }
            else
            {
                refractory[i]--;
            }

            iEx[i] = c.P21AlphaEx * dEx[i] + c.P11Ex * iEx[i];
            dEx[i] = dEx[i] * c.P11Ex + c.AlphaInitialEx * exInput[i];
            iIn[i] = c.P21AlphaIn * dIn[i] + c.P11In * iIn[i];
            dIn[i] = dIn[i] * c.P11In + c.AlphaInitialIn * inInput[i];
            if (v[i] >= c.ThetaRel)
            {
                refractory[i] = c.RefractorySteps;
                v[i] = c.ResetRel;
                spikes[count++] = i;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepPscDelta(ModelConstants c, NeuronState s, int first, ReadOnlySpan<double> exInput, ReadOnlySpan<double> inInput, double stimulusPa, Span<int> spikes)
    {
        var n = exInput.Length;
        var v = s.V.AsSpan(first, n);
        var refractory = s.Refractory.AsSpan(first, n);
        var drive = (c.ExternalCurrentPa + stimulusPa) * c.P20;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (refractory[i] == 0)
            {
                v[i] = drive + c.P22 * v[i] + exInput[i] + inInput[i];
            }
            else
            {
                refractory[i]--;
            }

            if (v[i] >= c.ThetaRel)
            {
                refractory[i] = c.RefractorySteps;
                v[i] = c.ResetRel;
                spikes[count++] = i;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepCondExp(ModelConstants c, NeuronState s, int first, ReadOnlySpan<double> exInput, ReadOnlySpan<double> inInput, double stimulusPa, Span<int> spikes)
    {
        var n = exInput.Length;
        var v = s.V.AsSpan(first, n);
        var gEx = s.Syn1.AsSpan(first, n);
        var gIn = s.Syn2.AsSpan(first, n);
        var refractory = s.Refractory.AsSpan(first, n);
        var current = c.ExternalCurrentPa + stimulusPa;
        var half = c.StepMs / 2;
        var decayEx = Math.Exp(-half / c.TauSynExMs);
        var decayIn = Math.Exp(-half / c.TauSynInMs);
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (refractory[i] > 0)
            {
                refractory[i]--;
                v[i] = c.ResetRel;
                gEx[i] *= decayEx * decayEx;
                gIn[i] *= decayIn * decayIn;
            }
            else
            {
                var vi = v[i];
                var ge = gEx[i];
                var gi = gIn[i];
                for (var sub = 0; sub < 2; sub++)
                {
                    var geMid = ge * Math.Sqrt(decayEx);
                    var giMid = gi * Math.Sqrt(decayIn);
                    var geEnd = ge * decayEx;
                    var giEnd = gi * decayIn;
                    var k1 = Derivative(c, vi, ge, gi, current);
                    var k2 = Derivative(c, vi + half / 2 * k1, geMid, giMid, current);
                    var k3 = Derivative(c, vi + half / 2 * k2, geMid, giMid, current);
                    var k4 = Derivative(c, vi + half * k3, geEnd, giEnd, current);
                    vi += half / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
                    ge = geEnd;
                    gi = giEnd;
                }

                v[i] = vi;
                gEx[i] = ge;
                gIn[i] = gi;
                if (vi >= c.ThetaRel)
                {
                    refractory[i] = c.RefractorySteps;
                    v[i] = c.ResetRel;
                    spikes[count++] = i;
                }
            }

            gEx[i] += exInput[i];
            gIn[i] -= inInput[i];
        }

        return count;
    }

    private static double Derivative(ModelConstants c, double v, double ge, double gi, double current) =>
        (-c.LeakConductanceNs * v - ge * (v - c.ExcitatoryReversalRel) - gi * (v - c.InhibitoryReversalRel) + current) / c.CapacitancePf;
}

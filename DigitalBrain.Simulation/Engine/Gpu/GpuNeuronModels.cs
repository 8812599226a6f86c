namespace DigitalBrain.Simulation.Engine.Gpu;

/// <summary>
/// The neuron models of <see cref="Models.NeuronKernels"/> for one neuron on the device, expression for
/// expression (so that ILGPU's CPU accelerator reproduces the CPU backend bit for bit): iaf_psc_exp,
/// iaf_psc_alpha and iaf_psc_delta with the exact propagators of Rotter &amp; Diesmann (1999), iaf_cond_exp
/// with RK4 on two half steps over exactly decaying conductances. Equations, units and citations are on
/// <see cref="Models.NeuronKernels"/>. Each returns whether the neuron spiked (and was reset).
/// </summary>
internal static partial class GpuKernels
{
    private static bool StepPscExp(NeuronArgs a, PopulationParams c, int g, double ex, double inh, double stimulus, ref double v, ref int refractory)
    {
        var iEx = a.Syn1[g];
        var iIn = a.Syn2[g];
        if (refractory == 0)
        {
            v = (v * c.P22) + (iEx * c.P21Ex) + (iIn * c.P21In) + ((c.ExternalPa + stimulus) * c.P20);
        }
        else
        {
            refractory--;
        }

        a.Syn1[g] = (iEx * c.P11Ex) + ex;
        a.Syn2[g] = (iIn * c.P11In) + inh;
        return Threshold(c, ref v, ref refractory);
    }

    private static bool StepPscAlpha(NeuronArgs a, PopulationParams c, int g, double ex, double inh, double stimulus, ref double v, ref int refractory)
    {
        var dEx = a.Syn1[g];
        var dIn = a.Syn2[g];
        var iEx = a.Syn3[g];
        var iIn = a.Syn4[g];
        if (refractory == 0)
        {
            v = ((c.ExternalPa + stimulus) * c.P20) + (c.P31Ex * dEx) + (c.P32Ex * iEx) + (c.P31In * dIn) + (c.P32In * iIn) + (c.P22 * v);
        }
        else
        {
            refractory--;
        }

        a.Syn3[g] = (c.P21AlphaEx * dEx) + (c.P11Ex * iEx);
        a.Syn1[g] = (dEx * c.P11Ex) + (c.AlphaInitialEx * ex);
        a.Syn4[g] = (c.P21AlphaIn * dIn) + (c.P11In * iIn);
        a.Syn2[g] = (dIn * c.P11In) + (c.AlphaInitialIn * inh);
        return Threshold(c, ref v, ref refractory);
    }

    /// <summary>Input arriving while refractory is discarded (NEST's <c>refractory_input = false</c>).</summary>
    private static bool StepPscDelta(PopulationParams c, double ex, double inh, double stimulus, ref double v, ref int refractory)
    {
        if (refractory == 0)
        {
            v = ((c.ExternalPa + stimulus) * c.P20) + (c.P22 * v) + ex + inh;
        }
        else
        {
            refractory--;
        }

        return Threshold(c, ref v, ref refractory);
    }

    private static bool StepCondExp(NeuronArgs a, PopulationParams c, int g, double ex, double inh, double stimulus, ref double v, ref int refractory)
    {
        var gEx = a.Syn1[g];
        var gIn = a.Syn2[g];
        var spiked = false;
        if (refractory > 0)
        {
            refractory--;
            v = c.Reset;
            gEx *= c.DecayEx * c.DecayEx;
            gIn *= c.DecayIn * c.DecayIn;
        }
        else
        {
            var current = c.ExternalPa + stimulus;
            var half = c.Half;
            for (var sub = 0; sub < 2; sub++)
            {
                var geMid = gEx * c.SqrtDecayEx;
                var giMid = gIn * c.SqrtDecayIn;
                var geEnd = gEx * c.DecayEx;
                var giEnd = gIn * c.DecayIn;
                var k1 = CondDerivative(c, v, gEx, gIn, current);
                var k2 = CondDerivative(c, v + (half / 2 * k1), geMid, giMid, current);
                var k3 = CondDerivative(c, v + (half / 2 * k2), geMid, giMid, current);
                var k4 = CondDerivative(c, v + (half * k3), geEnd, giEnd, current);
                v += half / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
                gEx = geEnd;
                gIn = giEnd;
            }

            spiked = Threshold(c, ref v, ref refractory);
        }

        a.Syn1[g] = gEx + ex;
        a.Syn2[g] = gIn - inh;
        return spiked;
    }

    private static double CondDerivative(PopulationParams c, double v, double ge, double gi, double current) =>
        ((-c.LeakNs * v) - (ge * (v - c.ExReversal)) - (gi * (v - c.InReversal)) + current) / c.CapacitancePf;

    private static bool Threshold(PopulationParams c, ref double v, ref int refractory)
    {
        if (v < c.Theta)
        {
            return false;
        }

        refractory = c.RefractorySteps;
        v = c.Reset;
        return true;
    }
}

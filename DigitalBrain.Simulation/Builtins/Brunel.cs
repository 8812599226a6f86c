using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Builtins;

/// <summary>
/// Brunel (2000, J. Comput. Neurosci. 8:183, doi:10.1023/A:1008925309027) balanced random network,
/// model A (identical excitatory and inhibitory neurons), with the parameters of NEST's PyNEST example
/// <c>brunel_alpha_nest.py</c>: N_E = 10,000 and N_I = 2,500 <c>iaf_psc_alpha</c> neurons
/// (C_m 250 pF, τ_m 20 ms, τ_syn 0.5 ms, t_ref 2 ms, E_L = V_reset = 0 mV, V_th 20 mV),
/// <c>fixed_indegree</c> C_E = 0.1 N_E and C_I = 0.1 N_I, PSP J = 0.1 mV converted to a PSC amplitude
/// (the example's <c>ComputePSPnorm</c>), g = 5, delay 1.5 ms, and an external Poisson drive of
/// η = 2 times the threshold rate ν_th = θ C_m / (J_ex C_E e τ_m τ_syn) through C_E inputs.
/// Down-scaling multiplies N_E and N_I by the scale but keeps the full-scale in-degrees (capped at the
/// population size; multapses are allowed as in the example), so the mean-field state, which depends on
/// the in-degrees and not on N, stays that of the full network.
/// </summary>
public static class Brunel
{
    /// <summary>Name of the built-in (<c>builtin:brunel</c>).</summary>
    public const string Name = "brunel";

    /// <summary>Default master seed.</summary>
    public const ulong DefaultSeed = 1;

    /// <summary>Full-scale number of excitatory neurons (4 × order).</summary>
    public const int ExcitatoryCount = 10000;
    /// <summary>Full-scale number of inhibitory neurons (order).</summary>
    public const int InhibitoryCount = 2500;
    /// <summary>Connection probability ε used to derive the in-degrees.</summary>
    public const double Epsilon = 0.1;
    /// <summary>Relative inhibitory strength g (J_I = −g J_E).</summary>
    public const double G = 5.0;
    /// <summary>External rate relative to the threshold rate.</summary>
    public const double Eta = 2.0;
    /// <summary>Synaptic delay (ms).</summary>
    public const double DelayMs = 1.5;
    /// <summary>PSP amplitude J (mV).</summary>
    public const double PspMv = 0.1;
    /// <summary>C_m (pF).</summary>
    public const double CapacitancePf = 250.0;
    /// <summary>tau_m (ms).</summary>
    public const double TauMembraneMs = 20.0;
    /// <summary>tau_syn (ms).</summary>
    public const double TauSynMs = 0.5;
    /// <summary>V_th (mV).</summary>
    public const double ThresholdMv = 20.0;
    /// <summary>t_ref (ms).</summary>
    public const double RefractoryMs = 2.0;

    /// <summary>
    /// Peak PSP (mV) of a unit-amplitude (1 pA) alpha current I(t) = (e/τ_s) t e^(−t/τ_s) into a leaky
    /// membrane, as NEST's <c>ComputePSPnorm</c>: with a = τ_m/τ_s, b = 1/τ_s − 1/τ_m, the peak is at
    /// t_max = (−W₋₁(−e^(−1/a)/a) − 1/a)/b and
    /// PSP = e/(τ_s C b) · ((e^(−t_max/τ_m) − e^(−t_max/τ_s))/b − t_max e^(−t_max/τ_s)).
    /// </summary>
    public static double AlphaPspPerPa(double tauMembraneMs, double capacitancePf, double tauSynMs)
    {
        var a = tauMembraneMs / tauSynMs;
        var b = 1.0 / tauSynMs - 1.0 / tauMembraneMs;
        var tMax = 1.0 / b * (-LambertWMinus1(-Math.Exp(-1.0 / a) / a) - 1.0 / a);
        return Math.E / (tauSynMs * capacitancePf * b)
               * ((Math.Exp(-tMax / tauMembraneMs) - Math.Exp(-tMax / tauSynMs)) / b - tMax * Math.Exp(-tMax / tauSynMs));
    }

    /// <summary>Builds the network with both population sizes multiplied by <paramref name="scale"/>.</summary>
    public static NetworkSpec Create(double scale = 1.0, ulong seed = DefaultSeed)
    {
        if (!double.IsFinite(scale) || scale <= 0 || scale > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The Brunel network scale must be in (0, 1].");
        }

        var ne = Math.Max(1, (int)Math.Round(ExcitatoryCount * scale));
        var ni = Math.Max(1, (int)Math.Round(InhibitoryCount * scale));
        var ce = Math.Min(ne, (int)(Epsilon * ExcitatoryCount));
        var ci = Math.Min(ni, (int)(Epsilon * InhibitoryCount));
        var jEx = PspMv / AlphaPspPerPa(TauMembraneMs, CapacitancePf, TauSynMs);
        var jIn = -G * jEx;
        var nuThreshold = ThresholdMv * CapacitancePf / (jEx * ce * Math.E * TauMembraneMs * TauSynMs);
        var nuExternalHz = 1000.0 * Eta * nuThreshold;

        var parameters = new NeuronParameters
        {
            CapacitancePf = CapacitancePf,
            TauMembraneMs = TauMembraneMs,
            RestingPotentialMv = 0.0,
            ThresholdMv = ThresholdMv,
            ResetMv = 0.0,
            RefractoryMs = RefractoryMs,
            TauSynExMs = TauSynMs,
            TauSynInMs = TauSynMs,
        };
        const string provenance = "Brunel 2000 model A; NEST brunel_alpha_nest.py parameters";
        PopulationSpec[] populations =
        [
            new("E", ne, NeuronModel.IafPscAlpha, parameters, Distribution.Constant(0.0), Provenance: provenance),
            new("I", ni, NeuronModel.IafPscAlpha, parameters, Distribution.Constant(0.0), Provenance: provenance),
        ];
        var excitatory = new SynapseSpec(Distribution.Constant(jEx), Distribution.Constant(DelayMs));
        var inhibitory = new SynapseSpec(Distribution.Constant(jIn), Distribution.Constant(DelayMs));
        ProjectionSpec[] projections =
        [
            new("E", "E", new ConnectionRule(ConnectionRuleKind.FixedIndegree, ce), excitatory),
            new("E", "I", new ConnectionRule(ConnectionRuleKind.FixedIndegree, ce), excitatory),
            new("I", "E", new ConnectionRule(ConnectionRuleKind.FixedIndegree, ci), inhibitory),
            new("I", "I", new ConnectionRule(ConnectionRuleKind.FixedIndegree, ci), inhibitory),
        ];
        StimulusSpec[] stimuli =
        [
            new PoissonInput("E", nuExternalHz, ce, jEx, DelayMs),
            new PoissonInput("I", nuExternalHz, ce, jEx, DelayMs),
        ];
        return new NetworkSpec(
            scale == 1.0 ? Name : $"{Name} (scale {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            0.1, seed, populations, projections, stimuli, RecordingSpec.AllSpikes);
    }

    /// <summary>Lower branch W₋₁ of the Lambert W function on [−1/e, 0), by Halley's iteration.</summary>
    internal static double LambertWMinus1(double x)
    {
        if (x < -1.0 / Math.E || x >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "W₋₁ is defined on [−1/e, 0).");
        }

        // Start below −1 (the branch point); the log-based guess is close for small |x|.
        var w = x > -0.25 ? Math.Log(-x) - Math.Log(-Math.Log(-x)) : -1.0 - Math.Sqrt(2.0 * (1.0 + Math.E * x));
        for (var i = 0; i < 100; i++)
        {
            var ew = Math.Exp(w);
            var f = w * ew - x;
            var next = w - f / (ew * (w + 1) - (w + 2) * f / (2 * w + 2));
            if (Math.Abs(next - w) <= 1e-15 * Math.Abs(next))
            {
                return next;
            }

            w = next;
        }

        return w;
    }
}

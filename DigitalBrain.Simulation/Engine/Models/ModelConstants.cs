using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Models;

/// <summary>
/// Per-population constants of one neuron model at step h: the exact-integration propagators of
/// Rotter &amp; Diesmann (1999, Biol. Cybern. 81:381, doi:10.1007/s004220050570) as NEST computes them,
/// and thresholds expressed relative to E_L (NEST stores V_m − E_L internally, as we do).
/// Units: ms, mV, pA, pF, nS.
/// </summary>
public sealed record ModelConstants
{
    public required NeuronModel Model { get; init; }
    /// <summary>E_L (mV); state V is stored as V_m − E_L.</summary>
    public required double RestingMv { get; init; }
    /// <summary>V_th − E_L (mV).</summary>
    public required double ThetaRel { get; init; }
    /// <summary>V_reset − E_L (mV).</summary>
    public required double ResetRel { get; init; }
    /// <summary>round(t_ref / h): steps a neuron stays clamped after a spike.</summary>
    public required int RefractorySteps { get; init; }
    /// <summary>I_e (pA).</summary>
    public required double ExternalCurrentPa { get; init; }

    /// <summary>e^(−h/τ_m).</summary>
    public double P22 { get; init; }
    /// <summary>(τ_m/C)(1 − e^(−h/τ_m)): V response to a constant current (mV/pA).</summary>
    public double P20 { get; init; }
    /// <summary>e^(−h/τ_syn,ex), e^(−h/τ_syn,in).</summary>
    public double P11Ex { get; init; }
    public double P11In { get; init; }
    /// <summary>iaf_psc_exp: V response to an exponential current, (τ_s τ_m / (C(τ_m − τ_s)))(e^(−h/τ_m) − e^(−h/τ_s)).</summary>
    public double P21Ex { get; init; }
    public double P21In { get; init; }
    /// <summary>iaf_psc_alpha: V response to dI (P31) and to I (P32); I response to dI is h e^(−h/τ_s).</summary>
    public double P31Ex { get; init; }
    public double P32Ex { get; init; }
    public double P31In { get; init; }
    public double P32In { get; init; }
    public double P21AlphaEx { get; init; }
    public double P21AlphaIn { get; init; }
    /// <summary>iaf_psc_alpha: e/τ_s, so that a weight w gives a current peak of w pA at t = τ_s.</summary>
    public double AlphaInitialEx { get; init; }
    public double AlphaInitialIn { get; init; }

    /// <summary>iaf_cond_exp constants.</summary>
    public double CapacitancePf { get; init; }
    public double LeakConductanceNs { get; init; }
    public double ExcitatoryReversalRel { get; init; }
    public double InhibitoryReversalRel { get; init; }
    public double TauSynExMs { get; init; }
    public double TauSynInMs { get; init; }
    public double StepMs { get; init; }

    /// <summary>Computes the constants of <paramref name="model"/> with <paramref name="p"/> at step <paramref name="h"/> (ms).</summary>
    public static ModelConstants Create(NeuronModel model, NeuronParameters p, double h)
    {
        Validate(p);
        var tauM = model == NeuronModel.IafCondExp ? p.CapacitancePf / p.LeakConductanceNs : p.TauMembraneMs;
        var p22 = Math.Exp(-h / tauM);
        return new ModelConstants
        {
            Model = model,
            RestingMv = p.RestingPotentialMv,
            ThetaRel = p.ThresholdMv - p.RestingPotentialMv,
            ResetRel = p.ResetMv - p.RestingPotentialMv,
            RefractorySteps = (int)Math.Round(p.RefractoryMs / h, MidpointRounding.AwayFromZero),
            ExternalCurrentPa = p.ExternalCurrentPa,
            P22 = p22,
            P20 = -tauM / p.CapacitancePf * double.ExpM1(-h / tauM),
            P11Ex = Math.Exp(-h / p.TauSynExMs),
            P11In = Math.Exp(-h / p.TauSynInMs),
            P21Ex = ExpPropagator(p.TauSynExMs, tauM, p.CapacitancePf, h),
            P21In = ExpPropagator(p.TauSynInMs, tauM, p.CapacitancePf, h),
            P31Ex = AlphaPropagator31(p.TauSynExMs, tauM, p.CapacitancePf, h),
            P32Ex = ExpPropagator(p.TauSynExMs, tauM, p.CapacitancePf, h),
            P31In = AlphaPropagator31(p.TauSynInMs, tauM, p.CapacitancePf, h),
            P32In = ExpPropagator(p.TauSynInMs, tauM, p.CapacitancePf, h),
            P21AlphaEx = h * Math.Exp(-h / p.TauSynExMs),
            P21AlphaIn = h * Math.Exp(-h / p.TauSynInMs),
            AlphaInitialEx = Math.E / p.TauSynExMs,
            AlphaInitialIn = Math.E / p.TauSynInMs,
            CapacitancePf = p.CapacitancePf,
            LeakConductanceNs = p.LeakConductanceNs,
            ExcitatoryReversalRel = p.ExcitatoryReversalMv - p.RestingPotentialMv,
            InhibitoryReversalRel = p.InhibitoryReversalMv - p.RestingPotentialMv,
            TauSynExMs = p.TauSynExMs,
            TauSynInMs = p.TauSynInMs,
            StepMs = h,
        };
    }

    /// <summary>V(h) for a unit current I(t) = e^(−t/τ_s) into C dV/dt = −V C/τ_m + I:
    /// (1/C) τ_s τ_m/(τ_m − τ_s) (e^(−h/τ_m) − e^(−h/τ_s)), written with expm1 to stay exact when τ_s ≈ τ_m
    /// (limit h e^(−h/τ)/C).</summary>
    public static double ExpPropagator(double tauSyn, double tauM, double capacitance, double h)
    {
        if (Math.Abs(tauM - tauSyn) < 1e-12 * tauM)
        {
            return h * Math.Exp(-h / tauM) / capacitance;
        }

        // e^(−h/τ_m) − e^(−h/τ_s) = e^(−h/τ_m) · (1 − e^(−h(1/τ_s − 1/τ_m)))
        var a = 1.0 / tauSyn - 1.0 / tauM;
        return -Math.Exp(-h / tauM) * double.ExpM1(-h * a) / (a * capacitance);
    }

    /// <summary>V(h) for dI(0) = 1, i.e. I(t) = t e^(−t/τ_s):
    /// (1/C) [e^(−h/τ_m) − e^(−h/τ_s)(1 + a h)] / a² with a = 1/τ_s − 1/τ_m (limit h² e^(−h/τ)/(2C)).</summary>
    public static double AlphaPropagator31(double tauSyn, double tauM, double capacitance, double h)
    {
        var a = 1.0 / tauSyn - 1.0 / tauM;
        if (Math.Abs(a * h) < 1e-6)
        {
            return h * h * Math.Exp(-h / tauM) / (2 * capacitance);
        }

        var em = Math.Exp(-h / tauM);
        var es = Math.Exp(-h / tauSyn);
        return (em - es * (1 + a * h)) / (a * a * capacitance);
    }

    private static void Validate(NeuronParameters p)
    {
        Check(p.CapacitancePf, nameof(p.CapacitancePf), positive: true);
        Check(p.TauMembraneMs, nameof(p.TauMembraneMs), positive: true);
        Check(p.TauSynExMs, nameof(p.TauSynExMs), positive: true);
        Check(p.TauSynInMs, nameof(p.TauSynInMs), positive: true);
        Check(p.LeakConductanceNs, nameof(p.LeakConductanceNs), positive: true);
        Check(p.RefractoryMs, nameof(p.RefractoryMs), positive: false);
        Check(p.RestingPotentialMv, nameof(p.RestingPotentialMv), positive: false, allowNegative: true);
        Check(p.ThresholdMv, nameof(p.ThresholdMv), positive: false, allowNegative: true);
        Check(p.ResetMv, nameof(p.ResetMv), positive: false, allowNegative: true);
        Check(p.ExternalCurrentPa, nameof(p.ExternalCurrentPa), positive: false, allowNegative: true);
    }

    private static void Check(double value, string name, bool positive, bool allowNegative = false)
    {
        if (!double.IsFinite(value) || (positive && value <= 0) || (!allowNegative && value < 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Neuron parameter {name} is out of range.");
        }
    }
}

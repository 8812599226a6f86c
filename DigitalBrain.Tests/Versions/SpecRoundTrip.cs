using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Versions;

/// <summary>
/// A spec reduced to what the compiler controls, so that an imported spec and the version compiled
/// from it compare member by member. Cleared, with the reason (<c>SpecImportPlan.NotImported</c>):
/// seed, resolution and recording are run settings; initial V_m and provenance are the compiler's;
/// the Poisson delay is fixed at 1.5 ms by the compiler; E_ex/E_in/g_L are unused by current-based
/// models; autapses are compared separately (the compiler decides them by rule). A population
/// without a region is imported into one region named after the spec.
/// </summary>
internal static class SpecRoundTrip
{
    public static NetworkSpec Comparable(NetworkSpec spec)
    {
        var defaults = new NeuronParameters();
        return spec with
        {
            Seed = 0,
            ResolutionMs = 0,
            Recording = RecordingSpec.AllSpikes,
            Populations = spec.Populations.Select(p => p with
            {
                Region = p.Region ?? spec.Name,
                Provenance = null,
                InitialPotential = Distribution.Constant(0),
                Parameters = p.Model == NeuronModel.IafCondExp ? p.Parameters : p.Parameters with
                {
                    ExcitatoryReversalMv = defaults.ExcitatoryReversalMv, InhibitoryReversalMv = defaults.InhibitoryReversalMv,
                    LeakConductanceNs = defaults.LeakConductanceNs,
                },
            }).ToList(),
            Projections = spec.Projections.Select(p => p with { Provenance = null, Rule = p.Rule with { AllowAutapses = true } }).ToList(),
            Stimuli = spec.Stimuli.Select(s => s is PoissonInput poisson ? poisson with { DelayMs = 0 } : s).ToList(),
        };
    }

    /// <summary>Autapses only matter within one population.</summary>
    public static IEnumerable<(string Name, bool Allowed)> SelfAutapses(NetworkSpec spec) =>
        spec.Projections.Where(p => p.Source == p.Target).Select(p => (p.Source, p.Rule.AllowAutapses));
}

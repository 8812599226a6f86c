namespace DigitalBrain.Simulation.Spec;

/// <summary>
/// Down-scales any network for quick runs the way NEST's microcircuit example does (van Albada,
/// Helias &amp; Diesmann 2015): neuron counts N → s·N and in-degrees K → s·K (so synapse totals
/// shrink by s²), weights J → J/√s so that the input variance is kept, and the mean input lost by
/// the smaller K restored by a DC current
/// I_dc = (1 − √s) · Σ_sources J · K · ν · τ_syn (exponential currents; e·τ_syn for alpha currents,
/// C_m for delta synapses whose J is a voltage jump), using the populations' reference rates ν.
/// Populations without a reference rate contribute no compensation; conductance-based targets get
/// none (their mean input depends on V).
/// </summary>
public static class SpecScaling
{
    /// <param name="spec">A full-scale spec.</param>
    /// <param name="scale">s in (0, 1].</param>
    public static NetworkSpec Scale(NetworkSpec spec, double scale)
    {
        if (!double.IsFinite(scale) || scale <= 0 || scale > 1)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be in (0, 1]");
        if (scale == 1)
            return spec;

        var sqrt = Math.Sqrt(scale);
        var byName = spec.Populations.ToDictionary(p => p.Name);
        var lostMeanInputPa = spec.Populations.ToDictionary(p => p.Name, _ => 0.0);

        foreach (var projection in spec.Projections)
        {
            var source = byName[projection.Source];
            var target = byName[projection.Target];
            if (source.ReferenceRateHz is { } rate)
                lostMeanInputPa[target.Name] += MeanCurrentPa(target, projection.Synapse.Weight.Mean, Indegree(projection, source, target), rate);
        }
        foreach (var poisson in spec.Stimuli.OfType<PoissonInput>())
            lostMeanInputPa[poisson.Target] += MeanCurrentPa(byName[poisson.Target], poisson.WeightPa, poisson.Indegree, poisson.RateHz);

        var populations = spec.Populations
            .Select(p => p with
            {
                Size = Math.Max(1, (int)Math.Round(p.Size * scale, MidpointRounding.ToEven)),
                Parameters = p.Parameters with { ExternalCurrentPa = p.Parameters.ExternalCurrentPa + (1 - sqrt) * lostMeanInputPa[p.Name] },
            })
            .ToList();
        var projections = spec.Projections
            .Select(p => p with
            {
                Rule = ScaleRule(p.Rule, scale),
                Synapse = p.Synapse with { Weight = new Distribution(p.Synapse.Weight.Mean / sqrt, p.Synapse.Weight.Sd / sqrt) },
            })
            .Where(p => p.Rule.Kind is not (ConnectionRuleKind.FixedIndegree or ConnectionRuleKind.FixedOutdegree or ConnectionRuleKind.FixedTotalNumber) || p.Rule.Count > 0)
            .ToList();
        var stimuli = spec.Stimuli
            .Select(s => s is PoissonInput poisson
                ? poisson with { Indegree = (int)Math.Round(poisson.Indegree * scale, MidpointRounding.ToEven), WeightPa = poisson.WeightPa / sqrt }
                : s)
            .ToList();
        return spec with { Populations = populations, Projections = projections, Stimuli = stimuli };
    }

    /// <summary>Mean number of synapses onto one target neuron that the rule makes.</summary>
    public static double Indegree(ProjectionSpec projection, PopulationSpec source, PopulationSpec target) => projection.Rule.Kind switch
    {
        ConnectionRuleKind.FixedIndegree => projection.Rule.Count,
        ConnectionRuleKind.FixedOutdegree => (double)projection.Rule.Count * source.Size / target.Size,
        ConnectionRuleKind.FixedTotalNumber => (double)projection.Rule.Count / target.Size,
        ConnectionRuleKind.PairwiseBernoulli => projection.Rule.Probability * source.Size,
        ConnectionRuleKind.AllToAll => source.Size,
        ConnectionRuleKind.OneToOne => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(projection), projection.Rule.Kind, "unknown rule"),
    };

    private static ConnectionRule ScaleRule(ConnectionRule rule, double scale) => rule.Kind switch
    {
        ConnectionRuleKind.FixedIndegree or ConnectionRuleKind.FixedOutdegree =>
            rule with { Count = (long)Math.Round(rule.Count * scale, MidpointRounding.ToEven) },
        ConnectionRuleKind.FixedTotalNumber =>
            rule with { Count = (long)Math.Round(rule.Count * scale * scale, MidpointRounding.ToEven) },
        // p stays: with s·N sources the in-degree already shrinks by s.
        _ => rule,
    };

    private static double MeanCurrentPa(PopulationSpec target, double weight, double indegree, double rateHz)
    {
        var p = target.Parameters;
        var chargePerSpike = target.Model switch
        {
            NeuronModel.IafPscExp => weight * (weight >= 0 ? p.TauSynExMs : p.TauSynInMs),
            NeuronModel.IafPscAlpha => weight * Math.E * (weight >= 0 ? p.TauSynExMs : p.TauSynInMs),
            NeuronModel.IafPscDelta => weight * p.CapacitancePf,
            _ => 0.0,
        };
        // pA·ms per spike × spikes per ms.
        return chargePerSpike * indegree * rateHz * 0.001;
    }
}

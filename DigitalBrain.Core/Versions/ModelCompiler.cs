using System.Globalization;
using DigitalBrain.Core.Structure;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Core.Versions;

/// <summary>An estimate's value as the compiler uses it, with its provenance in words.</summary>
public sealed record CompiledValue(double Value, string Provenance);

/// <summary>
/// Compiles a model's structure and collective estimates into a full-scale <see cref="NetworkSpec"/>.
/// Every value the engine needs must have an estimate; the missing ones are collected and reported
/// together. Connectivity stays rule-based (probabilities and in-degrees, never synapse lists), and
/// each population and projection carries the provenance of its values.
/// </summary>
public static class ModelCompiler
{
    public const double ResolutionMs = 0.1;
    public const ulong DefaultSeed = 55;

    private static readonly string[] PscParameters = ["c_m", "tau_m", "e_l", "v_th", "v_reset", "t_ref", "tau_syn_ex", "tau_syn_in"];
    private static readonly string[] DeltaParameters = ["c_m", "tau_m", "e_l", "v_th", "v_reset", "t_ref"];
    private static readonly string[] CondParameters = ["c_m", "g_l", "e_l", "v_th", "v_reset", "t_ref", "tau_syn_ex", "tau_syn_in", "e_ex", "e_in"];

    /// <param name="modelName">Name written into the spec.</param>
    /// <param name="populations">In the order their neurons are numbered.</param>
    /// <param name="regionNames">Region id → name.</param>
    /// <param name="layerNames">Layer id → name.</param>
    /// <param name="projections">Projections between the given populations.</param>
    /// <param name="estimates">(population or projection id, parameter key) → effective estimate.</param>
    public static NetworkSpec Compile(string modelName, IReadOnlyList<Population> populations,
        IReadOnlyDictionary<Guid, string> regionNames, IReadOnlyDictionary<Guid, string> layerNames,
        IReadOnlyList<Projection> projections, IReadOnlyDictionary<(Guid Target, string Key), CompiledValue> estimates)
    {
        var missing = new List<string>();
        var specs = new List<PopulationSpec>(populations.Count);
        var stimuli = new List<StimulusSpec>();
        var byId = new Dictionary<Guid, PopulationSpec>();
        if (populations.Count == 0)
            missing.Add("the model has no populations");

        foreach (var population in populations)
        {
            var values = new Lookup(estimates, population.Id, $"population {population.Name}", missing);
            var model = ParseModel(population.NeuronModel, population.Name, missing);
            var size = values.Get("neuron_count");
            var p = new NeuronParameters();
            var required = model switch
            {
                NeuronModel.IafCondExp => CondParameters,
                NeuronModel.IafPscDelta => DeltaParameters,
                _ => PscParameters,
            };
            var v = required.ToDictionary(k => k, k => values.Get(k));
            if (v.Values.Any(x => x is null) || size is null || model is null)
                continue;
            p = p with
            {
                CapacitancePf = v["c_m"]!.Value,
                TauMembraneMs = model == NeuronModel.IafCondExp ? v["c_m"]!.Value / v["g_l"]!.Value : v["tau_m"]!.Value,
                RestingPotentialMv = v["e_l"]!.Value,
                ThresholdMv = v["v_th"]!.Value,
                ResetMv = v["v_reset"]!.Value,
                RefractoryMs = v["t_ref"]!.Value,
                TauSynExMs = v.GetValueOrDefault("tau_syn_ex") ?? p.TauSynExMs,
                TauSynInMs = v.GetValueOrDefault("tau_syn_in") ?? p.TauSynInMs,
                ExcitatoryReversalMv = v.GetValueOrDefault("e_ex") ?? p.ExcitatoryReversalMv,
                InhibitoryReversalMv = v.GetValueOrDefault("e_in") ?? p.InhibitoryReversalMv,
                LeakConductanceNs = v.GetValueOrDefault("g_l") ?? p.LeakConductanceNs,
                // Optional: a down-scaled network's DC compensation, or a deliberate bias current.
                ExternalCurrentPa = values.Optional("i_e") ?? 0,
            };
            // Read before Provenance() so that the population's provenance names these values too.
            var firingRate = values.Optional("firing_rate");
            var indegree = values.Optional("external_in_degree");
            var background = indegree is > 0 ? (Rate: values.Get("background_rate"), Weight: values.Get("background_weight")) : default;
            // No catalogue parameter holds the initial V_m; start between rest and threshold and
            // let the warm-up (t_presim) wash it out, as NEST's microcircuit example does with its own guess.
            var initial = new Distribution((p.RestingPotentialMv + p.ThresholdMv) / 2, Math.Abs(p.ThresholdMv - p.RestingPotentialMv) / 4);
            var spec = new PopulationSpec(population.Name, (int)Math.Round(size.Value), model.Value, p, initial,
                regionNames.GetValueOrDefault(population.RegionId),
                population.LayerId is { } layerId ? layerNames.GetValueOrDefault(layerId) : null,
                values.Provenance(), firingRate);
            specs.Add(spec);
            byId[population.Id] = spec;

            if (indegree is > 0 && background is { Rate: { } rate, Weight: { } weight })
                stimuli.Add(new PoissonInput(population.Name, rate, (int)Math.Round(indegree.Value), weight, 1.5));
        }

        var projectionSpecs = new List<ProjectionSpec>(projections.Count);
        foreach (var projection in projections)
        {
            var label = $"projection {Name(populations, projection.SourcePopulationId)} → {Name(populations, projection.TargetPopulationId)}";
            var values = new Lookup(estimates, projection.Id, label, missing);
            if (!byId.TryGetValue(projection.SourcePopulationId, out var source) || !byId.TryGetValue(projection.TargetPopulationId, out var target))
                continue;
            var rule = Rule(projection, source, target, values);
            var weight = Weight(projection, target, values);
            var delay = values.Get("delay");
            if (rule is null || weight is null || delay is null)
                continue;
            var weightSd = values.Optional("synaptic_weight_sd") ?? 0;
            var delaySd = values.Optional("delay_sd") ?? 0;
            projectionSpecs.Add(new ProjectionSpec(source.Name, target.Name, rule,
                new SynapseSpec(new Distribution(weight.Value, weightSd), new Distribution(delay.Value, delaySd), projection.SynapseType),
                values.Provenance()));
        }

        if (missing.Count > 0)
            throw new CompilationException(missing);
        return new NetworkSpec(modelName, ResolutionMs, DefaultSeed, specs, projectionSpecs, stimuli, RecordingSpec.AllSpikes);
    }

    private static NeuronModel? ParseModel(string name, string population, List<string> missing)
    {
        NeuronModel? model = name switch
        {
            "iaf_psc_exp" => NeuronModel.IafPscExp,
            "iaf_psc_alpha" => NeuronModel.IafPscAlpha,
            "iaf_psc_delta" => NeuronModel.IafPscDelta,
            "iaf_cond_exp" => NeuronModel.IafCondExp,
            _ => null,
        };
        if (model is null)
            missing.Add($"population {population}: neuron model '{name}' is not one the engine simulates (iaf_psc_exp, iaf_psc_alpha, iaf_psc_delta, iaf_cond_exp)");
        return model;
    }

    /// <summary>The NEST rule of the projection, from its connection probability or in-degree
    /// estimate (whichever the curators gave; probability first).</summary>
    private static ConnectionRule? Rule(Projection projection, PopulationSpec source, PopulationSpec target, Lookup values)
    {
        var probability = values.Optional("connection_probability");
        var indegree = values.Optional("in_degree");
        if (probability is null && indegree is null)
        {
            values.Missing("connection_probability or in_degree");
            return null;
        }
        var autapses = projection.SourcePopulationId != projection.TargetPopulationId || projection.ConnectionRule != "fixed_indegree";
        switch (projection.ConnectionRule)
        {
            case "fixed_total_number":
                var total = probability is { } p
                    ? Microcircuit.FullScaleSynapses(p, target.Size, source.Size)
                    : indegree!.Value * target.Size;
                return new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, Count: (long)Math.Round(total));
            case "fixed_indegree":
                return new ConnectionRule(ConnectionRuleKind.FixedIndegree, Count: (long)Math.Round(indegree ?? probability!.Value * source.Size), AllowAutapses: autapses);
            case "pairwise_bernoulli":
                return new ConnectionRule(ConnectionRuleKind.PairwiseBernoulli, Probability: Math.Min(1, probability ?? indegree!.Value / source.Size));
            case "one_to_one":
                return new ConnectionRule(ConnectionRuleKind.OneToOne);
            case "all_to_all":
                return new ConnectionRule(ConnectionRuleKind.AllToAll);
            default:
                values.Missing($"a connection rule the engine knows (has '{projection.ConnectionRule}')");
                return null;
        }
    }

    /// <summary>PSC amplitude (pA) from a weight or PSC estimate, else from the PSP amplitude
    /// converted with the target's membrane; signed by the receptor.</summary>
    private static double? Weight(Projection projection, PopulationSpec target, Lookup values)
    {
        var weight = values.Optional("synaptic_weight") ?? values.Optional("psc_amplitude");
        if (weight is null && values.Optional("psp_amplitude") is { } psp)
        {
            var p = target.Parameters;
            var tauSyn = projection.Receptor == Receptor.Excitatory ? p.TauSynExMs : p.TauSynInMs;
            weight = target.Model switch
            {
                NeuronModel.IafPscExp => psp * Microcircuit.PscOverPsp(p.CapacitancePf, p.TauMembraneMs, tauSyn),
                NeuronModel.IafPscAlpha => psp / Brunel.AlphaPspPerPa(p.TauMembraneMs, p.CapacitancePf, tauSyn),
                NeuronModel.IafPscDelta => psp,
                _ => null,
            };
        }
        if (weight is null)
        {
            values.Missing("synaptic_weight (or psc_amplitude, or psp_amplitude onto a current-based neuron)");
            return null;
        }
        return projection.Receptor == Receptor.Inhibitory ? -Math.Abs(weight.Value) : Math.Abs(weight.Value);
    }

    private static string Name(IReadOnlyList<Population> populations, Guid id) =>
        populations.FirstOrDefault(p => p.Id == id)?.Name ?? id.ToString();

    /// <summary>Reads the estimates of one target, noting what is missing and what was used.</summary>
    private sealed class Lookup(IReadOnlyDictionary<(Guid, string), CompiledValue> estimates, Guid target, string label, List<string> missing)
    {
        private readonly List<string> _used = [];

        public double? Get(string key)
        {
            var value = Optional(key);
            if (value is null)
                Missing(key);
            return value;
        }

        public double? Optional(string key)
        {
            if (!estimates.TryGetValue((target, key), out var value))
                return null;
            _used.Add($"{key}={value.Value.ToString("G6", CultureInfo.InvariantCulture)} [{value.Provenance}]");
            return value.Value;
        }

        public void Missing(string what) => missing.Add($"{label}: {what}");

        public string Provenance() => string.Join("; ", _used.Distinct());
    }
}

using System.Globalization;
using System.Text.Json;
using DigitalBrain.Core.Structure;
using DigitalBrain.Core.Validation;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Core.SpecImport;

/// <summary>One catalogue value to enter, with the spec field it comes from (named in the entry's notes and in errors).</summary>
public sealed record PlannedValue(string Key, double Value, string Field);

public sealed record PlannedPopulation(string Name, string Region, string? Layer, string CellType, string NeuronModel, IReadOnlyList<PlannedValue> Values);

public sealed record PlannedProjection(string Source, string Target, Receptor Receptor, string ConnectionRule, string SynapseModel, IReadOnlyList<PlannedValue> Values);

/// <summary>
/// What a <see cref="NetworkSpec"/> becomes as a curated model: regions, layers and populations
/// from the spec's names, and for every value that <c>ModelCompiler</c> reads back one catalogue
/// value. Features the compiler cannot express are refused (naming the field) rather than
/// silently changed: DC and spike-time stimuli, <c>fixed_outdegree</c>, multapses switched off,
/// two Poisson inputs onto one population, two projections of one sign between one pair.
/// Fields that are not curated values (initial V_m, provenance, seed, resolution, recording,
/// Poisson delay) are not imported; see <see cref="NotImported"/>.
/// </summary>
public sealed record SpecImportPlan(string Name, IReadOnlyList<PlannedPopulation> Populations, IReadOnlyList<PlannedProjection> Projections)
{
    /// <summary>Spec fields that no catalogue parameter holds, so a compiled version has the compiler's own.</summary>
    public static readonly IReadOnlyList<string> NotImported =
    [
        "resolutionMs and seed (run settings, not model values)",
        "recording (runs choose what to record)",
        "populations[].initialPotential (the compiler starts V_m between E_L and V_th)",
        "populations[].provenance and projections[].provenance (rewritten from the estimates)",
        "stimuli[].delayMs of Poisson inputs (the compiler uses 1.5 ms)",
        "rule.allowAutapses (the compiler forbids autapses for fixed_indegree within a population and allows them otherwise)",
        "neuron constants a model does not use (tau_syn for iaf_psc_delta, E_ex/E_in/g_L for current-based models)",
    ];

    private static readonly string[] PscKeys = ["c_m", "tau_m", "e_l", "v_th", "v_reset", "t_ref", "tau_syn_ex", "tau_syn_in"];
    private static readonly string[] DeltaKeys = ["c_m", "tau_m", "e_l", "v_th", "v_reset", "t_ref"];
    private static readonly string[] CondKeys = ["c_m", "g_l", "e_l", "v_th", "v_reset", "t_ref", "tau_syn_ex", "tau_syn_in", "e_ex", "e_in"];

    /// <summary>Checks the spec and maps it; throws <see cref="ValidationException"/> listing every problem.</summary>
    public static SpecImportPlan Build(NetworkSpec spec)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Trim().Length > 200)
            errors.Add(new("name", "name", "name must be 1 to 200 characters (it becomes the model's name)."));
        if (spec.Populations.Count == 0)
            errors.Add(new("populations", "required", "The spec has no populations."));

        var byName = new Dictionary<string, PopulationSpec>(StringComparer.Ordinal);
        var populations = new List<PlannedPopulation>(spec.Populations.Count);
        for (var i = 0; i < spec.Populations.Count; i++)
        {
            var p = spec.Populations[i];
            var field = $"populations[{i}]";
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 100)
                errors.Add(new($"{field}.name", "name", "A population name is 1 to 100 characters."));
            else if (!byName.TryAdd(p.Name, p))
                errors.Add(new($"{field}.name", "unique", $"Population '{p.Name}' appears twice."));
            if (p.Region is { Length: > 100 })
                errors.Add(new($"{field}.region", "max-length", "region is limited to 100 characters."));
            if (p.Layer is { Length: > 50 })
                errors.Add(new($"{field}.layer", "max-length", "layer is limited to 50 characters."));
            populations.Add(Population(spec, p, field));
        }

        var poissonTargets = new HashSet<string>(StringComparer.Ordinal);
        var poisson = new Dictionary<string, List<PlannedValue>>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Stimuli.Count; i++)
        {
            var field = $"stimuli[{i}]";
            switch (spec.Stimuli[i])
            {
                case PoissonInput input when !byName.ContainsKey(input.Target):
                    errors.Add(new($"{field}.target", "unknown-population", $"There is no population '{input.Target}'."));
                    break;
                case PoissonInput input when !poissonTargets.Add(input.Target):
                    errors.Add(new($"{field}.target", "unsupported", $"A second Poisson input onto '{input.Target}': a model holds one background input per population."));
                    break;
                case PoissonInput { Indegree: 0 }:
                    break; // no synapses, no input: nothing to curate
                case PoissonInput input:
                    poisson[input.Target] =
                    [
                        new("external_in_degree", input.Indegree, $"{field}.indegree"),
                        new("background_rate", input.RateHz, $"{field}.rateHz"),
                        new("background_weight", input.WeightPa, $"{field}.weightPa"),
                    ];
                    break;
                default:
                    errors.Add(new($"{field}.kind", "unsupported",
                        $"Only Poisson background inputs can be curated values; a {spec.Stimuli[i].GetType().Name} cannot be imported."));
                    break;
            }
        }
        populations = populations.Select(p => poisson.TryGetValue(p.Name, out var extra) ? p with { Values = [.. p.Values, .. extra] } : p).ToList();

        var projections = new List<PlannedProjection>(spec.Projections.Count);
        var pairs = new HashSet<(string, string, Receptor)>();
        for (var i = 0; i < spec.Projections.Count; i++)
        {
            var projection = spec.Projections[i];
            var field = $"projections[{i}]";
            if (!byName.TryGetValue(projection.Source, out var source))
                errors.Add(new($"{field}.source", "unknown-population", $"There is no population '{projection.Source}'."));
            if (!byName.TryGetValue(projection.Target, out var target))
                errors.Add(new($"{field}.target", "unknown-population", $"There is no population '{projection.Target}'."));
            if (source is null || target is null)
                continue;
            var receptor = projection.Synapse.Weight.Mean < 0 ? Receptor.Inhibitory : Receptor.Excitatory;
            if (!pairs.Add((projection.Source, projection.Target, receptor)))
                errors.Add(new(field, "unique", $"A second {receptor.ToString().ToLowerInvariant()} projection {projection.Source} → {projection.Target}: a model holds one per pair and sign."));
            if (!projection.Rule.AllowMultapses)
                errors.Add(new($"{field}.rule.allowMultapses", "unsupported", "Multapses cannot be switched off in a curated model (the compiler always allows them)."));
            if (projection.Synapse.Model.Length is 0 or > 50)
                errors.Add(new($"{field}.synapse.model", "name", "The synapse model name is 1 to 50 characters."));
            if (Projection(projection, source, target, field, receptor, errors) is { } planned)
                projections.Add(planned);
        }

        ValidationException.ThrowIfAny(errors);
        return new SpecImportPlan(spec.Name.Trim(), populations, projections);
    }

    private static PlannedPopulation Population(NetworkSpec spec, PopulationSpec p, string field)
    {
        var model = JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Model.ToString());
        var parameters = p.Parameters;
        var all = new Dictionary<string, (double Value, string Field)>
        {
            ["c_m"] = (parameters.CapacitancePf, "capacitancePf"),
            ["tau_m"] = (parameters.TauMembraneMs, "tauMembraneMs"),
            ["e_l"] = (parameters.RestingPotentialMv, "restingPotentialMv"),
            ["v_th"] = (parameters.ThresholdMv, "thresholdMv"),
            ["v_reset"] = (parameters.ResetMv, "resetMv"),
            ["t_ref"] = (parameters.RefractoryMs, "refractoryMs"),
            ["tau_syn_ex"] = (parameters.TauSynExMs, "tauSynExMs"),
            ["tau_syn_in"] = (parameters.TauSynInMs, "tauSynInMs"),
            ["e_ex"] = (parameters.ExcitatoryReversalMv, "excitatoryReversalMv"),
            ["e_in"] = (parameters.InhibitoryReversalMv, "inhibitoryReversalMv"),
            ["g_l"] = (parameters.LeakConductanceNs, "leakConductanceNs"),
        };
        var keys = p.Model switch
        {
            NeuronModel.IafCondExp => CondKeys,
            NeuronModel.IafPscDelta => DeltaKeys,
            _ => PscKeys,
        };
        var values = new List<PlannedValue> { new("neuron_count", p.Size, $"{field}.size") };
        values.AddRange(keys.Select(k => new PlannedValue(k, all[k].Value, $"{field}.parameters.{all[k].Field}")));
        if (parameters.ExternalCurrentPa != 0)
            values.Add(new("i_e", parameters.ExternalCurrentPa, $"{field}.parameters.externalCurrentPa"));
        if (p.ReferenceRateHz is { } rate)
            values.Add(new("firing_rate", rate, $"{field}.referenceRateHz"));
        return new PlannedPopulation(p.Name, p.Region ?? spec.Name.Trim(), p.Layer, CellType(p), model, values);
    }

    /// <summary>The spec's names follow <c>Region_Layer_Type</c> where they carry region and layer
    /// (the whole-brain benchmark); the type is what is left.</summary>
    private static string CellType(PopulationSpec p)
    {
        var prefix = string.Join('_', new[] { p.Region, p.Layer }.OfType<string>()) + "_";
        var type = prefix.Length > 1 && p.Name.StartsWith(prefix, StringComparison.Ordinal) ? p.Name[prefix.Length..] : p.Name;
        return type.Length > 100 ? type[..100] : type;
    }

    private static PlannedProjection? Projection(ProjectionSpec projection, PopulationSpec source, PopulationSpec target, string field,
        Receptor receptor, List<ValidationError> errors)
    {
        var rule = projection.Rule;
        var values = new List<PlannedValue>();
        var ruleName = rule.Kind switch
        {
            ConnectionRuleKind.FixedIndegree => "fixed_indegree",
            ConnectionRuleKind.FixedTotalNumber => "fixed_total_number",
            ConnectionRuleKind.PairwiseBernoulli => "pairwise_bernoulli",
            ConnectionRuleKind.OneToOne => "one_to_one",
            ConnectionRuleKind.AllToAll => "all_to_all",
            _ => null,
        };
        switch (rule.Kind)
        {
            case ConnectionRuleKind.FixedIndegree:
                values.Add(new("in_degree", rule.Count, $"{field}.rule.count"));
                break;
            case ConnectionRuleKind.FixedTotalNumber:
                // The compiler multiplies the in-degree by the target size again: K·N_t = count exactly after rounding.
                values.Add(new("in_degree", (double)rule.Count / target.Size, $"{field}.rule.count"));
                break;
            case ConnectionRuleKind.PairwiseBernoulli:
                values.Add(new("connection_probability", rule.Probability, $"{field}.rule.probability"));
                break;
            case ConnectionRuleKind.OneToOne:
                values.Add(new("in_degree", 1, $"{field}.rule"));
                break;
            case ConnectionRuleKind.AllToAll:
                values.Add(new("connection_probability", 1, $"{field}.rule"));
                break;
            default:
                errors.Add(new($"{field}.rule.kind", "unsupported",
                    $"{JsonNamingPolicy.SnakeCaseLower.ConvertName(rule.Kind.ToString())} cannot be curated (use fixed_indegree, fixed_total_number, pairwise_bernoulli, one_to_one or all_to_all)."));
                return null;
        }
        var synapse = projection.Synapse;
        values.Add(new("synaptic_weight", synapse.Weight.Mean, $"{field}.synapse.weight.mean"));
        if (synapse.Weight.Sd != 0)
            values.Add(new("synaptic_weight_sd", synapse.Weight.Sd, $"{field}.synapse.weight.sd"));
        values.Add(new("delay", synapse.DelayMs.Mean, $"{field}.synapse.delayMs.mean"));
        if (synapse.DelayMs.Sd != 0)
            values.Add(new("delay_sd", synapse.DelayMs.Sd, $"{field}.synapse.delayMs.sd"));
        return new PlannedProjection(source.Name, target.Name, receptor, ruleName!, synapse.Model, values);
    }

    /// <summary>"populations[3].size = 812" for messages.</summary>
    public static string Describe(PlannedValue value) =>
        $"{value.Field} = {value.Value.ToString("R", CultureInfo.InvariantCulture)}";
}

using System.Text;
using DigitalBrain.Simulation.Spec;
using static DigitalBrain.Simulation.Export.PythonSyntax;

namespace DigitalBrain.Simulation.Export;

/// <summary>
/// The projections of a large network (more than <see cref="Threshold"/>) as one table row each
/// and a loop that makes one rule-based <c>nest.Connect</c> per row, with the same conn_spec and
/// syn_spec the explicit form writes. It keeps the script small (the 1,233 projections of the
/// whole-brain benchmark take about 100 kB instead of 800 kB) without ever listing synapses.
/// </summary>
internal static class PyNestProjectionTable
{
    public const int Threshold = 200;

    public static void Write(StringBuilder s, NetworkSpec spec)
    {
        var index = spec.Populations.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var synapseModels = spec.Projections.Select(p => p.Synapse.Model).Distinct(StringComparer.Ordinal).ToList();
        s.Append("# ---- Projections (rule-based: NEST draws each synapse at build time), one row each ----\n");
        s.Append("# (source, target: indices into names), rule, in/out-degree, total N or p, weight mean, weight sd,\n");
        s.Append("# delay mean, delay sd (ms), allow_autapses, allow_multapses, synapse model (index into synapse_models);\n");
        s.Append("# provenance as a row comment.\n");
        s.Append("names = list(pops)\n");
        s.Append("synapse_models = [").Append(string.Join(", ", synapseModels.Select(String))).Append("]\n");
        s.Append("projections = [\n");
        foreach (var p in spec.Projections)
        {
            var rule = p.Rule;
            var value = rule.Kind == ConnectionRuleKind.PairwiseBernoulli ? Float(rule.Probability) : Int(rule.Count);
            s.Append("    (").Append(Int(index[p.Source])).Append(", ").Append(Int(index[p.Target])).Append(", ")
                .Append(String(ModelParameters.NestName(rule.Kind))).Append(", ").Append(value).Append(", ")
                .Append(Float(p.Synapse.Weight.Mean)).Append(", ").Append(Float(p.Synapse.Weight.Sd)).Append(", ")
                .Append(Float(p.Synapse.DelayMs.Mean)).Append(", ").Append(Float(p.Synapse.DelayMs.Sd)).Append(", ")
                .Append(Bool(rule.AllowAutapses)).Append(", ").Append(Bool(rule.AllowMultapses)).Append(", ").Append(Int(synapseModels.IndexOf(p.Synapse.Model))).Append("),");
            if (p.Provenance is { Length: > 0 } provenance)
                s.Append("  # ").Append(provenance.ReplaceLineEndings(" "));
            s.Append('\n');
        }
        s.Append("]\n");
        s.Append("for source, target, rule, value, w_mean, w_sd, d_mean, d_sd, autapses, multapses, model in projections:\n");
        s.Append("    conn_spec = {\"rule\": rule, \"allow_autapses\": autapses, \"allow_multapses\": multapses}\n");
        s.Append("    if rule == \"fixed_indegree\":\n        conn_spec[\"indegree\"] = k_scaled(value)\n");
        s.Append("    elif rule == \"fixed_outdegree\":\n        conn_spec[\"outdegree\"] = k_scaled(value)\n");
        s.Append("    elif rule == \"fixed_total_number\":\n        conn_spec[\"N\"] = int(round(value * args.scale_n * args.scale_k))\n");
        s.Append("    elif rule == \"pairwise_bernoulli\":\n        conn_spec[\"p\"] = min(1.0, value * args.scale_k / args.scale_n)\n");
        s.Append("    weight = w_scale * w_mean\n");
        s.Append("    if w_sd != 0:\n");
        s.Append("        bounds = {\"min\": 0.0, \"max\": math.inf} if w_mean >= 0 else {\"min\": -math.inf, \"max\": 0.0}\n");
        s.Append("        weight = nest.math.redraw(nest.random.normal(mean=weight, std=w_scale * w_sd), **bounds)\n");
        s.Append("    delay = max(d_mean, ").Append(Float(spec.ResolutionMs)).Append(")\n");
        s.Append("    if d_sd != 0:\n");
        s.Append("        delay = nest.math.redraw(nest.random.normal(mean=d_mean, std=d_sd), min=").Append(Float(spec.ResolutionMs)).Append(", max=math.inf)\n");
        s.Append("    nest.Connect(pops[names[source]], pops[names[target]], conn_spec=conn_spec,\n");
        s.Append("                 syn_spec={\"synapse_model\": synapse_models[model], \"weight\": weight, \"delay\": delay})\n\n");
    }
}

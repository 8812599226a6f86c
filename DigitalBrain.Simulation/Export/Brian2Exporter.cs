using System.Globalization;
using System.Text;
using DigitalBrain.Simulation.Spec;
using static DigitalBrain.Simulation.Export.PythonSyntax;

namespace DigitalBrain.Simulation.Export;

/// <summary>
/// Exports a spec as a Brian2 (2.5) script with the semantics of the PyNEST export (equations in
/// <see cref="Brian2Models"/>): populations of the same model share one <c>NeuronGroup</c> (a
/// slice each, so that Brian2 steps a few large objects, not dozens); each projection's synapses
/// are drawn by the script with numpy from the spec's rule and seed (never listed in the file);
/// weights and delays are normals redrawn as NEST's <c>nest.math.redraw</c>; Poisson background is
/// Brian2's <c>PoissonInput</c> (K inputs of rate ν, a binomial count per step); DC inputs are
/// switched on and off between runs. The script takes <c>--t-presim</c>, <c>--t-sim</c>,
/// <c>--seed</c>, <c>--target numpy|cython</c> and <c>--out FILE</c> and writes per-population spike
/// counts and rates (with <c>--spikes</c> the spikes too) and recorded voltages to that JSON file.
/// </summary>
public sealed class Brian2Exporter : INetworkExporter
{
    /// <summary>Code-generation target the script uses unless told otherwise.</summary>
    public const string DefaultTarget = "numpy";

    public string FileExtension => ".py";

    public string MediaType => "text/x-python";

    public string Export(NetworkSpec spec, ExportContext? context = null)
    {
        var populations = ExportChecks.Validate(spec);
        context ??= ExportContext.None;
        var script = new StringBuilder(16 * 1024);
        WriteHeader(script, spec, context);
        script.Append(Brian2Prelude.Helpers.ReplaceLineEndings("\n")).Append("\n\n");
        WriteGroups(script, spec);
        WriteProjections(script, spec, populations);
        WriteStimuli(script, spec, populations);
        WriteRecording(script, spec);
        script.Append("run_and_report(").Append(String(spec.Name)).Append(", build_start)\n");
        return script.ToString();
    }

    private static void WriteHeader(StringBuilder s, NetworkSpec spec, ExportContext context)
    {
        s.Append("#!/usr/bin/env python3\n");
        s.Append("# Brian2 (2.5) script exported by DigitalBrain; same network and semantics as the PyNEST export.\n");
        Comment(s, "", $"Model: {context.ModelName ?? "(none)"}");
        Comment(s, "", $"Network: {spec.Name}");
        Comment(s, "", $"Version hash: {context.VersionHash ?? "(none)"}");
        Comment(s, "", $"Created: {(context.CreatedAt is { } at ? at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(none)")}");
        Comment(s, "", $"{spec.Populations.Count} populations, {spec.NeuronCount.ToString(CultureInfo.InvariantCulture)} neurons, "
            + $"{spec.Projections.Count} rule-based projections (synapses drawn by this script), {spec.Stimuli.Count} stimuli.");
        s.Append("#\n# Run: python3 model.py --out results.json [--t-presim MS] [--t-sim MS] [--seed S] [--target numpy|cython] [--spikes]\n");
        s.Append("import argparse\nimport json\nimport math\nimport time\n\nimport numpy as np\nimport brian2 as b2\nfrom brian2 import Hz, mV, ms, nS, pA, pF\n\n");
        s.Append("parser = argparse.ArgumentParser(description=").Append(String($"Simulate {spec.Name} with Brian2.")).Append(")\n");
        s.Append("parser.add_argument(\"--t-presim\", type=float, default=500.0, help=\"warm-up model time, not recorded (ms)\")\n");
        s.Append("parser.add_argument(\"--t-sim\", type=float, default=1000.0, help=\"recorded model time (ms)\")\n");
        s.Append("parser.add_argument(\"--seed\", type=int, default=").Append(spec.Seed.ToString(CultureInfo.InvariantCulture)).Append(")\n");
        s.Append("parser.add_argument(\"--target\", choices=[\"numpy\", \"cython\"], default=").Append(String(DefaultTarget)).Append(", help=\"Brian2 code generation target\")\n");
        s.Append("parser.add_argument(\"--out\", default=\"results.json\", help=\"JSON file for rates, spikes and voltages\")\n");
        s.Append("parser.add_argument(\"--spikes\", action=\"store_true\", help=\"also write every recorded spike\")\n");
        s.Append("args = parser.parse_args()\n\n");
        s.Append("build_start = time.time()\n");
        s.Append("RESOLUTION_MS = ").Append(Float(spec.ResolutionMs)).Append('\n');
        s.Append("UNITS = {\"amp\": pA, \"volt\": mV, \"siemens\": nS}  # weights are given in pA, mV or nS\n");
        s.Append("b2.prefs.codegen.target = args.target\n");
        s.Append("b2.defaultclock.dt = RESOLUTION_MS * ms\n");
        s.Append("b2.seed(args.seed % 2**32)\n");
        s.Append("rng = np.random.default_rng(args.seed)\n\n");
    }

    private static void WriteGroups(StringBuilder s, NetworkSpec spec)
    {
        var models = spec.Populations.Select(p => p.Model).Distinct().ToList();
        s.Append("# ---- Neuron groups (one per model; each population is a slice) ----\n");
        for (var g = 0; g < models.Count; g++)
        {
            var model = models[g];
            var members = spec.Populations.Where(p => p.Model == model).ToList();
            var name = $"group_{g.ToString(CultureInfo.InvariantCulture)}";
            s.Append(name).Append(" = b2.NeuronGroup(").Append(Int(members.Sum(p => (long)p.Size))).Append(", \"\"\"\n")
                .Append(Brian2Models.Equations(model)).Append("\n\"\"\",\n");
            s.Append("    threshold=\"v >= V_th\", reset=\"v = V_reset\", refractory=\"t_ref\", method=")
                .Append(String(Brian2Models.Method(model))).Append(", name=").Append(String(name)).Append(")\n");
            s.Append("net.add(").Append(name).Append(")\n");
            var first = 0;
            foreach (var p in members)
            {
                s.Append('\n');
                Comment(s, "", $"{p.Name}: {ModelParameters.NestName(p.Model)}, {p.Size.ToString(CultureInfo.InvariantCulture)} neurons"
                    + (p.Region is null ? "" : $", region {p.Region}") + (p.Layer is null ? "" : $", layer {p.Layer}"));
                Comment(s, "", $"Provenance: {p.Provenance ?? "(not given)"}");
                var parameters = Brian2Models.Parameters(p, out var nudged);
                if (nudged)
                {
                    Comment(s, "", $"A tau_syn equal to tau_m is raised by a relative {Float(Brian2Models.CoincidentTauNudge)}: the exact solution divides by their difference.");
                }

                s.Append("population(").Append(String(p.Name)).Append(", ").Append(name).Append(", ").Append(Int(first))
                    .Append(", ").Append(Int(p.Size)).Append(", {");
                s.Append(string.Join(", ", parameters
                    .Select(x => $"{String(x.NestName)}: {Float(x.Value)} * {x.Unit}")));
                s.Append("},\n           ").Append(Float(p.InitialPotential.Mean)).Append(", ").Append(Float(p.InitialPotential.Sd)).Append(")\n");
                first += p.Size;
            }

            s.Append('\n');
        }
    }

    private static void WriteProjections(StringBuilder s, NetworkSpec spec, IReadOnlyDictionary<string, PopulationSpec> populations)
    {
        s.Append("# ---- Projections (drawn here from the rule; weights and delays redrawn as NEST does) ----\n");
        foreach (var projection in spec.Projections)
        {
            var rule = projection.Rule;
            var target = populations[projection.Target];
            var weight = projection.Synapse.Weight;
            var unit = ModelParameters.WeightUnit(target.Model);
            Comment(s, "", $"{projection.Source} -> {projection.Target}: {ModelParameters.NestName(rule.Kind)}, {projection.Synapse.Model}"
                + $", weight {Float(weight.Mean)} ± {Float(weight.Sd)} {unit}, delay {Float(projection.Synapse.DelayMs.Mean)} ± {Float(projection.Synapse.DelayMs.Sd)} ms");
            Comment(s, "", $"Provenance: {projection.Provenance ?? "(not given)"}");
            var parameter = rule.Kind switch
            {
                ConnectionRuleKind.FixedIndegree or ConnectionRuleKind.FixedOutdegree or ConnectionRuleKind.FixedTotalNumber => Int(rule.Count) + ", ",
                ConnectionRuleKind.PairwiseBernoulli => Float(rule.Probability) + ", ",
                ConnectionRuleKind.OneToOne or ConnectionRuleKind.AllToAll => "",
                _ => throw new NotSupportedException($"No export for connection rule {rule.Kind}."),
            };
            s.Append("add_synapses(").Append(String(projection.Source)).Append(", ").Append(String(projection.Target)).Append(",\n");
            s.Append("             ").Append(ModelParameters.NestName(rule.Kind)).Append('(')
                .Append(Int(populations[projection.Source].Size)).Append(", ").Append(Int(target.Size)).Append(", ").Append(parameter)
                .Append(Bool(rule.AllowAutapses)).Append(", ").Append(Bool(rule.AllowMultapses)).Append(", ")
                .Append(Bool(projection.Source == projection.Target)).Append("),\n");
            s.Append("             (").Append(Float(weight.Mean)).Append(", ").Append(Float(weight.Sd)).Append("), (")
                .Append(Float(projection.Synapse.DelayMs.Mean)).Append(", ").Append(Float(projection.Synapse.DelayMs.Sd)).Append("), ")
                .Append(String(Brian2Models.OnPre(target.Model, weight.Mean >= 0))).Append(", ")
                .Append(String(Brian2Models.BaseUnit(unit))).Append(")\n");
        }

        s.Append("build_synapses()\n\n");
    }

    private static void WriteStimuli(StringBuilder s, NetworkSpec spec, IReadOnlyDictionary<string, PopulationSpec> populations)
    {
        if (spec.Stimuli.Count == 0)
        {
            return;
        }

        s.Append("# ---- Stimuli ----\n");
        foreach (var stimulus in spec.Stimuli)
        {
            var model = populations[stimulus.Target].Model;
            var target = String(stimulus.Target);
            switch (stimulus)
            {
                case PoissonInput poisson:
                    var (variable, increment) = Brian2Models.PoissonTarget(model, Float(poisson.WeightPa), poisson.WeightPa >= 0);
                    Comment(s, "", $"Poisson background of {stimulus.Target}: K = {poisson.Indegree.ToString(CultureInfo.InvariantCulture)} inputs of {Float(poisson.RateHz)} Hz (delay irrelevant for a stationary input)");
                    s.Append("poisson(").Append(target).Append(", ").Append(String(variable)).Append(", ").Append(Int(poisson.Indegree))
                        .Append(", ").Append(Float(poisson.RateHz)).Append(", ").Append(String(increment)).Append(")\n");
                    break;
                case DcInput dc:
                    s.Append("dc_inputs.append((").Append(target).Append(", ").Append(Float(dc.AmplitudePa)).Append(", ").Append(Float(dc.StartMs))
                        .Append(", ").Append(dc.StopMs is { } stop ? Float(stop) : "None").Append("))\n");
                    break;
                case SpikeTimesInput times:
                    s.Append("spike_train(").Append(target).Append(", ").Append(FloatList(times.TimesMs)).Append(", ").Append(Float(times.WeightPa))
                        .Append(", ").Append(Float(times.DelayMs)).Append(", ")
                        .Append(String(Brian2Models.OnPre(model, times.WeightPa >= 0))).Append(", ")
                        .Append(String(Brian2Models.BaseUnit(ModelParameters.WeightUnit(model)))).Append(")\n");
                    break;
                default:
                    throw new NotSupportedException($"No export for stimulus {stimulus.GetType().Name}.");
            }
        }

        s.Append('\n');
    }

    private static void WriteRecording(StringBuilder s, NetworkSpec spec)
    {
        s.Append("# ---- Recording (only after the warm-up) ----\n");
        foreach (var p in spec.Populations)
        {
            var n = ExportChecks.RecordedNeurons(spec, p);
            if (n > 0)
            {
                s.Append("record_spikes(").Append(String(p.Name)).Append(", ").Append(Int(n)).Append(")\n");
            }
        }

        foreach (var v in spec.Recording.Voltages.Where(v => v.NeuronIndices.Count > 0))
        {
            s.Append("record_voltage(").Append(String(v.Population)).Append(", ").Append(IntList(v.NeuronIndices.Distinct().Order()))
                .Append(", ").Append(Float(v.IntervalMs)).Append(")\n");
        }

        s.Append('\n');
    }
}

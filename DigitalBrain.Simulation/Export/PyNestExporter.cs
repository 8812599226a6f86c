using System.Globalization;
using System.Text;
using DigitalBrain.Simulation.Spec;
using static DigitalBrain.Simulation.Export.PythonSyntax;

namespace DigitalBrain.Simulation.Export;

/// <summary>
/// Exports a spec as a PyNEST script for NEST 3.x, structured as NEST's own
/// <c>Potjans_2014</c> example: kernel set-up (resolution, <c>rng_seed</c>, threads) before any
/// <c>nest.Create</c>; one <c>nest.Create</c> per population with its parameters and a random initial
/// V_m; one <c>nest.Connect</c> per projection with the spec's rule as a conn_spec (NEST draws the
/// synapses, in parallel and under MPI) and weights/delays as <c>nest.math.redraw</c> of normals;
/// one <c>poisson_generator</c> of rate K·ν per Poisson background, <c>dc_generator</c>s,
/// <c>spike_generator</c>s; <c>spike_recorder</c>s writing ASCII files; a warm-up
/// <c>nest.Simulate(t_presim)</c> and a recorded <c>nest.Simulate(t_sim)</c>.
/// The script runs unchanged under MPI: <c>mpirun -np N python3 model.py</c>.
/// </summary>
public sealed class PyNestExporter : INetworkExporter
{
    /// <summary>Largest seed NEST 3 accepts for <c>rng_seed</c> (it must be in [1, 2³² − 1]).</summary>
    public const ulong MaxNestSeed = uint.MaxValue;

    public string FileExtension => ".py";

    public string MediaType => "text/x-python";

    /// <summary>The spec's seed if NEST accepts it, else folded into [1, 2³² − 1].</summary>
    public static ulong NestSeed(ulong seed) => seed is >= 1 and <= MaxNestSeed ? seed : 1 + (seed % MaxNestSeed);

    public string Export(NetworkSpec spec, ExportContext? context = null)
    {
        var populations = ExportChecks.Validate(spec);
        var script = new StringBuilder(16 * 1024);
        WriteHeader(script, spec, context ?? ExportContext.None);
        WriteKernel(script, spec);
        WritePopulations(script, spec);
        WriteProjections(script, spec, populations);
        WriteStimuli(script, spec);
        WriteRecorders(script, spec);
        WriteSimulationAndSummary(script, spec);
        return script.ToString();
    }

    private static void WriteHeader(StringBuilder s, NetworkSpec spec, ExportContext context)
    {
        s.Append("#!/usr/bin/env python3\n");
        s.Append("# PyNEST script (NEST 3.x) exported by DigitalBrain.\n");
        Comment(s, "", $"Model: {context.ModelName ?? "(none)"}");
        Comment(s, "", $"Network: {spec.Name}");
        Comment(s, "", $"Version hash: {context.VersionHash ?? "(none)"}");
        Comment(s, "", $"Created: {(context.CreatedAt is { } at ? at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(none)")}");
        Comment(s, "", $"{spec.Populations.Count} populations, {spec.NeuronCount.ToString(CultureInfo.InvariantCulture)} neurons, "
            + $"{spec.Projections.Count} rule-based projections (NEST draws the synapses), {spec.Stimuli.Count} stimuli.");
        s.Append("#\n");
        s.Append("# Run:     python3 model.py [--t-presim MS] [--t-sim MS] [--threads T] [--seed S] [--data-path DIR]\n");
        s.Append("# Cluster: mpirun -np N python3 model.py --threads T\n");
        s.Append("# Scaled:  --scale-n F (fraction of neurons) --scale-k F (fraction of in-degrees; weights x 1/sqrt(F),\n");
        s.Append("#          lost mean input restored as DC where rates are known), as NEST's microcircuit example does.\n");
        s.Append("# Output (in --data-path): spikes_<population>-<node id>-<virtual process>.dat (ASCII, columns\n");
        s.Append("#   sender, time_ms; only spikes after the warm-up), vm_<population>-... for voltmeters, and\n");
        s.Append("#   summary-rank<R>.json per MPI process (spike counts; rates when run in one process).\n");
        s.Append("import argparse\nimport json\nimport math\nimport os\n\nimport nest\n\n");
        s.Append("parser = argparse.ArgumentParser(description=").Append(String($"Simulate {spec.Name} with NEST 3.")).Append(")\n");
        s.Append("parser.add_argument(\"--t-presim\", type=float, default=500.0, help=\"warm-up model time, not recorded (ms)\")\n");
        s.Append("parser.add_argument(\"--t-sim\", type=float, default=1000.0, help=\"recorded model time (ms)\")\n");
        s.Append("parser.add_argument(\"--threads\", type=int, default=1, help=\"threads per MPI process\")\n");
        s.Append("parser.add_argument(\"--seed\", type=int, default=").Append(Int((long)NestSeed(spec.Seed))).Append(", help=\"NEST rng_seed, 1 to 2**32 - 1\")\n");
        s.Append("parser.add_argument(\"--data-path\", default=\"output\", help=\"folder for the recorded files\")\n");
        s.Append("parser.add_argument(\"--scale-n\", type=float, default=1.0, help=\"fraction of the neurons, (0, 1]\")\n");
        s.Append("parser.add_argument(\"--scale-k\", type=float, default=1.0, help=\"fraction of the in-degrees, (0, 1]\")\n");
        s.Append("args = parser.parse_args()\n");
        s.Append("if not (0.0 < args.scale_n <= 1.0 and 0.0 < args.scale_k <= 1.0):\n");
        s.Append("    parser.error(\"--scale-n and --scale-k must be in (0, 1]\")\n\n");
        s.Append("# van Albada, Helias & Diesmann (2015): K -> s_K K with J -> J / sqrt(s_K) keeps the input variance.\n");
        s.Append("w_scale = 1.0 / math.sqrt(args.scale_k)\n\n\n");
        s.Append("def n_scaled(n):\n    return max(1, int(round(n * args.scale_n)))\n\n\n");
        s.Append("def k_scaled(k):\n    return int(round(k * args.scale_k))\n\n\n");
    }

    private static void WriteKernel(StringBuilder s, NetworkSpec spec)
    {
        if (NestSeed(spec.Seed) != spec.Seed)
        {
            Comment(s, "", $"The spec's seed {spec.Seed.ToString(CultureInfo.InvariantCulture)} is outside NEST's range; folded to the default above.");
        }

        s.Append("os.makedirs(args.data_path, exist_ok=True)\n");
        s.Append("nest.ResetKernel()\n");
        s.Append("nest.SetKernelStatus({\n");
        s.Append("    \"resolution\": ").Append(Float(spec.ResolutionMs)).Append(",\n");
        s.Append("    \"rng_seed\": args.seed,\n");
        s.Append("    \"local_num_threads\": args.threads,\n");
        s.Append("    \"data_path\": args.data_path,\n");
        s.Append("    \"overwrite_files\": True,\n");
        s.Append("    \"print_time\": False,\n");
        s.Append("})\n\n");
    }

    private static void WritePopulations(StringBuilder s, NetworkSpec spec)
    {
        // SpecScaling adds (1 - sqrt(s)) x (the population's full-scale mean recurrent and Poisson
        // input) to I_e; at s = 1/4 that is half of it, so the difference doubled is the input itself.
        var quarter = SpecScaling.Scale(spec, 0.25).Populations.ToDictionary(p => p.Name, p => p.Parameters.ExternalCurrentPa);
        var lostMeanInputPa = spec.Populations.ToDictionary(p => p.Name, p => 2 * (quarter[p.Name] - p.Parameters.ExternalCurrentPa));
        s.Append("# ---- Populations ----\n");
        s.Append("pops = {}\n");
        foreach (var p in spec.Populations)
        {
            s.Append('\n');
            Comment(s, "", $"{p.Name}: {ModelParameters.NestName(p.Model)}, {p.Size.ToString(CultureInfo.InvariantCulture)} neurons"
                + (p.Region is null ? "" : $", region {p.Region}") + (p.Layer is null ? "" : $", layer {p.Layer}"));
            Comment(s, "", $"Provenance: {p.Provenance ?? "(not given)"}");
            s.Append("pops[").Append(String(p.Name)).Append("] = nest.Create(").Append(String(ModelParameters.NestName(p.Model)))
                .Append(", n_scaled(").Append(Int(p.Size)).Append("), params={\n");
            foreach (var parameter in ModelParameters.For(p.Model, p.Parameters))
            {
                s.Append("    ").Append(String(parameter.NestName)).Append(": ").Append(Float(parameter.Value)).Append(",\n");
            }

            s.Append("    \"V_m\": ").Append(p.InitialPotential.IsConstant
                ? Float(p.InitialPotential.Mean)
                : $"nest.random.normal(mean={Float(p.InitialPotential.Mean)}, std={Float(p.InitialPotential.Sd)})").Append(",\n");
            s.Append("})\n");
            if (lostMeanInputPa.GetValueOrDefault(p.Name) is var lost and not 0.0)
            {
                s.Append("if args.scale_k < 1.0:\n");
                s.Append("    pops[").Append(String(p.Name)).Append("].set(I_e=").Append(Float(p.Parameters.ExternalCurrentPa))
                    .Append(" + (1.0 - math.sqrt(args.scale_k)) * ").Append(Float(lost)).Append(")\n");
            }
        }

        s.Append('\n');
    }

    private static void WriteProjections(StringBuilder s, NetworkSpec spec, IReadOnlyDictionary<string, PopulationSpec> populations)
    {
        if (spec.Projections.Count > PyNestProjectionTable.Threshold)
        {
            PyNestProjectionTable.Write(s, spec);
            return;
        }

        s.Append("# ---- Projections (rule-based: NEST draws each synapse at build time) ----\n");
        foreach (var projection in spec.Projections)
        {
            var rule = projection.Rule;
            s.Append('\n');
            Comment(s, "", $"{projection.Source} -> {projection.Target}: {ModelParameters.NestName(rule.Kind)}"
                + $", {projection.Synapse.Model}, weight {Describe(projection.Synapse.Weight)} {ModelParameters.WeightUnit(populations[projection.Target].Model)}"
                + $", delay {Describe(projection.Synapse.DelayMs)} ms");
            Comment(s, "", $"Provenance: {projection.Provenance ?? "(not given)"}");
            s.Append("nest.Connect(pops[").Append(String(projection.Source)).Append("], pops[").Append(String(projection.Target)).Append("],\n");
            s.Append("             conn_spec={\"rule\": ").Append(String(ModelParameters.NestName(rule.Kind)));
            switch (rule.Kind)
            {
                case ConnectionRuleKind.FixedIndegree: s.Append(", \"indegree\": k_scaled(").Append(Int(rule.Count)).Append(')'); break;
                case ConnectionRuleKind.FixedOutdegree: s.Append(", \"outdegree\": k_scaled(").Append(Int(rule.Count)).Append(')'); break;
                // N = K·N_target: both factors scale.
                case ConnectionRuleKind.FixedTotalNumber:
                    s.Append(", \"N\": int(round(").Append(Int(rule.Count)).Append(" * args.scale_n * args.scale_k))"); break;
                // K = p·N_source: N_source already shrank by scale_n.
                case ConnectionRuleKind.PairwiseBernoulli:
                    s.Append(", \"p\": min(1.0, ").Append(Float(rule.Probability)).Append(" * args.scale_k / args.scale_n)"); break;
                case ConnectionRuleKind.OneToOne or ConnectionRuleKind.AllToAll: break;
                default: throw new NotSupportedException($"No export for connection rule {rule.Kind}.");
            }

            s.Append(", \"allow_autapses\": ").Append(Bool(rule.AllowAutapses))
                .Append(", \"allow_multapses\": ").Append(Bool(rule.AllowMultapses));
            s.Append("},\n");
            s.Append("             syn_spec={\"synapse_model\": ").Append(String(projection.Synapse.Model)).Append(",\n");
            s.Append("                       \"weight\": ").Append(Weight(projection.Synapse.Weight)).Append(",\n");
            s.Append("                       \"delay\": ").Append(Delay(projection.Synapse.DelayMs, spec.ResolutionMs)).Append("})\n");
        }

        s.Append('\n');
    }

    private static void WriteStimuli(StringBuilder s, NetworkSpec spec)
    {
        if (spec.Stimuli.Count == 0)
        {
            return;
        }

        s.Append("# ---- Stimuli ----\n");
        foreach (var stimulus in spec.Stimuli)
        {
            var target = "pops[" + String(stimulus.Target) + "]";
            switch (stimulus)
            {
                case PoissonInput poisson:
                    // As NEST's microcircuit example: one generator of rate K·ν; a poisson_generator
                    // sends an independent train to each target, so every neuron sees K inputs of ν.
                    Comment(s, "", $"Poisson background of {stimulus.Target}: K = {poisson.Indegree.ToString(CultureInfo.InvariantCulture)} inputs of {Float(poisson.RateHz)} Hz");
                    s.Append("generator = nest.Create(\"poisson_generator\", params={\"rate\": args.scale_k * ").Append(Float(poisson.TotalRateHz)).Append("})\n");
                    s.Append("nest.Connect(generator, ").Append(target).Append(", conn_spec={\"rule\": \"all_to_all\"},\n");
                    s.Append("             syn_spec={\"synapse_model\": \"static_synapse\", \"weight\": w_scale * ").Append(Float(poisson.WeightPa))
                        .Append(", \"delay\": ").Append(Float(Math.Max(poisson.DelayMs, spec.ResolutionMs))).Append("})\n");
                    break;
                case DcInput dc:
                    Comment(s, "", $"DC input of {stimulus.Target}");
                    s.Append("generator = nest.Create(\"dc_generator\", params={\"amplitude\": ").Append(Float(dc.AmplitudePa))
                        .Append(", \"start\": ").Append(Float(dc.StartMs));
                    if (dc.StopMs is { } stop)
                    {
                        s.Append(", \"stop\": ").Append(Float(stop));
                    }

                    s.Append("})\n");
                    s.Append("nest.Connect(generator, ").Append(target).Append(", conn_spec={\"rule\": \"all_to_all\"})\n");
                    break;
                case SpikeTimesInput times:
                    Comment(s, "", $"Spike times into {stimulus.Target} (the same train to every neuron)");
                    s.Append("generator = nest.Create(\"spike_generator\", params={\"spike_times\": ")
                        .Append(FloatList(times.TimesMs.Order())).Append(", \"allow_offgrid_times\": True})\n");
                    s.Append("nest.Connect(generator, ").Append(target).Append(", conn_spec={\"rule\": \"all_to_all\"},\n");
                    s.Append("             syn_spec={\"synapse_model\": \"static_synapse\", \"weight\": ").Append(Float(times.WeightPa))
                        .Append(", \"delay\": ").Append(Float(Math.Max(times.DelayMs, spec.ResolutionMs))).Append("})\n");
                    break;
                default:
                    throw new NotSupportedException($"No export for stimulus {stimulus.GetType().Name}.");
            }
        }

        s.Append('\n');
    }

    private static void WriteRecorders(StringBuilder s, NetworkSpec spec)
    {
        s.Append("# ---- Recording (only after the warm-up) ----\n");
        s.Append("spike_recorders = {}\n");
        s.Append("recorded = {}\n");
        foreach (var p in spec.Populations)
        {
            var n = ExportChecks.RecordedNeurons(spec, p);
            if (n == 0)
            {
                continue;
            }

            var name = String(p.Name);
            s.Append("recorded[").Append(name).Append("] = min(").Append(Int(n)).Append(", len(pops[").Append(name).Append("]))\n");
            s.Append("spike_recorders[").Append(name).Append("] = nest.Create(\"spike_recorder\", params={\"record_to\": \"ascii\", \"label\": ")
                .Append(String("spikes_" + p.Name)).Append(", \"start\": args.t_presim})\n");
            s.Append("nest.Connect(pops[").Append(name).Append("][:recorded[").Append(name).Append("]]")
                .Append(", spike_recorders[").Append(name).Append("])\n");
        }

        foreach (var v in spec.Recording.Voltages)
        {
            var indices = v.NeuronIndices.Distinct().Order().ToList();
            if (indices.Count == 0)
            {
                continue;
            }

            s.Append("voltmeter = nest.Create(\"voltmeter\", params={\"interval\": ").Append(Float(v.IntervalMs))
                .Append(", \"record_to\": \"ascii\", \"label\": ").Append(String("vm_" + v.Population)).Append(", \"start\": args.t_presim})\n");
            s.Append("nest.Connect(voltmeter, pops[").Append(String(v.Population)).Append("][").Append(IntList(indices)).Append("])\n");
        }

        s.Append('\n');
    }

    private static void WriteSimulationAndSummary(StringBuilder s, NetworkSpec spec)
    {
        s.Append("# ---- Simulation ----\n");
        s.Append("nest.Simulate(args.t_presim)\n");
        s.Append("nest.Simulate(args.t_sim)\n\n");
        s.Append("# Each MPI process counts the spikes its own neurons emitted: sum over the summary files.\n");
        s.Append("processes = nest.NumProcesses()\n");
        s.Append("summary = {\"network\": ").Append(String(spec.Name)).Append(", \"rank\": nest.Rank(), \"processes\": processes,\n");
        s.Append("           \"t_presim_ms\": args.t_presim, \"t_sim_ms\": args.t_sim, \"seed\": args.seed, \"populations\": {}}\n");
        s.Append("for name, recorder in spike_recorders.items():\n");
        s.Append("    spikes = int(recorder.get(\"n_events\"))\n");
        s.Append("    entry = {\"size\": len(pops[name]), \"recorded\": recorded[name], \"spikes\": spikes}\n");
        s.Append("    if processes == 1:\n");
        s.Append("        entry[\"rate_hz\"] = spikes / (recorded[name] * args.t_sim / 1000.0)\n");
        s.Append("    summary[\"populations\"][name] = entry\n");
        s.Append("with open(os.path.join(args.data_path, \"summary-rank%d.json\" % nest.Rank()), \"w\") as handle:\n");
        s.Append("    json.dump(summary, handle, indent=1)\n");
    }

    private static string Describe(Distribution d) =>
        d.IsConstant ? Float(d.Mean) : $"normal({Float(d.Mean)}, {Float(d.Sd)})";

    /// <summary>Constant, or a normal redrawn until its sign is the mean's (NEST's
    /// <c>redraw(normal, min=0, max=inf)</c> for excitatory, <c>min=-inf, max=0</c> for inhibitory).</summary>
    private static string Weight(Distribution w) => w.IsConstant
        ? $"w_scale * {Float(w.Mean)}"
        : $"nest.math.redraw(nest.random.normal(mean=w_scale * {Float(w.Mean)}, std=w_scale * {Float(w.Sd)}), "
          + (w.Mean >= 0 ? "min=0.0, max=math.inf)" : "min=-math.inf, max=0.0)");

    /// <summary>Constant (raised to h: NEST refuses shorter delays), or a normal redrawn until ≥ h.</summary>
    private static string Delay(Distribution d, double resolutionMs) => d.IsConstant
        ? Float(Math.Max(d.Mean, resolutionMs))
        : $"nest.math.redraw(nest.random.normal(mean={Float(d.Mean)}, std={Float(d.Sd)}), min={Float(resolutionMs)}, max=math.inf)";
}

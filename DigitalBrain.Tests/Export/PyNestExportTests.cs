using System.Text.Json;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Export;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary>The PyNEST export is valid Python and names only NEST 3 API (checked with Python's own
/// parser against the allow-lists below, taken from NEST 3's documentation).</summary>
public sealed class PyNestExportTests
{
    private static readonly HashSet<string> Nest3Attributes =
    [
        "nest.ResetKernel", "nest.SetKernelStatus", "nest.Create", "nest.Connect", "nest.Simulate",
        "nest.random", "nest.random.normal", "nest.math", "nest.math.redraw", "nest.Rank", "nest.NumProcesses",
    ];

    /// <summary>NEST 3 model names and the parameters of each that an export may set.</summary>
    private static readonly Dictionary<string, HashSet<string>> Nest3ModelParameters = new()
    {
        ["iaf_psc_exp"] = ["C_m", "tau_m", "E_L", "V_th", "V_reset", "t_ref", "tau_syn_ex", "tau_syn_in", "I_e", "V_m"],
        ["iaf_psc_alpha"] = ["C_m", "tau_m", "E_L", "V_th", "V_reset", "t_ref", "tau_syn_ex", "tau_syn_in", "I_e", "V_m"],
        ["iaf_psc_delta"] = ["C_m", "tau_m", "E_L", "V_th", "V_reset", "t_ref", "I_e", "V_m"],
        ["iaf_cond_exp"] = ["C_m", "g_L", "E_L", "V_th", "V_reset", "t_ref", "E_ex", "E_in", "tau_syn_ex", "tau_syn_in", "I_e", "V_m"],
        ["poisson_generator"] = ["rate", "start", "stop"],
        ["dc_generator"] = ["amplitude", "start", "stop"],
        ["spike_generator"] = ["spike_times", "allow_offgrid_times"],
        ["spike_recorder"] = ["record_to", "label", "start", "stop"],
        ["voltmeter"] = ["interval", "record_to", "label", "start", "stop"],
    };

    private static readonly HashSet<string> Nest3ConnRules =
        ["fixed_indegree", "fixed_outdegree", "pairwise_bernoulli", "fixed_total_number", "one_to_one", "all_to_all"];

    private static readonly HashSet<string> Nest3Keys =
    [
        // kernel
        "resolution", "rng_seed", "local_num_threads", "data_path", "overwrite_files", "print_time",
        // conn_spec and syn_spec
        "rule", "indegree", "outdegree", "N", "p", "allow_autapses", "allow_multapses", "synapse_model", "weight", "delay",
        .. Nest3ModelParameters.Values.SelectMany(v => v),
    ];

    private static readonly HashSet<string> Nest3Keywords = ["params", "conn_spec", "syn_spec", "mean", "std", "min", "max"];

    [Fact]
    public async Task Microcircuit_IsValidPythonUsingOnlyNest3Names()
    {
        var spec = Microcircuit.Create(0.1);
        var scan = await ExportAndScanAsync(spec, TestContext.Current.CancellationToken);

        AssertOnlyNest3Names(scan);
        Assert.Equal(spec.Populations.Count + spec.Stimuli.Count + spec.Populations.Count, scan.Creates.Count);
        Assert.Equal(["fixed_total_number", "all_to_all"], scan.Rules.Order().Reverse());
        Assert.Equal(spec.Projections.Count + spec.Stimuli.Count + spec.Populations.Count, scan.ConnectCalls);
    }

    [Fact]
    public async Task EveryModelRuleAndStimulus_IsValidPythonUsingOnlyNest3Names()
    {
        var spec = TestSpecs.Everything();
        var scan = await ExportAndScanAsync(spec, TestContext.Current.CancellationToken);

        AssertOnlyNest3Names(scan);
        Assert.Superset(Nest3ConnRules, scan.Rules.ToHashSet());
        Assert.Superset(new HashSet<string> { "iaf_psc_exp", "iaf_psc_alpha", "iaf_psc_delta", "iaf_cond_exp", "poisson_generator",
            "dc_generator", "spike_generator", "spike_recorder", "voltmeter" }, scan.Models.ToHashSet());
    }

    [Fact]
    public async Task Parameters_ReadBackAsTheSpecsExactDoubles()
    {
        var spec = TestSpecs.Everything();
        var scan = await ExportAndScanAsync(spec, TestContext.Current.CancellationToken);

        var neurons = scan.Creates.Where(c => c.Model.StartsWith("iaf_", StringComparison.Ordinal)).ToList();
        Assert.Equal(spec.Populations.Count, neurons.Count);
        for (var i = 0; i < neurons.Count; i++)
        {
            var p = spec.Populations[i].Parameters;
            var parameters = neurons[i].Params;
            Assert.Equal(p.CapacitancePf, parameters["C_m"].GetDouble());
            Assert.Equal(p.ThresholdMv, parameters["V_th"].GetDouble());
            Assert.Equal(p.ExternalCurrentPa, parameters["I_e"].GetDouble());
            Assert.Equal(JsonValueKind.Number, parameters["C_m"].ValueKind);
        }

        Assert.Equal(0.1 + 0.2, neurons[0].Params["I_e"].GetDouble());
        Assert.Equal(1e-300, neurons[3].Params["I_e"].GetDouble());
        Assert.Equal(-50.000000000000014, neurons[2].Params["V_th"].GetDouble());
        Assert.False(neurons[3].Params.ContainsKey("tau_m"), "iaf_cond_exp has no tau_m in NEST");
        Assert.False(neurons[2].Params.ContainsKey("tau_syn_ex"), "iaf_psc_delta has no tau_syn_ex in NEST");
    }

    [Fact]
    public void Script_HasHeaderProvenanceAndNoSynapseLists()
    {
        var context = new ExportContext("Motor cortex", "sha256:0123abcd", new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));
        var full = new PyNestExporter().Export(Microcircuit.Create(1.0), context);
        var small = new PyNestExporter().Export(Microcircuit.Create(0.05), context);

        Assert.Contains("# Model: Motor cortex\n", full);
        Assert.Contains("# Version hash: sha256:0123abcd\n", full);
        Assert.Contains("# Created: 2026-11-24T18:00:00Z\n", full);
        var provenanceComments = full.Split('\n').Count(l => l.StartsWith("# Provenance: ", StringComparison.Ordinal));
        var spec = Microcircuit.Create(1.0);
        Assert.Equal(spec.Populations.Count + spec.Projections.Count, provenanceComments);
        Assert.Contains("# Provenance: p = 0.1009\n", full);
        // Rule-based: ~300 million synapses at full scale, yet no longer a script than at 5 %.
        Assert.True(full.Length < 100_000, $"{full.Length} characters");
        Assert.Equal(small.Split('\n').Length, full.Split('\n').Length);
    }

    [Fact]
    public void MultiLineProvenanceAndNames_CannotEscapeComments()
    {
        var script = new PyNestExporter().Export(TestSpecs.Everything());

        Assert.Contains("# Provenance: line one\n# line two\n", script);
        Assert.DoesNotContain("\nsecond line", script);
        Assert.Contains("# Network: everything \"quoted\" — ünïcode\n# second line\n", script);
        Assert.All(script, c => Assert.True(c == '\n' || !char.IsControl(c), $"control character U+{(int)c:X4}"));
    }

    [Theory]
    [InlineData(55UL, 55UL)]
    [InlineData(4294967295UL, 4294967295UL)]
    [InlineData(0UL, 1UL)]
    [InlineData(4294967296UL, 2UL)]
    public void Seed_IsKeptOrFoldedIntoNestsRange(ulong seed, ulong expected)
    {
        Assert.Equal(expected, PyNestExporter.NestSeed(seed));
        var script = new PyNestExporter().Export(TestSpecs.Network([TestSpecs.Population("a", 1)], seed: seed));
        Assert.Contains($"\"--seed\", type=int, default={expected},", script);
    }

    private static async Task<NestApiScan> ExportAndScanAsync(NetworkSpec spec, CancellationToken ct)
    {
        using var python = new PythonRunner();
        var script = python.Write("model.py", new PyNestExporter().Export(spec));
        await python.RunAsync(["-m", "py_compile", script], TimeSpan.FromMinutes(1), ct);
        return await NestApiScan.ScanAsync(python, script, ct);
    }

    private static void AssertOnlyNest3Names(NestApiScan scan)
    {
        Assert.Subset(Nest3Attributes, scan.Attributes.ToHashSet());
        Assert.Subset(Nest3ModelParameters.Keys.ToHashSet(), scan.Models.ToHashSet());
        Assert.Subset(Nest3ConnRules, scan.Rules.ToHashSet());
        Assert.Equal(["static_synapse"], scan.SynapseModels);
        Assert.Subset(Nest3Keys, scan.Keys.ToHashSet());
        Assert.Subset(Nest3Keywords, scan.Keywords.ToHashSet());
        Assert.Equal(["ascii"], scan.RecordTo);
        Assert.Equal(["n_events"], scan.GetKeys);
        foreach (var (model, parameters) in scan.Creates)
        {
            Assert.Subset(Nest3ModelParameters[model], parameters.Keys.ToHashSet());
        }

        // The kernel is reset and seeded before any node exists.
        Assert.True(scan.ResetKernelLine > 0 && scan.ResetKernelLine < scan.SetKernelStatusLine && scan.SetKernelStatusLine < scan.FirstCreateLine,
            $"ResetKernel line {scan.ResetKernelLine}, SetKernelStatus line {scan.SetKernelStatusLine}, first Create line {scan.FirstCreateLine}");
    }
}

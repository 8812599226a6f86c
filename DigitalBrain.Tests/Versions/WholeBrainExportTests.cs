using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Export;
using DigitalBrain.Simulation.Spec;
using DigitalBrain.Tests.Export;

namespace DigitalBrain.Tests.Versions;

/// <summary>Issue 12 point 4: the full-size whole-brain model leaves the app as a small, rule-based
/// PyNEST script that carries NEST's scale parameters, so it runs as is on a cluster under MPI.</summary>
public sealed partial class WholeBrainExportTests
{
    [Fact]
    public void The_full_size_whole_brain_pynest_script_is_small_rule_based_and_carries_the_scale_parameters()
    {
        var spec = WholeBrain.Create(1.0);
        var script = new PyNestExporter().Export(spec, new ExportContext("whole-brain benchmark", new string('a', 64), DateTimeOffset.UnixEpoch));
        var bytes = Encoding.UTF8.GetByteCount(script);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"whole-brain PyNEST export: {bytes:N0} bytes, {spec.Projections.Count} projections, {spec.NeuronCount:N0} neurons");
        Assert.True(bytes < 200_000, $"the script is {bytes:N0} bytes");
        // One table row per projection, each a rule-based nest.Connect in the loop: no synapse lists.
        Assert.Equal(spec.Projections.Count, Regex.Count(script, @"^    \(\d+, \d+, ""fixed_indegree"", \d+, ", RegexOptions.Multiline));
        Assert.DoesNotMatch(LongNumberList(), script);
        Assert.Contains("mpirun -np N python3 model.py", script, StringComparison.Ordinal);
        Assert.Contains("--scale-n", script, StringComparison.Ordinal);
        Assert.Contains("--scale-k", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scale_parameters_shrink_neurons_and_in_degrees_and_compensate_weights_and_mean_input()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = WholeBrain.Create(1.0);
        using var python = new PythonRunner();
        Directory.CreateDirectory(python.PathOf("nest"));
        // The stub lacks NodeCollection.set, which the script calls for the DC compensation.
        python.Write(Path.Combine("nest", "__init__.py"), NestStub.Package
            + "\nNodeCollection.set = lambda self, **kw: _record(\"set\", nodes=[self.ids[0], len(self.ids)], **kw)\n");
        var script = python.Write("model.py", new PyNestExporter().Export(spec));

        await python.RunAsync([script, "--t-presim", "10", "--t-sim", "10", "--scale-n", "0.01", "--scale-k", "0.25", "--data-path", python.PathOf("output")],
            TimeSpan.FromMinutes(1), ct, new Dictionary<string, string> { ["PYTHONPATH"] = python.Folder, ["NEST_STUB_LOG"] = python.PathOf("calls.json") });

        using var log = JsonDocument.Parse(await File.ReadAllTextAsync(python.PathOf("calls.json"), ct));
        var calls = log.RootElement.EnumerateArray().ToList();
        var creates = calls.Where(c => c.GetProperty("call").GetString() == "Create").Take(spec.Populations.Count);
        Assert.Equal(spec.Populations.Select(p => Math.Max(1, (int)Math.Round(p.Size * 0.01))), creates.Select(c => c.GetProperty("n").GetInt32()));
        var first = calls.First(c => c.GetProperty("call").GetString() == "Connect");
        Assert.Equal((int)Math.Round(spec.Projections[0].Rule.Count * 0.25), first.GetProperty("conn_spec").GetProperty("indegree").GetInt32());
        var weight = first.GetProperty("syn_spec").GetProperty("weight").GetProperty("value");
        Assert.Equal(spec.Projections[0].Synapse.Weight.Mean * 2, weight.GetProperty("mean").GetDouble(), 1e-9);
        // DC compensation (1 - sqrt(1/4)) x the mean Poisson input K·ν·J·τ_syn, as SpecScaling computes it.
        var set = calls.First(c => c.GetProperty("call").GetString() == "set");
        var poisson = spec.Stimuli.OfType<PoissonInput>().First();
        var expected = 0.5 * poisson.Indegree * poisson.RateHz * 1e-3 * poisson.WeightPa * spec.Populations[0].Parameters.TauSynExMs;
        Assert.Equal(expected, set.GetProperty("I_e").GetDouble(), 1e-6);
    }

    /// <summary>Ten or more numbers in a row inside brackets: what a per-synapse list would look like.</summary>
    [GeneratedRegex(@"\[\s*(-?[0-9.eE+-]+\s*,\s*){10,}")]
    private static partial Regex LongNumberList();
}

using System.Text.Json;
using DigitalBrain.Simulation.Export;

namespace DigitalBrain.Tests.Export;

/// <summary>Runs an exported PyNEST script end to end against <see cref="NestStub"/> (NEST itself
/// cannot be installed here) and checks what it asked NEST to do, call by call.</summary>
public sealed class PyNestScriptRunTests
{
    [Fact]
    public async Task ExportedScript_MakesTheNestCallsTheSpecDescribes()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = TestSpecs.Everything();
        using var python = new PythonRunner();
        Directory.CreateDirectory(python.PathOf("nest"));
        python.Write(Path.Combine("nest", "__init__.py"), NestStub.Package);
        var script = python.Write("model.py", new PyNestExporter().Export(spec));

        await python.RunAsync([script, "--t-presim", "50", "--t-sim", "100", "--threads", "3", "--data-path", python.PathOf("output")],
            TimeSpan.FromMinutes(1), ct, new Dictionary<string, string> { ["PYTHONPATH"] = python.Folder, ["NEST_STUB_LOG"] = python.PathOf("calls.json") });

        using var log = JsonDocument.Parse(File.ReadAllText(python.PathOf("calls.json")));
        var calls = log.RootElement.EnumerateArray().ToList();
        string Json(JsonElement e) => JsonSerializer.Serialize(e);

        Assert.Equal("ResetKernel", calls[0].GetProperty("call").GetString());
        var kernel = calls[1].GetProperty("params");
        Assert.Equal(0.1, kernel.GetProperty("resolution").GetDouble());
        Assert.Equal(PyNestExporter.NestSeed(spec.Seed), kernel.GetProperty("rng_seed").GetUInt64());
        Assert.Equal(3, kernel.GetProperty("local_num_threads").GetInt32());

        var creates = calls.Where(c => c.GetProperty("call").GetString() == "Create").ToList();
        Assert.Equal(spec.Populations.Select(p => p.Size), creates.Take(spec.Populations.Count).Select(c => c.GetProperty("n").GetInt32()));
        Assert.Equal("""{"parameter":"normal","mean":-65.5,"std":4.25}""", Json(creates[0].GetProperty("params").GetProperty("V_m")));
        Assert.Equal(-70.0, creates[1].GetProperty("params").GetProperty("V_m").GetDouble());
        Assert.Contains(creates, c => c.GetProperty("model").GetString() == "poisson_generator"
            && c.GetProperty("params").GetProperty("rate").GetDouble() == 8.0 * 1600);

        var connects = calls.Where(c => c.GetProperty("call").GetString() == "Connect").ToList();
        Assert.Equal("""{"rule":"fixed_indegree","indegree":5,"allow_autapses":false,"allow_multapses":false}""", Json(connects[0].GetProperty("conn_spec")));
        Assert.Equal("""{"parameter":"redraw","value":{"parameter":"normal","mean":87.81,"std":8.781},"min":0.0,"max":"inf"}""",
            Json(connects[0].GetProperty("syn_spec").GetProperty("weight")));
        Assert.Equal("""{"parameter":"redraw","value":{"parameter":"normal","mean":1.5,"std":0.75},"min":0.1,"max":"inf"}""",
            Json(connects[0].GetProperty("syn_spec").GetProperty("delay")));
        Assert.Equal(0.1, connects[1].GetProperty("syn_spec").GetProperty("delay").GetDouble());
        Assert.Equal("""{"parameter":"redraw","value":{"parameter":"normal","mean":-351.24,"std":35.124},"min":"-inf","max":0.0}""",
            Json(connects[2].GetProperty("syn_spec").GetProperty("weight")));

        // Spikes of the first 7 neurons (the spec's limit) of each population, V_m of E's neurons 1 and 3.
        var recorderInputs = connects.Where(c => c.GetProperty("post")[0].GetString() == "spike_recorder")
            .Select(c => c.GetProperty("pre")[1].GetInt32()).ToList();
        Assert.Equal(spec.Populations.Select(p => Math.Min(7, p.Size)), recorderInputs);
        Assert.Contains(connects, c => c.GetProperty("pre")[0].GetString() == "voltmeter" && c.GetProperty("post")[1].GetInt32() == 2);

        var simulated = calls.Where(c => c.GetProperty("call").GetString() == "Simulate").Select(c => c.GetProperty("t").GetDouble());
        Assert.Equal([50.0, 100.0], simulated);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(python.PathOf("output"), "summary-rank0.json")));
        Assert.Equal(7, summary.RootElement.GetProperty("populations").GetProperty("E").GetProperty("recorded").GetInt32());
        Assert.Equal(0.0, summary.RootElement.GetProperty("populations").GetProperty("E").GetProperty("rate_hz").GetDouble());
    }
}

using DigitalBrain.Cli;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Export;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary><c>digitalbrain export</c>: loads a built-in or a spec file and writes the chosen format.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("digitalbrain-export-cli-");

    [Fact]
    public void BuiltinToJson_WritesTheScaledSpec()
    {
        var output = Path.Combine(folder.FullName, "mc.json");

        var exit = ExportCommand.Run(["builtin:microcircuit", "--format", "json", "--scale", "0.1", "--out", output]);

        Assert.Equal(0, exit);
        Assert.Null(DeepEquality.FirstDifference(Microcircuit.Create(0.1), NetworkSpecJson.Deserialize(File.ReadAllText(output))));
    }

    [Theory]
    [InlineData("pynest", "nest.Simulate(args.t_sim)")]
    [InlineData("brian2", "run_and_report(")]
    public void SpecFileToScript_WritesThatFormatWithModelAndHash(string format, string expected)
    {
        var specPath = Path.Combine(folder.FullName, "spec.json");
        File.WriteAllText(specPath, NetworkSpecJson.Serialize(TestSpecs.Everything()));
        var output = Path.Combine(folder.FullName, "model.py");

        var exit = ExportCommand.Run([specPath, "--format", format, "--model", "M1 model", "--version-hash", "abc", "--out", output]);

        Assert.Equal(0, exit);
        var script = File.ReadAllText(output);
        Assert.Contains(expected, script);
        Assert.Contains("# Model: M1 model\n", script);
        Assert.Contains("# Version hash: abc\n", script);
    }

    [Fact]
    public void Schema_WritesTheGeneratedSchema()
    {
        var output = Path.Combine(folder.FullName, "schema.json");

        Assert.Equal(0, ExportCommand.Run(["--schema", "--out", output]));
        Assert.Equal(NetworkSpecSchema.Generate(), File.ReadAllText(output));
    }

    [Theory]
    [InlineData("builtin:microcircuit")]
    [InlineData("builtin:microcircuit --format")]
    [InlineData("builtin:microcircuit --format json --scale 2")]
    [InlineData("builtin:microcircuit --format json --bogus")]
    public void BadArguments_ExitWithUsageError(string commandLine) => Assert.Equal(2, ExportCommand.Run(commandLine.Split(' ')));

    [Theory]
    [InlineData("builtin:nonexistent --format json")]
    [InlineData("builtin:microcircuit --format sonata")]
    [InlineData("/nonexistent/spec.json --format json")]
    public void UnknownSourceOrFormat_ExitsWithFailure(string commandLine) => Assert.Equal(1, ExportCommand.Run(commandLine.Split(' ')));

    public void Dispose() => folder.Delete(recursive: true);
}

using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Export;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Export;

/// <summary>The JSON export is lossless and its published schema is the one the code generates.</summary>
public sealed class JsonExportTests
{
    public static TheoryData<string> Specs => ["everything", "microcircuit"];

    private static NetworkSpec SpecNamed(string name) => name == "everything" ? TestSpecs.Everything() : Microcircuit.Create(0.1);

    [Theory]
    [MemberData(nameof(Specs))]
    public void RoundTrip_IsIdenticalTextAndDeepEqual(string name)
    {
        var spec = SpecNamed(name);
        var json = new JsonExporter().Export(spec);

        var back = NetworkSpecJson.Deserialize(json);

        Assert.Equal(json, NetworkSpecJson.Serialize(back));
        Assert.Null(DeepEquality.FirstDifference(spec, back));
    }

    [Fact]
    public void DeepEquality_FindsAChangedNestedValue()
    {
        var spec = TestSpecs.Everything();
        var changedStimuli = spec.Stimuli.ToList();
        changedStimuli[4] = new SpikeTimesInput("D", [30.0, 10.0, BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(20.05) + 1)], 5.0, 1.0);
        var changed = spec with { Stimuli = changedStimuli };

        Assert.Equal("spec.Stimuli[4].TimesMs[2]: 20.05 vs 20.050000000000004", DeepEquality.FirstDifference(spec, changed));
        Assert.NotNull(DeepEquality.FirstDifference(spec, spec with { Seed = 1 }));
    }

    [Fact]
    public void CommittedSchema_EqualsTheGeneratedOne()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot(), "schemas", "network-spec.schema.json"));

        // To update: dotnet run --project DigitalBrain.Cli -- export --schema --out schemas/network-spec.schema.json
        Assert.Equal(NetworkSpecSchema.Generate(), committed);
    }

    [Fact]
    public void Schema_DescribesTheSpecsMembersAndEnums()
    {
        var schema = NetworkSpecSchema.Generate();

        foreach (var expected in new[] { "\"populations\"", "\"projections\"", "\"stimuli\"", "\"recording\"", "\"iaf_cond_exp\"",
                     "\"fixed_total_number\"", "\"poisson\"", "\"spike_times\"", "\"provenance\"", "\"required\"" })
        {
            Assert.Contains(expected, schema);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DigitalBrain.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("No DigitalBrain.sln above " + AppContext.BaseDirectory);
    }
}

using System.Text.Json;

namespace DigitalBrain.Tests.Export;

/// <summary>Reads what an exported Brian2 script wrote to its <c>--out</c> file.</summary>
public sealed class ResultsJson
{
    private readonly JsonElement root;

    private ResultsJson(JsonElement root) => this.root = root;

    public static ResultsJson Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new ResultsJson(document.RootElement.Clone());
    }

    public double Rate(string population) => Population(population).GetProperty("rate_hz").GetDouble();

    public JsonElement Population(string population) => root.GetProperty("populations").GetProperty(population);

    public double[] SpikeTimes(string population) =>
        Population(population).GetProperty("times_ms").EnumerateArray().Select(t => t.GetDouble()).ToArray();

    public IEnumerable<JsonElement> Projections => root.GetProperty("projections").EnumerateArray();

    public double Number(string name) => root.GetProperty(name).GetDouble();

    /// <summary>The V_m samples (mV) of one recorded neuron.</summary>
    public double[] Voltage(string population, int neuron) => root.GetProperty("voltages").EnumerateArray()
        .Single(v => v.GetProperty("population").GetString() == population && v.GetProperty("neuron").GetInt32() == neuron)
        .GetProperty("v_mv").EnumerateArray().Select(v => v.GetDouble()).ToArray();
}

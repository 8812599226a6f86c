using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalBrain.Simulation.Spec;

/// <summary>The one JSON form of a <see cref="NetworkSpec"/>: camelCase members, snake_case enums
/// (<c>iaf_psc_exp</c>, <c>fixed_indegree</c>), culture-invariant numbers.</summary>
public static class NetworkSpecJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(NetworkSpec spec) => JsonSerializer.Serialize(spec, Options);

    public static NetworkSpec Deserialize(string json) =>
        JsonSerializer.Deserialize<NetworkSpec>(json, Options)
        ?? throw new JsonException("The document is empty (null) instead of a network spec.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

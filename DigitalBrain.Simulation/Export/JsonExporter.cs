using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Export;

/// <summary>Exports the spec as its own JSON document (<see cref="NetworkSpecJson"/>), which
/// <see cref="NetworkSpecJson.Deserialize"/> reads back into an equal spec. The document follows
/// the published schema <c>schemas/network-spec.schema.json</c> (<see cref="NetworkSpecSchema"/>).
/// The export context is not part of the spec and is not written.</summary>
public sealed class JsonExporter : INetworkExporter
{
    public string FileExtension => ".json";

    public string MediaType => "application/json";

    public string Export(NetworkSpec spec, ExportContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return NetworkSpecJson.Serialize(spec);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Export;

/// <summary>The JSON schema (draft 2020-12) of <see cref="NetworkSpecJson"/>'s documents, generated
/// from the serializer options themselves so that it cannot describe another format. The committed
/// copy is <c>schemas/network-spec.schema.json</c>; a test keeps it equal to <see cref="Generate"/>.</summary>
public static class NetworkSpecSchema
{
    /// <summary>Identifier written as the schema's <c>$id</c>.</summary>
    public const string Id = "https://digitalbrain.example/schemas/network-spec.schema.json";

    /// <summary>The schema as indented JSON text ending in a newline (as the committed file).</summary>
    public static string Generate()
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = static (context, node) =>
            {
                if (context.Path.IsEmpty && node is JsonObject root)
                {
                    root.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
                    root.Insert(1, "$id", Id);
                    root.Insert(2, "title", "DigitalBrain NetworkSpec");
                }

                return node;
            },
        };
        var schema = NetworkSpecJson.Options.GetJsonSchemaAsNode(typeof(NetworkSpec), exporterOptions);
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }
}

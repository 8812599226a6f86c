using System.Text.Json;

namespace DigitalBrain.Tests.Export;

/// <summary>What an exported PyNEST script uses of NEST, read with Python's own parser (<c>ast</c>):
/// every <c>nest.X</c> attribute, model names given to <c>nest.Create</c>, conn rules, synapse models,
/// the keys of every dict literal and the keyword names passed to <c>nest.*</c> calls, and the
/// literal parameters of each <c>nest.Create</c>.</summary>
internal sealed record NestApiScan(
    IReadOnlySet<string> Attributes,
    IReadOnlySet<string> Models,
    IReadOnlySet<string> Rules,
    IReadOnlySet<string> SynapseModels,
    IReadOnlySet<string> Keys,
    IReadOnlySet<string> Keywords,
    IReadOnlySet<string> RecordTo,
    IReadOnlySet<string> GetKeys,
    IReadOnlyList<(string Model, IReadOnlyDictionary<string, JsonElement> Params)> Creates,
    int FirstCreateLine,
    int ResetKernelLine,
    int SetKernelStatusLine,
    int ConnectCalls)
{
    public const string ScannerScript = """
        import ast, json, sys

        tree = ast.parse(open(sys.argv[1], encoding="utf-8").read(), filename=sys.argv[1])
        found = {k: set() for k in ("attributes", "models", "rules", "synapse_models", "keys", "keywords", "record_to", "get_keys")}
        creates, lines, connects = [], {}, 0

        def dotted(node):
            parts = []
            while isinstance(node, ast.Attribute):
                parts.append(node.attr)
                node = node.value
            if isinstance(node, ast.Name):
                parts.append(node.id)
                return ".".join(reversed(parts))
            return None

        def literal(node):
            try:
                value = ast.literal_eval(node)
            except Exception:
                return None
            return value if isinstance(value, (int, float, str, bool, list)) else None

        def scan_dicts(node):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Dict):
                    for key, value in zip(sub.keys, sub.values):
                        if isinstance(key, ast.Constant) and isinstance(key.value, str):
                            found["keys"].add(key.value)
                            for name, bucket in (("rule", "rules"), ("synapse_model", "synapse_models"), ("record_to", "record_to")):
                                if key.value == name:
                                    found[bucket].add(str(literal(value)))

        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                name = dotted(node)
                if name and name.startswith("nest."):
                    found["attributes"].add(name)
            if isinstance(node, ast.Call):
                function = dotted(node.func) or ""
                if isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
                    found["get_keys"].add(str(literal(node.args[0])))
                if not function.startswith("nest."):
                    continue
                lines.setdefault(function, node.lineno)
                lines[function] = min(lines[function], node.lineno)
                for keyword in node.keywords:
                    found["keywords"].add(str(keyword.arg))
                for argument in list(node.args) + [k.value for k in node.keywords]:
                    scan_dicts(argument)
                if function == "nest.Connect":
                    connects += 1
                if function == "nest.Create":
                    model = literal(node.args[0])
                    found["models"].add(str(model))
                    params = next((k.value for k in node.keywords if k.arg == "params"), None)
                    values = {}
                    if isinstance(params, ast.Dict):
                        values = {k.value: literal(v) for k, v in zip(params.keys, params.values)}
                    creates.append({"model": model, "params": values})

        out = {k: sorted(v) for k, v in found.items()}
        out.update(creates=creates, connects=connects, first_create=lines.get("nest.Create", -1),
                   reset_kernel=lines.get("nest.ResetKernel", -1), set_kernel_status=lines.get("nest.SetKernelStatus", -1))
        print(json.dumps(out))
        """;

    public static async Task<NestApiScan> ScanAsync(PythonRunner python, string scriptPath, CancellationToken ct)
    {
        var scanner = python.Write("scan_nest_api.py", ScannerScript);
        var output = await python.RunAsync([scanner, scriptPath], TimeSpan.FromMinutes(1), ct);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        IReadOnlySet<string> Set(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var creates = root.GetProperty("creates").EnumerateArray()
            .Select(c => (c.GetProperty("model").GetString()!,
                (IReadOnlyDictionary<string, JsonElement>)c.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())))
            .ToList();
        return new NestApiScan(Set("attributes"), Set("models"), Set("rules"), Set("synapse_models"), Set("keys"), Set("keywords"),
            Set("record_to"), Set("get_keys"), creates, root.GetProperty("first_create").GetInt32(),
            root.GetProperty("reset_kernel").GetInt32(), root.GetProperty("set_kernel_status").GetInt32(), root.GetProperty("connects").GetInt32());
    }
}

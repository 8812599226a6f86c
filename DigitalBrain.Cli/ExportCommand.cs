using System.Globalization;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Export;

namespace DigitalBrain.Cli;

/// <summary><c>digitalbrain export &lt;spec.json | builtin:NAME&gt; --format pynest|brian2|json [--scale S] [--seed N] [--out FILE]</c>,
/// and <c>digitalbrain export --schema [--out FILE]</c> for the NetworkSpec JSON schema.</summary>
public static class ExportCommand
{
    private const string Usage =
        "usage: digitalbrain export <spec.json | builtin:NAME> --format pynest|brian2|json [--scale S] [--seed N]\n"
        + "                          [--model NAME] [--version-hash HASH] [--out FILE]\n"
        + "       digitalbrain export --schema [--out FILE]";

    /// <summary>Writes the export to <c>--out</c> (or stdout); returns 0, or 2 on a usage error, 1 on a failed export.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? source = null, format = null, output = null, model = null, hash = null;
        double scale = 1.0;
        ulong? seed = null;
        var schema = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--format": format = Value().ToLowerInvariant(); break;
                    case "--scale": scale = double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture); break;
                    case "--seed": seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--out": output = Value(); break;
                    case "--model": model = Value(); break;
                    case "--version-hash": hash = Value(); break;
                    case "--schema": schema = true; break;
                    case "-h" or "--help": Console.Out.WriteLine(Usage); return 0;
                    case var a when a.StartsWith("--", StringComparison.Ordinal): throw new FormatException($"Unknown option {a}.");
                    case var a when source is null: source = a; break;
                    default: throw new FormatException($"Unexpected argument {args[i]}.");
                }
            }

            if (!double.IsFinite(scale) || scale <= 0 || scale > 1)
            {
                throw new FormatException("--scale must be in (0, 1].");
            }

            if (!schema && (source is null || format is null))
            {
                throw new FormatException("A source and --format are required.");
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            string text;
            if (schema)
            {
                text = NetworkSpecSchema.Generate();
            }
            else
            {
                var exportFormat = format switch
                {
                    "pynest" or "nest" => ExportFormat.PyNest,
                    "brian2" or "brian" => ExportFormat.Brian2,
                    "json" => ExportFormat.Json,
                    _ => throw new ArgumentException($"Unknown format '{format}'; use pynest, brian2 or json."),
                };
                var spec = BuiltinNetworks.Load(source!, scale, seed);
                text = NetworkExporters.For(exportFormat).Export(spec, new ExportContext(model, hash, DateTimeOffset.UtcNow));
            }

            if (output is null)
            {
                Console.Out.Write(text);
            }
            else
            {
                File.WriteAllText(output, text);
                Console.Error.WriteLine($"wrote {output}");
            }

            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or NotSupportedException)
        {
            Console.Error.WriteLine($"export failed: {e.Message}");
            return 1;
        }
    }
}

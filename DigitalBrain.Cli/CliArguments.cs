using System.Globalization;

namespace DigitalBrain.Cli;

/// <summary>Minimal <c>--name value</c> / <c>--flag</c> parser with culture-invariant numbers.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public CliArguments(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (valued.Contains(a))
            {
                if (i + 1 >= args.Length)
                {
                    throw new CliUsageException($"{a} needs a value");
                }

                _options[a] = args[++i];
            }
            else if (flags.Contains(a))
            {
                _options[a] = null;
            }
            else if (a.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"unknown option {a}");
            }
            else
            {
                Positional.Add(a);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string name) => _options.ContainsKey(name);

    public string? String(string name) => _options.GetValueOrDefault(name);

    public double Double(string name, double fallback)
    {
        if (_options.GetValueOrDefault(name) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new CliUsageException($"{name}: '{text}' is not a number");
    }

    public long Long(string name, long fallback)
    {
        if (_options.GetValueOrDefault(name) is not { } text)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CliUsageException($"{name}: '{text}' is not an integer");
    }
}

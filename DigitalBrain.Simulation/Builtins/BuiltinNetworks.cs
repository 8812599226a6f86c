using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Builtins;

/// <summary>Resolves a network source: <c>builtin:microcircuit</c>, <c>builtin:brunel</c> or a path
/// to a <see cref="NetworkSpec"/> JSON file.</summary>
public static class BuiltinNetworks
{
    /// <summary>Prefix that marks a built-in network.</summary>
    public const string Prefix = "builtin:";

    /// <summary>Names of the built-in networks (without the prefix).</summary>
    public static IReadOnlyList<string> Names { get; } = [Microcircuit.Name, Brunel.Name, WholeBrain.Name];

    /// <summary>Loads a built-in (scaled by <paramref name="scale"/>) or a spec file (scale must then be 1).</summary>
    /// <param name="source"><c>builtin:NAME</c> or a file path.</param>
    /// <param name="scale">Down-scaling of a built-in, in (0, 1].</param>
    /// <param name="seed">Overrides the spec's seed when given.</param>
    public static NetworkSpec Load(string source, double scale = 1.0, ulong? seed = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (source.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var name = source[Prefix.Length..].ToLowerInvariant();
            return name switch
            {
                Microcircuit.Name => Microcircuit.Create(scale, seed ?? Microcircuit.DefaultSeed),
                Brunel.Name => Brunel.Create(scale, seed ?? Brunel.DefaultSeed),
                WholeBrain.Name => WholeBrain.Create(scale, seed ?? WholeBrain.DefaultSeed),
                _ => throw new ArgumentException(
                    $"Unknown built-in network '{name}'; known: {string.Join(", ", Names)}.", nameof(source)),
            };
        }

        if (scale != 1.0)
        {
            throw new ArgumentException("Only built-in networks can be scaled; a spec file is run as written.", nameof(scale));
        }

        var spec = NetworkSpecJson.Deserialize(File.ReadAllText(source));
        return seed is { } s ? spec with { Seed = s } : spec;
    }
}

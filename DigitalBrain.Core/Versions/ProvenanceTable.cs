using System.Globalization;
using System.Text.RegularExpressions;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Core.Versions;

/// <summary>One compiled value and where it came from: the estimate's method, its number of
/// entries, and its sources (DOIs separately, so pages can link them).</summary>
public sealed record ProvenanceRow(string Target, string Parameter, string Value, string Method, int? EntryCount, IReadOnlyList<string> Dois, string Sources);

/// <summary>
/// Reads back the provenance the compiler writes into a version's spec
/// (<c>key=value [method, n=K, doi:…, citation…]; …</c> per population and projection), so the
/// version page shows it as a table without a second store that could disagree with the spec.
/// </summary>
public static partial class ProvenanceTable
{
    public static IReadOnlyList<ProvenanceRow> From(NetworkSpec spec) =>
    [
        .. spec.Populations.SelectMany(p => Rows($"population {p.Name}", p.Provenance)),
        .. spec.Projections.SelectMany(p => Rows($"projection {p.Source} → {p.Target}", p.Provenance)),
    ];

    public static IEnumerable<ProvenanceRow> Rows(string target, string? provenance)
    {
        if (string.IsNullOrEmpty(provenance))
            yield break;
        foreach (Match item in Item().Matches(provenance))
        {
            var source = item.Groups["prov"].Value;
            var parts = source.Split(", ", 3);
            var pinned = source.StartsWith("pinned:", StringComparison.Ordinal);
            int? n = !pinned && parts.Length > 1 && parts[1].StartsWith("n=", StringComparison.Ordinal)
                     && int.TryParse(parts[1].AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : null;
            var sources = pinned ? source["pinned:".Length..].Trim() : parts.Length > 2 ? parts[2] : "";
            var dois = Doi().Matches(sources).Select(m => m.Groups[1].Value).ToList();
            yield return new ProvenanceRow(target, item.Groups["key"].Value, item.Groups["value"].Value, pinned ? "pinned" : parts[0], n, dois, sources);
        }
    }

    [GeneratedRegex(@"(?<key>[a-z_0-9]+)=(?<value>[^\s\[]+) \[(?<prov>.*?)\](?=; [a-z_0-9]+=|$)")]
    private static partial Regex Item();

    [GeneratedRegex(@"doi:(10\.\d{4,9}/[^\s,\]]+)")]
    private static partial Regex Doi();
}

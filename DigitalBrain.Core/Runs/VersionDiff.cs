using System.Globalization;
using System.Text.RegularExpressions;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Core.Runs;

/// <summary>One estimate whose value is not the same in every compared version: its target
/// ("population L23E", "projection L4E → L23E"), parameter key, and the value and provenance in each
/// version (null where the version has no such value).</summary>
public sealed record EstimateChange(string Target, string Parameter, IReadOnlyList<double?> Values, IReadOnlyList<string?> Provenance);

/// <summary>What changed between versions, read from the provenance the compiler writes into every
/// population and projection of a <see cref="NetworkSpec"/> ("key=value [method, n, DOIs]"): the
/// estimates themselves, not the engine quantities derived from them. The reference rate and the
/// Poisson background, which the provenance text lacks, are read from the spec.</summary>
public static partial class VersionDiff
{
    /// <summary>Relative difference above which two frozen values count as different (the
    /// provenance keeps six significant digits).</summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>Provenance shown for values read from the spec itself rather than its provenance text.</summary>
    public const string SpecSource = "value in the spec";

    /// <summary>Every (target, parameter) whose value differs between any two of <paramref name="versions"/>,
    /// in the order of the first version that has it.</summary>
    public static IReadOnlyList<EstimateChange> Compare(IReadOnlyList<NetworkSpec> versions)
    {
        var frozen = versions.Select(Estimates).ToList();
        var keys = frozen.SelectMany(f => f.Keys).Distinct().ToList();
        var changes = new List<EstimateChange>();
        foreach (var key in keys)
        {
            var found = frozen.Select(f => f.TryGetValue(key, out var v) ? v : ((double Value, string Provenance)?)null).ToList();
            if (AllSame(found.Select(v => v?.Value)))
                continue;
            changes.Add(new EstimateChange(key.Target, key.Parameter, found.Select(v => v?.Value).ToList(), found.Select(v => v?.Provenance).ToList()));
        }
        return changes;
    }

    /// <summary>The frozen estimates of one version by (target, parameter key).</summary>
    public static Dictionary<(string Target, string Parameter), (double Value, string Provenance)> Estimates(NetworkSpec spec)
    {
        var estimates = new Dictionary<(string, string), (double, string)>();
        foreach (var p in spec.Populations)
        {
            Parse($"population {p.Name}", p.Provenance, estimates);
            // The compiler reads these after it wrote the population's provenance: take them from the spec.
            if (p.ReferenceRateHz is { } rate)
                estimates.TryAdd(($"population {p.Name}", "firing_rate"), (rate, SpecSource));
        }
        foreach (var input in spec.Stimuli.OfType<PoissonInput>())
        {
            var target = $"population {input.Target}";
            estimates.TryAdd((target, "background_rate"), (input.RateHz, SpecSource));
            estimates.TryAdd((target, "external_in_degree"), (input.Indegree, SpecSource));
            estimates.TryAdd((target, "background_weight"), (input.WeightPa, SpecSource));
        }
        foreach (var p in spec.Projections)
            Parse($"projection {p.Source} → {p.Target}", p.Provenance, estimates);
        return estimates;
    }

    private static void Parse(string target, string? provenance, Dictionary<(string, string), (double, string)> into)
    {
        if (string.IsNullOrEmpty(provenance))
            return;
        foreach (Match m in ProvenanceItem().Matches(provenance))
        {
            if (double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                into[(target, m.Groups["key"].Value)] = (value, m.Groups["source"].Value);
        }
    }

    private static bool AllSame(IEnumerable<double?> values)
    {
        double? first = null;
        var any = false;
        foreach (var v in values)
        {
            if (!any)
            {
                (first, any) = (v, true);
                continue;
            }
            if (v is null != first is null)
                return false;
            if (v is { } a && first is { } b && Math.Abs(a - b) > RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b)))
                return false;
        }
        return true;
    }

    // "key=value [source]" items joined by "; "; a source may itself hold "; " or "]" (pin reasons),
    // so an item ends only where the next "key=" begins.
    [GeneratedRegex(@"(?:^|; )(?<key>[A-Za-z0-9_]+)=(?<value>\S+) \[(?<source>.*?)\](?=; [A-Za-z0-9_]+=\S+ \[|$)", RegexOptions.Singleline)]
    private static partial Regex ProvenanceItem();
}

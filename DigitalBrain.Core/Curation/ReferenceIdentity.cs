using System.Text.RegularExpressions;

namespace DigitalBrain.Core.Curation;

/// <summary>Normalises the three ways an entry names its source.</summary>
public static partial class ReferenceIdentity
{
    [GeneratedRegex(@"^10\.[0-9]{4,9}/\S+$")]
    private static partial Regex DoiPattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,8}$")]
    private static partial Regex PmidPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static readonly string[] DoiPrefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"];

    /// <summary>A DOI without resolver prefix, lower-cased (DOIs are case-insensitive), or null
    /// when the text is not a DOI (10.NNNN/suffix).</summary>
    public static string? NormaliseDoi(string text)
    {
        var doi = text.Trim();
        foreach (var prefix in DoiPrefixes)
        {
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                doi = doi[prefix.Length..].Trim();
                break;
            }
        }
        doi = doi.ToLowerInvariant();
        return DoiPattern().IsMatch(doi) ? doi : null;
    }

    /// <summary>A PubMed id as digits (an optional "PMID:" prefix removed), or null when malformed.</summary>
    public static string? NormalisePmid(string text)
    {
        var pmid = text.Trim();
        if (pmid.StartsWith("PMID:", StringComparison.OrdinalIgnoreCase))
            pmid = pmid[5..].Trim();
        return PmidPattern().IsMatch(pmid) ? pmid : null;
    }

    public static string CitationKey(string citation) => Whitespace().Replace(citation.Trim(), " ").ToLowerInvariant();
}

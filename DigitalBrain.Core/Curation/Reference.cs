namespace DigitalBrain.Core.Curation;

/// <summary>A literature source. DOIs are stored normalised (lower case, no resolver prefix) and
/// are unique, so every entry citing one paper points at the same row.</summary>
public sealed class Reference
{
    public Guid Id { get; set; }
    public string? Doi { get; set; }
    public string? Pmid { get; set; }
    public string Citation { get; set; } = "";
    /// <summary>The citation lower-cased with collapsed whitespace: the identity of a reference
    /// that has neither DOI nor PMID.</summary>
    public string CitationKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

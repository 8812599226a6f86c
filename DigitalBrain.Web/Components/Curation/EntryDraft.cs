namespace DigitalBrain.Web.Components.Curation;

/// <summary>What a curator has typed into an <c>EntryForm</c> and not saved yet, kept in the
/// browser tab's sessionStorage (encrypted by ProtectedSessionStorage) so that a dropped circuit, or
/// a reload that starts a new one, does not silently lose it.</summary>
public sealed record EntryDraft(
    bool IsRange, double? Value, double? Min, double? Max, double? Sd, double? Sem, int? N, Core.Curation.SetAs SetAs,
    string Doi, string Pmid, string Citation, string Species, string Method, string Notes, DateTimeOffset SavedAt)
{
    /// <summary>One draft per model, target, parameter, and new entry or edited entry.</summary>
    public static string Key(Guid modelId, Core.Curation.EstimateTarget target, string parameterKey, Guid? editing) =>
        $"entry-draft:{modelId:N}:{target.RegionId:N}:{target.PopulationId:N}:{target.ProjectionId:N}:{parameterKey}:{(editing is { } id ? id.ToString("N") : "new")}";

    public bool IsEmpty =>
        Value is null && Min is null && Max is null && Sd is null && Sem is null && N is null &&
        Doi.Length + Pmid.Length + Citation.Length + Species.Length + Method.Length + Notes.Length == 0;

    /// <summary>Same content, whenever saved.</summary>
    public bool SameAs(EntryDraft? other) => other is not null && this with { SavedAt = default } == other with { SavedAt = default };
}

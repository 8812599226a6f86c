namespace DigitalBrain.Core.Curation;

/// <summary>What a researcher submits for an entry (add or edit). Either <see cref="Value"/> or
/// both <see cref="Min"/> and <see cref="Max"/>. <see cref="Unit"/> may be left empty to mean the
/// parameter's unit; any other unit is refused, never converted.</summary>
public sealed record EntryInput
{
    public required string ParameterKey { get; init; }
    public string? Unit { get; init; }
    public double? Value { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Sd { get; init; }
    public double? Sem { get; init; }
    public int? N { get; init; }
    public string? Doi { get; init; }
    public string? Pmid { get; init; }
    public string? Citation { get; init; }
    public SetAs SetAs { get; init; } = SetAs.Fixed;
    public string Species { get; init; } = "";
    public string Method { get; init; } = "";
    public string Notes { get; init; } = "";
}

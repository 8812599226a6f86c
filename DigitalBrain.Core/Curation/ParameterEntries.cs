namespace DigitalBrain.Core.Curation;

/// <summary>Where one entry lies on its parameter's axis: what a plot of all entries needs.</summary>
public sealed record EntryPoint(Guid Id, double? Value, double? Min, double? Max, SetAs SetAs);

/// <summary>One parameter's entries of one target as a curation page shows them: the latest few
/// in full, every entry as a point (oldest first). A target may hold thousands under one parameter,
/// and each open page reloads them on every change.</summary>
public sealed record ParameterEntries(IReadOnlyList<EntryView> Latest, IReadOnlyList<EntryPoint> All);

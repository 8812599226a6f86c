using DigitalBrain.Core.Curation;

namespace DigitalBrain.Core.Import;

/// <summary>What to do with a row that repeats an entry (same author, target, parameter, reference and value).</summary>
public enum DuplicatePolicy
{
    /// <summary>Report it as an error (rule "duplicate"): the import is refused.</summary>
    Error = 0,
    /// <summary>Leave it out and import the rest.</summary>
    Skip = 1,
}

public sealed record ImportError(int Row, string Field, string Rule, string Message);

/// <summary>A row that would be (or was) created, in the parameter's own unit after conversion.</summary>
public sealed record ImportPlanRow(int Row, string Target, string ParameterKey, string Unit, double? Value, double? Min, double? Max,
    double? Sd, double? Sem, int? N, string Reference, SetAs SetAs, string? ConvertedFrom);

/// <summary>The outcome of a dry run or a commit. A commit writes all of <see cref="ToCreate"/> or,
/// when there is any error, nothing.</summary>
public sealed record EntryImportReport(
    int Rows, IReadOnlyList<ImportPlanRow> ToCreate, IReadOnlyList<int> SkippedDuplicateRows,
    IReadOnlyList<ImportError> Errors, bool Committed, IReadOnlyList<Guid> CreatedIds);

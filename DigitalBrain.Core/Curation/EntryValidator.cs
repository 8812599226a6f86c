using System.Globalization;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Validation;

namespace DigitalBrain.Core.Curation;

/// <summary>Checks an <see cref="EntryInput"/> against its parameter's definition. Field names are
/// those of the API's JSON; rule ids are stable so clients can react to them.</summary>
public static class EntryValidator
{
    public static List<ValidationError> Validate(EntryInput input, ParameterDefinition? definition, TargetKinds targetKind)
    {
        var errors = new List<ValidationError>();
        if (definition is null)
            errors.Add(new("parameterKey", "unknown-parameter", $"There is no parameter '{input.ParameterKey}' in the catalogue."));
        else if (!string.IsNullOrWhiteSpace(input.Unit) && !UnitsMatch(input.Unit, definition.Unit))
            errors.Add(new("unit", "unit", $"'{input.Unit}' is not the unit of {definition.Key}; enter the value in {definition.Unit}."));
        if (definition is not null && (definition.AppliesTo & targetKind) == 0)
            errors.Add(new("target", "target-kind", $"{definition.Key} does not apply to a {targetKind.ToString().ToLowerInvariant()}."));

        var numbers = new (string Field, double? Value)[] { ("value", input.Value), ("min", input.Min), ("max", input.Max), ("sd", input.Sd), ("sem", input.Sem) };
        foreach (var (field, value) in numbers)
        {
            if (value is { } v && !double.IsFinite(v))
                errors.Add(new(field, "finite", $"{field} must be a finite number (not NaN or infinity)."));
        }

        var isValue = input.Value.HasValue && !input.Min.HasValue && !input.Max.HasValue;
        var isRange = !input.Value.HasValue && input.Min.HasValue && input.Max.HasValue;
        if (!isValue && !isRange)
            errors.Add(new("value", "value-or-range", "Give either a value or both min and max."));
        if (input.Min is { } min && input.Max is { } max && double.IsFinite(min) && double.IsFinite(max) && min > max)
            errors.Add(new("min", "min-le-max", $"min ({Format(min)}) must not exceed max ({Format(max)})."));
        if (definition is not null)
            CheckAgainstDefinition(input, definition, isRange, errors);

        if (input.Sd is < 0)
            errors.Add(new("sd", "non-negative", "sd must be ≥ 0."));
        if (input.Sem is < 0)
            errors.Add(new("sem", "non-negative", "sem must be ≥ 0."));
        if (input.N is < 1)
            errors.Add(new("n", "positive", "n (sample size) must be ≥ 1."));
        if (!Enum.IsDefined(input.SetAs))
            errors.Add(new("setAs", "enum", "setAs must be fixed, range or excluded."));

        CheckReference(input, errors);
        MaxLength(errors, "species", input.Species, 100);
        MaxLength(errors, "method", input.Method, 300);
        MaxLength(errors, "notes", input.Notes, 20_000);
        return errors;
    }

    private static void CheckAgainstDefinition(EntryInput input, ParameterDefinition definition, bool isRange, List<ValidationError> errors)
    {
        if (definition.ValueKind == ValueKind.Range && !isRange)
            errors.Add(new("value", "range-required", $"{definition.Key} is entered as a range [min, max]."));
        foreach (var (field, value) in new[] { ("value", input.Value), ("min", input.Min), ("max", input.Max) })
        {
            if (value is not { } v || !double.IsFinite(v))
                continue;
            if (definition.ValueKind == ValueKind.Integer && v != Math.Floor(v))
                errors.Add(new(field, "integer", $"{definition.Name} must be a whole number (was {Format(v)})."));
            if (v < definition.MinValue && definition.BoundedByResolution)
                errors.Add(new(field, "resolution", $"{field} {Format(v)} {definition.Unit} is below the simulation resolution {Format(definition.MinValue)} {definition.Unit}."));
            else if (v < definition.MinValue || v > definition.MaxValue)
                errors.Add(new(field, "range", $"{field} must lie in [{Format(definition.MinValue)}, {Format(definition.MaxValue)}] {definition.Unit} (was {Format(v)})."));
        }
    }

    private static void CheckReference(EntryInput input, List<ValidationError> errors)
    {
        var hasDoi = !string.IsNullOrWhiteSpace(input.Doi);
        var hasPmid = !string.IsNullOrWhiteSpace(input.Pmid);
        if (!hasDoi && !hasPmid && string.IsNullOrWhiteSpace(input.Citation))
            errors.Add(new("reference", "required", "Cite a source: a DOI, a PMID or a citation."));
        if (hasDoi && ReferenceIdentity.NormaliseDoi(input.Doi!) is null)
            errors.Add(new("doi", "doi-format", $"'{input.Doi}' is not a DOI (expected 10.NNNN/suffix)."));
        if (hasPmid && ReferenceIdentity.NormalisePmid(input.Pmid!) is null)
            errors.Add(new("pmid", "pmid-format", $"'{input.Pmid}' is not a PubMed id (digits only)."));
        MaxLength(errors, "citation", input.Citation, 2000);
    }

    private static void MaxLength(List<ValidationError> errors, string field, string? text, int max)
    {
        if (text is not null && text.Length > max)
            errors.Add(new(field, "max-length", $"{field} is limited to {max} characters."));
    }

    /// <summary>"um" is accepted for "µm"; nothing else is converted.</summary>
    private static bool UnitsMatch(string given, string expected)
    {
        var unit = given.Trim();
        if (unit.StartsWith('u'))
            unit = "µ" + unit[1..];
        return string.Equals(unit, expected, StringComparison.Ordinal);
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

using System.Globalization;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Import;

/// <summary>A validated row, ready to write.</summary>
internal sealed record PlannedEntry(int Row, EstimateTarget Target, string TargetName, ParameterDefinition Parameter, EntryInput Input,
    string? Doi, string? Pmid, string ReferenceKey, string? ConvertedFrom);

/// <summary>Turns import records into entry inputs: resolves targets by name, converts units,
/// validates with <see cref="EntryValidator"/> and finds duplicates, reporting every problem with
/// its row, field and rule.</summary>
internal sealed class EntryImportPlanner
{
    private readonly Dictionary<string, ParameterDefinition> _catalogue;
    private readonly Dictionary<string, Guid> _populations;
    private readonly Dictionary<string, Guid> _regions;
    private readonly ILookup<(Guid, Guid), Guid> _projections;
    private readonly HashSet<string> _existing;

    private EntryImportPlanner(Dictionary<string, ParameterDefinition> catalogue, Dictionary<string, Guid> populations,
        Dictionary<string, Guid> regions, ILookup<(Guid, Guid), Guid> projections, HashSet<string> existing)
    {
        _catalogue = catalogue;
        _populations = populations;
        _regions = regions;
        _projections = projections;
        _existing = existing;
    }

    public static async Task<EntryImportPlanner> LoadAsync(AppDbContext db, string authorId, Guid modelId, CancellationToken ct)
    {
        var catalogue = await db.ParameterDefinitions.AsNoTracking().ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, ct);
        var populations = await db.Populations.AsNoTracking().Where(p => p.ModelId == modelId).ToDictionaryAsync(p => p.Name, p => p.Id, StringComparer.Ordinal, ct);
        var regions = await db.Regions.AsNoTracking().Where(r => r.ModelId == modelId).ToDictionaryAsync(r => r.Name, r => r.Id, StringComparer.Ordinal, ct);
        var projections = (await db.Projections.AsNoTracking().Where(p => p.ModelId == modelId)
            .Select(p => new { p.Id, p.SourcePopulationId, p.TargetPopulationId }).ToListAsync(ct))
            .ToLookup(p => (p.SourcePopulationId, p.TargetPopulationId), p => p.Id);
        var existing = (await db.Entries.AsNoTracking().Where(e => e.ModelId == modelId && e.AuthorId == authorId)
                .Select(e => new { e.RegionId, e.PopulationId, e.ProjectionId, e.ParameterDefinitionId, e.Reference!.Doi, e.Reference.Pmid, e.Reference.CitationKey, e.Value, e.Min, e.Max })
                .ToListAsync(ct))
            .Select(e => DuplicateKey(new EstimateTarget(e.RegionId, e.PopulationId, e.ProjectionId).Id, e.ParameterDefinitionId,
                ReferenceKey(e.Doi, e.Pmid, e.CitationKey), e.Value, e.Min, e.Max))
            .ToHashSet(StringComparer.Ordinal);
        return new EntryImportPlanner(catalogue, populations, regions, projections, existing);
    }

    public (List<PlannedEntry> Plan, List<ImportError> Errors, List<int> Skipped) Plan(IReadOnlyList<ImportRecord> records, DuplicatePolicy duplicates)
    {
        var plan = new List<PlannedEntry>(records.Count);
        var errors = new List<ImportError>();
        var skipped = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var rowErrors = new List<ValidationError>();
            var planned = PlanRow(record, rowErrors);
            if (planned is not null && rowErrors.Count == 0)
            {
                var key = DuplicateKey(planned.Target.Id, planned.Parameter.Id, planned.ReferenceKey, planned.Input.Value, planned.Input.Min, planned.Input.Max);
                if (_existing.Contains(key) || !seen.Add(key))
                {
                    if (duplicates == DuplicatePolicy.Skip)
                    {
                        skipped.Add(record.Row);
                        continue;
                    }
                    rowErrors.Add(new("row", "duplicate", "You already entered this value for this target and parameter from this reference."));
                }
            }
            if (rowErrors.Count > 0)
                errors.AddRange(rowErrors.Select(e => new ImportError(record.Row, e.Field, e.Rule, e.Message)));
            else
                plan.Add(planned!);
        }
        return (plan, errors, skipped);
    }

    private PlannedEntry? PlanRow(ImportRecord r, List<ValidationError> errors)
    {
        var target = ResolveTarget(r["target"], errors);
        var key = r["parameter"] ?? "";
        _catalogue.TryGetValue(key, out var parameter);
        var factor = 1.0;
        string? convertedFrom = null;
        if (parameter is not null && r["unit"] is { } unit && UnitConversion.Normalise(unit) != UnitConversion.Normalise(parameter.Unit))
        {
            if (UnitConversion.Factor(unit, parameter.Unit) is { } f)
            {
                factor = f;
                convertedFrom = unit;
            }
            else
                errors.Add(new("unit", "unit", $"'{unit}' cannot be converted to {parameter.Unit}, the unit of {parameter.Key}."));
        }
        var (doi, citation) = (r["doi"], r["citation"]);
        if (r["reference"] is { } reference && doi is null && citation is null)
        {
            if (ReferenceIdentity.NormaliseDoi(reference) is not null)
                doi = reference;
            else
                citation = reference;
        }
        var input = new EntryInput
        {
            ParameterKey = key,
            Value = UnitConversion.Convert(Number(r, "value", errors), factor),
            Min = UnitConversion.Convert(Number(r, "min", errors), factor),
            Max = UnitConversion.Convert(Number(r, "max", errors), factor),
            Sd = UnitConversion.Convert(Number(r, "sd", errors), factor),
            Sem = UnitConversion.Convert(Number(r, "sem", errors), factor),
            N = Integer(r, "n", errors),
            Doi = doi, Pmid = r["pmid"], Citation = citation,
            SetAs = ParseSetAs(r["setas"], errors),
            Species = r["species"] ?? "", Method = r["method"] ?? "", Notes = r.Cells.GetValueOrDefault("notes")?.Trim() ?? "",
        };
        errors.AddRange(EntryValidator.Validate(input, parameter, target?.Target.Kind ?? TargetKinds.None)
            .Where(e => !(target is null && e.Rule == "target-kind")));
        if (target is null || parameter is null || errors.Count > 0)
            return null;
        var normalisedDoi = ReferenceService.Normalise(doi, ReferenceIdentity.NormaliseDoi);
        var normalisedPmid = ReferenceService.Normalise(input.Pmid, ReferenceIdentity.NormalisePmid);
        return new PlannedEntry(r.Row, target.Value.Target, target.Value.Name, parameter, input, normalisedDoi, normalisedPmid,
            ReferenceKey(normalisedDoi, normalisedPmid, ReferenceIdentity.CitationKey(citation ?? "")), convertedFrom);
    }

    /// <summary>A population name, "SOURCE->TARGET" for a projection, or "region:NAME".</summary>
    private (EstimateTarget Target, string Name)? ResolveTarget(string? text, List<ValidationError> errors)
    {
        if (text is null)
        {
            errors.Add(new("target", "required", "Name the target: a population, SOURCE->TARGET for a projection, or region:NAME."));
            return null;
        }
        if (text.StartsWith("region:", StringComparison.OrdinalIgnoreCase))
        {
            if (_regions.TryGetValue(text[7..].Trim(), out var region))
                return (EstimateTarget.ForRegion(region), text);
        }
        else if (text.Split(["->", "→"], StringSplitOptions.TrimEntries) is [var source, var target])
        {
            if (_populations.TryGetValue(source, out var s) && _populations.TryGetValue(target, out var t))
            {
                var matches = _projections[(s, t)].ToList();
                if (matches.Count == 1)
                    return (EstimateTarget.ForProjection(matches[0]), text);
                if (matches.Count > 1)
                {
                    errors.Add(new("target", "ambiguous", $"There are {matches.Count} projections {text} (one per receptor); enter these in the app."));
                    return null;
                }
            }
        }
        else if (_populations.TryGetValue(text, out var population))
            return (EstimateTarget.ForPopulation(population), text);
        errors.Add(new("target", "not-in-model", $"'{text}' is not a population, projection (SOURCE->TARGET) or region:NAME of this model."));
        return null;
    }

    private static double? Number(ImportRecord r, string field, List<ValidationError> errors)
    {
        if (r[field] is not { } text)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            return v;
        errors.Add(new(field, "number", $"{field} must be a number (was '{text}')."));
        return null;
    }

    private static int? Integer(ImportRecord r, string field, List<ValidationError> errors)
    {
        if (Number(r, field, errors) is not { } v)
            return null;
        if (!double.IsFinite(v) || v != Math.Floor(v) || v is < int.MinValue or > int.MaxValue)
        {
            errors.Add(new(field, "integer", $"{field} must be a whole number."));
            return null;
        }
        return (int)v;
    }

    private static SetAs ParseSetAs(string? text, List<ValidationError> errors)
    {
        if (text is null)
            return SetAs.Fixed;
        if (Enum.TryParse<SetAs>(text, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsDigit(text[0]))
            return s;
        errors.Add(new("setAs", "enum", "set_as must be fixed, range or excluded."));
        return SetAs.Fixed;
    }

    private static string ReferenceKey(string? doi, string? pmid, string citationKey) =>
        doi is not null ? "doi:" + doi : pmid is not null ? "pmid:" + pmid : "cite:" + citationKey;

    private static string DuplicateKey(Guid target, int parameter, string reference, double? value, double? min, double? max) =>
        string.Create(CultureInfo.InvariantCulture, $"{target}|{parameter}|{reference}|{value:R}|{min:R}|{max:R}");
}

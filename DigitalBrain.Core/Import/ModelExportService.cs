using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;

namespace DigitalBrain.Core.Import;

/// <summary>An entry in an export, with its target named as the importer reads it.</summary>
public sealed record ExportedEntry(string Target, EntryView Entry);

public sealed record ExportedEstimate(string Target, EstimateView Estimate);

public sealed record ModelExport(Guid ModelId, string ModelName, DateTimeOffset ExportedAt, IReadOnlyList<ExportedEntry> Entries, IReadOnlyList<ExportedEstimate> Estimates);

/// <summary>All entries and estimates of a model (viewers and above), as JSON-ready records or as
/// CSV with formula-injection protection. The entry CSV has the importer's columns, so an export
/// re-imports as it is (into another model with the same structure, say).</summary>
public sealed class ModelExportService(BrainModelService models, StructureService structure, EntryService entries, EstimateService estimates)
{
    public static readonly string[] EntryColumns =
        ["target", "parameter", "value", "min", "max", "unit", "sd", "sem", "n", "doi", "pmid", "citation", "set_as", "species", "method", "notes",
         "author", "review_state", "created_at", "id"];

    public static readonly string[] EstimateColumns =
        ["target", "parameter", "unit", "method", "value", "effective_value", "pinned_value", "pin_reason", "range_min", "range_max",
         "ci_low", "ci_high", "sd", "min", "max", "entries", "references", "outlier_entry_ids", "note", "computed_at"];

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<ModelExport> ExportAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        var model = await models.GetAsync(actor, modelId, ct);
        var names = TargetNames(await structure.GetAsync(actor, modelId, ct));
        var entryList = await entries.ListAsync(actor, modelId, ct: ct);
        var estimateList = await estimates.ListForModelAsync(actor, modelId, ct);
        return new ModelExport(modelId, model.Name, DateTimeOffset.UtcNow,
            entryList.Select(e => new ExportedEntry(names.GetValueOrDefault(e.Target.Id, e.Target.Id.ToString()), e)).ToList(),
            estimateList.Select(e => new ExportedEstimate(names.GetValueOrDefault(e.Target.Id, e.Target.Id.ToString()), e)).ToList());
    }

    public static string EntriesCsv(ModelExport export)
    {
        var csv = new StringBuilder(Csv.Line(EntryColumns.Select(c => ((string?)c, true)))).Append("\r\n");
        foreach (var (target, e) in export.Entries)
            csv.Append(Csv.Line(EntryCells(target, e).Select(CsvCell))).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>The entries as a JSON array of flat objects with the CSV's columns: the importer
    /// reads it back as it is (unlike <see cref="ModelExport"/>'s nested entries).</summary>
    public static string EntriesJson(ModelExport export) =>
        JsonSerializer.Serialize(export.Entries.Select(x => EntryColumns.Zip(EntryCells(x.Target, x.Entry))
            .ToDictionary(c => c.First, c => c.Second, StringComparer.Ordinal)), FileJson);

    /// <summary>One entry's cells in the order of <see cref="EntryColumns"/>: numbers as numbers, the rest as text.</summary>
    private static object?[] EntryCells(string target, EntryView e) =>
    [
        target, e.ParameterKey, e.Value, e.Min, e.Max, e.Unit, e.Sd, e.Sem, e.N, e.Reference.Doi, e.Reference.Pmid,
        e.Reference.Doi is null && e.Reference.Pmid is null ? e.Reference.Citation : "",
        e.SetAs.ToString().ToLowerInvariant(), e.Species, e.Method, e.Notes, e.AuthorName,
        e.ReviewState.ToString().ToLowerInvariant(), e.CreatedAt.ToString("O", CultureInfo.InvariantCulture), e.Id.ToString(),
    ];

    /// <summary>Numbers this app formatted cannot hold a formula ("-70" must stay a number); text can.</summary>
    private static (string?, bool) CsvCell(object? value) => value switch
    {
        double d => Num(d),
        int i => (i.ToString(CultureInfo.InvariantCulture), false),
        _ => Text((string?)value),
    };

    public static string EstimatesCsv(ModelExport export)
    {
        var csv = new StringBuilder(Csv.Line(EstimateColumns.Select(c => ((string?)c, true)))).Append("\r\n");
        foreach (var (target, e) in export.Estimates)
        {
            csv.Append(Csv.Line([
                Text(target), Text(e.ParameterKey), Text(e.Unit), Text(e.Method.ToString()), Num(e.Value), Num(e.EffectiveValue), Num(e.PinnedValue),
                Text(e.PinReason), Num(e.RangeMin), Num(e.RangeMax), Num(e.CiLow), Num(e.CiHigh), Num(e.Sd), Num(e.Min), Num(e.Max),
                (e.EntryCount.ToString(CultureInfo.InvariantCulture), false), (e.ReferenceCount.ToString(CultureInfo.InvariantCulture), false),
                Text(string.Join(' ', e.OutlierEntryIds)), Text(e.Note), Text(e.ComputedAt.ToString("O", CultureInfo.InvariantCulture)),
            ])).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Population name, "SOURCE->TARGET", or "region:NAME": what the importer resolves.</summary>
    private static Dictionary<Guid, string> TargetNames(StructureView s)
    {
        var names = s.Populations.ToDictionary(p => p.Id, p => p.Name);
        foreach (var r in s.Regions)
            names[r.Id] = "region:" + r.Name;
        foreach (var p in s.Projections)
            names[p.Id] = $"{names[p.SourcePopulationId]}->{names[p.TargetPopulationId]}";
        return names;
    }

    private static (string?, bool) Text(string? text) => (text, true);

    private static (string?, bool) Num(double? value) => (value?.ToString("R", CultureInfo.InvariantCulture), false);
}

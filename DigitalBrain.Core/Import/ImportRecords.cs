using System.Text.Json;
using DigitalBrain.Core.Validation;

namespace DigitalBrain.Core.Import;

/// <summary>One record of an import file: its row number (CSV: as a spreadsheet numbers it, the
/// header being row 1; JSON: position in the array from 1) and its cells by normalised column name.</summary>
public sealed record ImportRecord(int Row, IReadOnlyDictionary<string, string> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>Reads entry files. Column names are matched ignoring case, spaces, '_' and '-'
/// (<c>set_as</c> = <c>setAs</c>); unknown columns are ignored, so an export imports as it is.</summary>
public static class ImportRecords
{
    public static string ColumnKey(string name) =>
        new string(name.Where(c => c is not ('_' or ' ' or '-')).ToArray()).ToLowerInvariant() switch
        {
            "parameterkey" or "param" => "parameter",
            var k => k,
        };

    public static IReadOnlyList<ImportRecord> FromCsv(string text)
    {
        var lines = Csv.Parse(text);
        if (lines.Count == 0)
            throw new ValidationException([new("file", "empty", "The file has no header row.")]);
        var header = lines[0].Select(ColumnKey).ToArray();
        var records = new List<ImportRecord>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].All(string.IsNullOrWhiteSpace))
                continue;
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length && c < lines[i].Length; c++)
                cells[header[c]] = Csv.Unprotect(lines[i][c]);
            records.Add(new ImportRecord(i + 1, cells));
        }
        return records;
    }

    public static IReadOnlyList<ImportRecord> FromJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ValidationException([new("file", "json", $"Not valid JSON: {ex.Message}")]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("entries", out var inner))
                root = inner;
            if (root.ValueKind != JsonValueKind.Array)
                throw new ValidationException([new("file", "json", "A JSON import is an array of entry objects (or {\"entries\": [...]}).")]);
            var records = new List<ImportRecord>();
            var row = 0;
            foreach (var item in root.EnumerateArray())
            {
                row++;
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                if (item.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in item.EnumerateObject())
                    {
                        if (p.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
                            continue;
                        cells[ColumnKey(p.Name)] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    }
                }
                records.Add(new ImportRecord(row, cells));
            }
            return records;
        }
    }
}

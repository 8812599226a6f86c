using System.Globalization;
using DigitalBrain.Core.Import;
using Microsoft.AspNetCore.Components.Forms;

namespace DigitalBrain.Web.Components.Import;

/// <summary>Reading uploaded import files, and the words and numbers the import page shows.</summary>
public static class ImportFiles
{
    /// <summary>10 MB: some 130,000 entry rows of CSV; the file crosses the circuit in chunks.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public static async Task<IReadOnlyList<ImportRecord>> ReadEntriesAsync(IBrowserFile file, CancellationToken ct = default)
    {
        var text = await ReadTextAsync(file, ct);
        return IsJson(file.Name, text) ? ImportRecords.FromJson(text) : ImportRecords.FromCsv(text);
    }

    public static async Task<string> ReadTextAsync(IBrowserFile file, CancellationToken ct = default)
    {
        await using var stream = file.OpenReadStream(MaxBytes, ct);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>By the extension; a file without a telling one is JSON when it starts like JSON.</summary>
    public static bool IsJson(string fileName, string text) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".json" => true,
            ".csv" => false,
            _ => text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n') is ['[' or '{', ..],
        };

    public static string N(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(int count, string one, string many) => $"{N(count)} {(count == 1 ? one : many)}";

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Value(ImportPlanRow r) =>
        (r.Value is { } v ? Number(v) : $"{Number(r.Min)} – {Number(r.Max)}") + " " + r.Unit;

    public static string Spread(ImportPlanRow r) =>
        string.Join(" / ", new[] { Number(r.Sd), Number(r.Sem), r.N?.ToString(CultureInfo.InvariantCulture) ?? "—" });

    public static string Summary(EntryImportReport r, TimeSpan took)
    {
        var skipped = r.SkippedDuplicateRows.Count > 0 ? $" {Count(r.SkippedDuplicateRows.Count, "duplicate row", "duplicate rows")} skipped." : "";
        if (r.Committed)
            return $"Imported {Count(r.CreatedIds.Count, "entry", "entries")} from {N(r.Rows)} rows in {Seconds(took)}.{skipped}";
        if (r.Errors.Count > 0)
        {
            return $"{N(r.Rows)} rows checked in {Seconds(took)}: {Count(r.Errors.Count, "error", "errors")} in {Count(r.Errors.Select(e => e.Row).Distinct().Count(), "row", "rows")}. "
                   + $"Nothing was imported; fix the rows below and run again.{skipped}";
        }
        if (r.ToCreate.Count == 0)
            return $"{N(r.Rows)} rows checked in {Seconds(took)}: nothing to import.{skipped}";
        return $"Dry run: {N(r.Rows)} rows checked in {Seconds(took)}, no errors; {Count(r.ToCreate.Count, "entry", "entries")} would be created.{skipped} Press Import to write them.";
    }

    private static string Number(double? v) => v?.ToString("G6", CultureInfo.InvariantCulture) ?? "—";
}

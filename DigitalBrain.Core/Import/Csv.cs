using System.Text;

namespace DigitalBrain.Core.Import;

/// <summary>RFC 4180 CSV: comma-separated, fields optionally in double quotes (quotes doubled
/// inside, line breaks allowed), CRLF or LF line ends.</summary>
public static class Csv
{
    /// <summary>Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Records of the text; a trailing empty line is not a record.</summary>
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"' && field.Length == 0)
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
                field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }

    /// <summary>One CSV line (without line end). Text cells that a spreadsheet would run as a
    /// formula get a leading apostrophe; <paramref name="protect"/> is false only for numbers this
    /// app formatted itself, which cannot hold a formula ("-70" must stay a number).</summary>
    public static string Line(IEnumerable<(string? Text, bool Protect)> cells) =>
        string.Join(',', cells.Select(c => Escape(c.Protect ? Protect(c.Text ?? "") : c.Text ?? "")));

    public static string Protect(string cell) =>
        cell.Length > 0 && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;

    /// <summary>Undoes <see cref="Protect"/> on import, so an exported file imports unchanged.</summary>
    public static string Unprotect(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1]) ? cell[1..] : cell;

    private static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}

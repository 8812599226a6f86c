using System.Text;
using System.Text.RegularExpressions;

namespace DigitalBrain.Core.Import;

/// <summary>One record of a BibTeX or RIS file: position from 1, and what identifies the source.</summary>
public sealed record BibRecord(int Index, string? Key, string? Doi, string? Pmid, string Citation);

/// <summary>Minimal BibTeX and RIS readers: enough for what reference managers export (DOI, PMID,
/// authors, year, title, journal, volume, pages); the citation text is built from those.</summary>
public static partial class Bibliography
{
    [GeneratedRegex(@"@(\w+)\s*[{(]", RegexOptions.CultureInvariant)]
    private static partial Regex BibEntryStart();

    [GeneratedRegex(@"^([A-Z][A-Z0-9])\s{1,2}-\s?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex RisLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static List<BibRecord> ParseBibTex(string text)
    {
        var records = new List<BibRecord>();
        var index = 0;
        foreach (Match m in BibEntryStart().Matches(text))
        {
            var type = m.Groups[1].Value.ToLowerInvariant();
            if (type is "comment" or "string" or "preamble")
                continue;
            var body = Balanced(text, m.Index + m.Length - 1);
            var comma = body.IndexOf(',', StringComparison.Ordinal);
            var key = comma < 0 ? body.Trim() : body[..comma].Trim();
            var fields = comma < 0 ? [] : BibFields(body[(comma + 1)..]);
            records.Add(Build(++index, key, fields));
        }
        return records;
    }

    public static List<BibRecord> ParseRis(string text)
    {
        var records = new List<BibRecord>();
        Dictionary<string, List<string>>? fields = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart('\uFEFF');
            var m = RisLine().Match(line);
            if (!m.Success)
                continue;
            var (tag, value) = (m.Groups[1].Value, m.Groups[2].Value.Trim());
            if (tag == "TY")
                fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            else if (tag == "ER")
            {
                if (fields is not null)
                    records.Add(FromRis(records.Count + 1, fields));
                fields = null;
            }
            else if (fields is not null && value.Length > 0)
            {
                if (!fields.TryGetValue(tag, out var list))
                    fields[tag] = list = [];
                list.Add(value);
            }
        }
        return records;
    }

    private static BibRecord FromRis(int index, Dictionary<string, List<string>> f)
    {
        string? First(params string[] tags) => tags.Select(t => f.GetValueOrDefault(t)?.FirstOrDefault()).FirstOrDefault(v => v is not null);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var authors = f.GetValueOrDefault("AU") ?? f.GetValueOrDefault("A1");
        if (authors is not null)
            fields["author"] = string.Join(" and ", authors);
        void Set(string name, string? value)
        {
            if (value is not null)
                fields[name] = value;
        }
        Set("title", First("TI", "T1"));
        Set("journal", First("JO", "JF", "T2", "JA"));
        Set("year", First("PY", "Y1", "DA") is { Length: >= 4 } y ? y[..4] : null);
        Set("volume", First("VL"));
        var (sp, ep) = (First("SP"), First("EP"));
        Set("pages", sp is null ? null : ep is null ? sp : $"{sp}-{ep}");
        Set("doi", First("DO") ?? f.GetValueOrDefault("UR")?.FirstOrDefault(u => u.Contains("doi.org/", StringComparison.OrdinalIgnoreCase)));
        Set("pmid", First("AN") is { } an && an.All(char.IsAsciiDigit) ? an : null);
        return Build(index, First("ID"), fields);
    }

    private static BibRecord Build(int index, string? key, Dictionary<string, string> f)
    {
        var doi = f.GetValueOrDefault("doi") ?? (f.GetValueOrDefault("url") is { } url && url.Contains("doi.org/", StringComparison.OrdinalIgnoreCase) ? url : null);
        var authors = f.GetValueOrDefault("author") is { } a
            ? string.Join("; ", a.Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : null;
        var citation = new StringBuilder();
        if (authors is not null)
            citation.Append(authors).Append(' ');
        if (f.GetValueOrDefault("year") is { } year)
            citation.Append('(').Append(year).Append("). ");
        if (f.GetValueOrDefault("title") is { } title)
            citation.Append(title.TrimEnd('.')).Append(". ");
        if ((f.GetValueOrDefault("journal") ?? f.GetValueOrDefault("booktitle")) is { } journal)
        {
            citation.Append(journal);
            if (f.GetValueOrDefault("volume") is { } volume)
                citation.Append(' ').Append(volume);
            if (f.GetValueOrDefault("pages") is { } pages)
                citation.Append(", ").Append(pages.Replace("--", "–", StringComparison.Ordinal));
            citation.Append('.');
        }
        return new BibRecord(index, key, doi?.Trim(), f.GetValueOrDefault("pmid")?.Trim(), Whitespace().Replace(citation.ToString(), " ").Trim());
    }

    /// <summary>The text inside the bracket at <paramref name="open"/>, up to its matching close.</summary>
    private static string Balanced(string text, int open)
    {
        var close = text[open] == '(' ? ')' : '}';
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == text[open] || (text[i] == '{' && close == ')'))
                depth++;
            else if (text[i] == close || (text[i] == '}' && close == ')'))
            {
                if (--depth == 0)
                    return text[(open + 1)..i];
            }
        }
        return text[(open + 1)..];
    }

    private static Dictionary<string, string> BibFields(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < body.Length)
        {
            var eq = body.IndexOf('=', i);
            if (eq < 0)
                break;
            var name = body[i..eq].Trim().TrimStart(',').Trim().ToLowerInvariant();
            var j = eq + 1;
            while (j < body.Length && char.IsWhiteSpace(body[j]))
                j++;
            string value;
            if (j < body.Length && body[j] == '{')
            {
                value = Balanced(body, j);
                j += value.Length + 2;
            }
            else if (j < body.Length && body[j] == '"')
            {
                var end = body.IndexOf('"', j + 1);
                end = end < 0 ? body.Length : end;
                value = body[(j + 1)..end];
                j = end + 1;
            }
            else
            {
                var end = body.IndexOf(',', j);
                end = end < 0 ? body.Length : end;
                value = body[j..end];
                j = end;
            }
            if (name.Length > 0)
                fields[name] = Whitespace().Replace(value.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), " ").Trim();
            var next = body.IndexOf(',', Math.Min(j, body.Length));
            if (next < 0)
                break;
            i = next + 1;
        }
        return fields;
    }
}

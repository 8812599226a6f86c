using System.Globalization;
using System.Text;

namespace DigitalBrain.Simulation.Export;

/// <summary>Culture-invariant Python literals and comments for the script exporters.</summary>
internal static class PythonSyntax
{
    /// <summary>A float literal that reads back to the same double ("R" round-trip digits) and is
    /// always a float in Python (<c>250.0</c>, not <c>250</c>: NEST rejects ints for doubles).</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "math.nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "math.inf" : "-math.inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A double-quoted string literal; non-ASCII characters are escaped so the script is
    /// plain ASCII whatever the names contain.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A list literal of floats.</summary>
    public static string FloatList(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Float)) + "]";

    public static string IntList(IEnumerable<int> values) => "[" + string.Join(", ", values.Select(v => Int(v))) + "]";

    /// <summary>Writes <paramref name="text"/> as comment lines (every line of a multi-line text is
    /// commented, so no text can escape into code).</summary>
    public static void Comment(StringBuilder script, string indent, string text)
    {
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            script.Append(indent).Append("# ").Append(line.TrimEnd()).Append('\n');
        }
    }
}

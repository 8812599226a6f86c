using System.Globalization;
using DigitalBrain.Core.Curation;

namespace DigitalBrain.Web.Components.Curation;

/// <summary>Culture-invariant display of values: the same text for every visitor and in tests.</summary>
public static class Numbers
{
    public static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Format(double? value) => value is { } v ? Format(v) : "—";

    /// <summary>"12.5" for a value, "[10, 15]" for a range.</summary>
    public static string ValueOf(EntryView e) => e.Value is { } v ? Format(v) : $"[{Format(e.Min)}, {Format(e.Max)}]";

    public static string WithUnit(string number, string unit) => unit is "" or "1" ? number : $"{number} {unit}";
}

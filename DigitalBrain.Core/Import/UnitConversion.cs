using System.Globalization;

namespace DigitalBrain.Core.Import;

/// <summary>Converts between the common units of one dimension (nS↔µS, mV↔V, ms↔s, pA↔nA, Hz↔kHz,
/// pF↔nF, µm↔mm, %↔1). Linear factors only; results are rounded to 12 significant digits so that
/// 0.07 V becomes exactly 70 mV rather than 70.00000000000001.</summary>
public static class UnitConversion
{
    private static readonly Dictionary<string, (string Dimension, double Factor)> Units = new(StringComparer.Ordinal)
    {
        ["V"] = ("voltage", 1), ["mV"] = ("voltage", 1e-3), ["µV"] = ("voltage", 1e-6),
        ["s"] = ("time", 1), ["ms"] = ("time", 1e-3), ["µs"] = ("time", 1e-6), ["min"] = ("time", 60),
        ["A"] = ("current", 1), ["mA"] = ("current", 1e-3), ["µA"] = ("current", 1e-6), ["nA"] = ("current", 1e-9), ["pA"] = ("current", 1e-12),
        ["S"] = ("conductance", 1), ["mS"] = ("conductance", 1e-3), ["µS"] = ("conductance", 1e-6), ["nS"] = ("conductance", 1e-9), ["pS"] = ("conductance", 1e-12),
        ["Hz"] = ("frequency", 1), ["kHz"] = ("frequency", 1e3), ["1/s"] = ("frequency", 1), ["spikes/s"] = ("frequency", 1),
        ["F"] = ("capacitance", 1), ["µF"] = ("capacitance", 1e-6), ["nF"] = ("capacitance", 1e-9), ["pF"] = ("capacitance", 1e-12),
        ["m"] = ("length", 1), ["mm"] = ("length", 1e-3), ["µm"] = ("length", 1e-6), ["nm"] = ("length", 1e-9),
        ["1"] = ("ratio", 1), ["%"] = ("ratio", 0.01),
    };

    /// <summary>"u" and Greek mu (U+03BC) are read as the micro sign (U+00B5) the catalogue uses.</summary>
    public static string Normalise(string unit)
    {
        var u = unit.Trim().Replace('\u03BC', '\u00B5');
        return u.Length > 1 && u[0] == 'u' ? "\u00B5" + u[1..] : u;
    }

    /// <summary>The factor that turns a number in <paramref name="from"/> into one in
    /// <paramref name="to"/>, or null when the units are unknown or of different dimensions.</summary>
    public static double? Factor(string from, string to)
    {
        var (f, t) = (Normalise(from), Normalise(to));
        if (f == t)
            return 1;
        if (!Units.TryGetValue(f, out var a) || !Units.TryGetValue(t, out var b) || a.Dimension != b.Dimension)
            return null;
        return a.Factor / b.Factor;
    }

    public static double? Convert(double? value, double factor) =>
        value is { } v && double.IsFinite(v) && factor != 1
            ? double.Parse((v * factor).ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value;
}

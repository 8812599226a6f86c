using System.Globalization;
using System.Text.Json;
using DigitalBrain.Core.Validation;

namespace DigitalBrain.Core.Curation;

/// <summary>
/// Reads an <see cref="EntryInput"/> from JSON so that hostile numbers reach the validator instead
/// of failing inside the serializer: the strings "NaN"/"Infinity" and out-of-range literals such as
/// 1e400 become NaN/±∞, which <see cref="EntryValidator"/> then rejects naming the field.
/// </summary>
public static class EntryInputJson
{
    public static EntryInput Parse(string json)
    {
        using var document = ParseDocument(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new ValidationException([new("$", "json", "An entry is a JSON object.")]);
        var errors = new List<ValidationError>();
        var input = new EntryInput
        {
            ParameterKey = Text(root, "parameterKey") ?? "",
            Unit = Text(root, "unit"),
            Value = Number(root, "value", errors),
            Min = Number(root, "min", errors),
            Max = Number(root, "max", errors),
            Sd = Number(root, "sd", errors),
            Sem = Number(root, "sem", errors),
            N = Integer(root, "n", errors),
            Doi = Text(root, "doi"),
            Pmid = Text(root, "pmid"),
            Citation = Text(root, "citation"),
            SetAs = Text(root, "setAs") is { } setAs ? (Enum.TryParse<SetAs>(setAs, true, out var s) ? s : 0) : SetAs.Fixed,
            Species = Text(root, "species") ?? "",
            Method = Text(root, "method") ?? "",
            Notes = Text(root, "notes") ?? "",
        };
        ValidationException.ThrowIfAny(errors);
        return input;
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ValidationException([new("$", "json", $"Not valid JSON: {ex.Message}")]);
        }
    }

    private static bool TryGet(JsonElement root, string name, out JsonElement value)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string? Text(JsonElement root, string name) =>
        TryGet(root, name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    private static double? Number(JsonElement root, string name, List<ValidationError> errors)
    {
        if (!TryGet(root, name, out var v))
            return null;
        // double.Parse follows IEEE 754: 1e400 overflows to +∞ rather than failing, and
        // "NaN"/"Infinity" parse as themselves; the validator rejects all three by field.
        var text = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        errors.Add(new(name, "number", $"{name} must be a number (was {v.GetRawText()})."));
        return null;
    }

    private static int? Integer(JsonElement root, string name, List<ValidationError> errors)
    {
        if (Number(root, name, errors) is not { } n)
            return null;
        if (!double.IsFinite(n) || n != Math.Floor(n) || n < int.MinValue || n > int.MaxValue)
        {
            errors.Add(new(name, "integer", $"{name} must be a whole number."));
            return null;
        }
        return (int)n;
    }
}

using System.Collections;
using System.Reflection;

namespace DigitalBrain.Tests.Export;

/// <summary>Member-by-member comparison of spec records: records compare lists by reference, so
/// <c>==</c> on two deserialised specs is false even when every value is the same.</summary>
internal static class DeepEquality
{
    /// <summary>Null when equal, else the path of the first difference and both values.</summary>
    public static string? FirstDifference(object? expected, object? actual, string path = "spec")
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: {expected ?? "null"} vs {actual ?? "null"}";
        }

        // Lists compare by items whatever their concrete type (an array in, a List<T> back).
        if (expected is IEnumerable and not string && actual is IEnumerable and not string)
        {
            return FirstListDifference((IEnumerable)expected, (IEnumerable)actual, path);
        }

        if (expected.GetType() != actual.GetType())
        {
            return $"{path}: type {expected.GetType().Name} vs {actual.GetType().Name}";
        }

        switch (expected)
        {
            case double d:
                // Bitwise: a round trip must keep every double exactly, including -0.0.
                return BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual) ? null : $"{path}: {d:R} vs {actual:R}";
            case string or bool or int or long or ulong or Enum:
                return expected.Equals(actual) ? null : $"{path}: {expected} vs {actual}";
        }

        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            if (FirstDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? FirstListDifference(IEnumerable expected, IEnumerable actual, string path)
    {
        var left = expected.Cast<object?>().ToList();
        var right = actual.Cast<object?>().ToList();
        if (left.Count != right.Count)
        {
            return $"{path}: {left.Count} items vs {right.Count}";
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (FirstDifference(left[i], right[i], $"{path}[{i}]") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }
}

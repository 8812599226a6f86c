namespace DigitalBrain.Core.Validation;

/// <summary>One broken rule: the input field (as the API names it), a short rule id, and a sentence for people.</summary>
public sealed record ValidationError(string Field, string Rule, string Message);

/// <summary>Input broke one or more rules; nothing was written.</summary>
public sealed class ValidationException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public static void ThrowIfAny(List<ValidationError> errors)
    {
        if (errors.Count > 0)
            throw new ValidationException(errors);
    }
}

using DigitalBrain.Core.Validation;

namespace DigitalBrain.Web.Components.Curation;

/// <summary>Validation messages keyed by the field the service names, so each input shows its own.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    public void Clear() => _errors.Clear();

    public void Set(ValidationException ex)
    {
        _errors.Clear();
        foreach (var error in ex.Errors)
            _errors[error.Field] = _errors.TryGetValue(error.Field, out var earlier) ? earlier + " " + error.Message : error.Message;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? For(string field) => _errors.GetValueOrDefault(field);

    /// <summary>Messages for fields the form has no input for (shown above the buttons).</summary>
    public IEnumerable<string> Except(params string[] fields) =>
        _errors.Where(e => !fields.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).Select(e => e.Value);
}

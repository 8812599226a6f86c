namespace DigitalBrain.Core.Curation;

/// <summary>One page of a long list and how many items the whole list holds.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, int Total);

namespace DigitalBrain.Core.Versions;

/// <summary>The model cannot be compiled yet: every parameter the simulation needs and that has no
/// collective estimate is listed, as "population L23E: tau_m".</summary>
public sealed class CompilationException(IReadOnlyList<string> missing)
    : Exception($"The model cannot be simulated yet; {missing.Count} value(s) have no estimate: {string.Join("; ", missing.Take(20))}{(missing.Count > 20 ? "; …" : "")}")
{
    public IReadOnlyList<string> Missing { get; } = missing;
}

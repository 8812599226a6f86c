using System.Collections.Concurrent;
using System.Globalization;

namespace DigitalBrain.Load;

/// <summary>Latencies of entry writes, conflicts, errors, and the verification's findings.</summary>
public sealed class LoadStats
{
    private readonly ConcurrentBag<double> _writeMs = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private int _conflicts;

    public TimeSpan Elapsed { get; set; }
    public int Users { get; init; }
    public int Adds { get; set; }
    public int Edits { get; set; }
    public int Entries { get; set; }
    public int Estimates { get; set; }
    public List<string> Mismatches { get; } = [];
    public string? Browsers { get; set; }

    public int Conflicts => _conflicts;
    public IReadOnlyCollection<string> Errors => _errors;
    public bool Ok => _errors.IsEmpty && Mismatches.Count == 0 && !_writeMs.IsEmpty;

    public void Write(double ms) => _writeMs.Add(ms);
    public void Conflict() => Interlocked.Increment(ref _conflicts);
    public void Error(string what) => _errors.Enqueue(what);

    public double Percentile(double p)
    {
        var sorted = _writeMs.OrderBy(x => x).ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        // Nearest rank.
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        var writes = _writeMs.Count;
        var lines = new List<string>
        {
            string.Format(c, "users {0}, {1:0.0} s: {2} entry writes ({3} adds, {4} edits, {5} conflicts retried) = {6:0.0} writes/s",
                Users, Elapsed.TotalSeconds, writes, Adds, Edits, Conflicts, writes / Math.Max(Elapsed.TotalSeconds, 1e-9)),
            string.Format(c, "entry write latency ms: p50 {0:0.0}, p95 {1:0.0}, p99 {2:0.0}, max {3:0.0}", Percentile(50), Percentile(95), Percentile(99), Percentile(100)),
            string.Format(c, "verified: {0} entries equal what was last acknowledged, {1} estimates equal a recomputation from scratch", Entries, Estimates),
            string.Format(c, "errors {0}, mismatches {1}: {2}", _errors.Count, Mismatches.Count, Ok ? "OK" : "FAILED"),
        };
        if (Browsers is not null)
            lines.Add(Browsers);
        lines.AddRange(_errors.Take(10).Select(e => "  error: " + e));
        lines.AddRange(Mismatches.Take(10).Select(m => "  mismatch: " + m));
        return string.Join(Environment.NewLine, lines);
    }
}

using System.Collections.Concurrent;
using System.Globalization;

namespace DigitalBrain.Load;

/// <summary>Milliseconds of one kind gathered from many sessions at once, summarised by nearest-rank percentiles.</summary>
public sealed class Timings
{
    private readonly ConcurrentBag<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    public double Percentile(double p)
    {
        var sorted = _ms.OrderBy(x => x).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "p50 {0:0} ms, p95 {1:0} ms, max {2:0} ms (n {3})", Percentile(50), Percentile(95), Percentile(100), Count);
}

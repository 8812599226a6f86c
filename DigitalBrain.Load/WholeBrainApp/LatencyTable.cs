using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DigitalBrain.Load.WholeBrainApp;

/// <summary>Latencies by (phase of the run, probe), in milliseconds, and every failed probe.</summary>
public sealed class LatencyTable
{
    private readonly ConcurrentDictionary<(string Phase, string Probe), ConcurrentBag<double>> _samples = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly List<string> _phases = [];
    private readonly List<string> _probes = [];

    public IReadOnlyCollection<string> Errors => _errors;

    public void Add(string phase, string probe, double ms)
    {
        lock (_phases)
        {
            if (!_phases.Contains(phase))
                _phases.Add(phase);
            if (!_probes.Contains(probe))
                _probes.Add(probe);
        }
        _samples.GetOrAdd((phase, probe), _ => []).Add(ms);
    }

    public void Error(string what) => _errors.Enqueue(what);

    /// <summary>Nearest-rank percentile; NaN when there is no sample.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(x => x).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Format(c, "| {0,-10} | {1,-24} | {2,3} | {3,8} | {4,8} | {5,8} |", "phase", "probe", "n", "p50 ms", "p95 ms", "max ms"));
        text.AppendLine("|------------|--------------------------|-----|----------|----------|----------|");
        foreach (var phase in _phases)
        {
            foreach (var probe in _probes)
            {
                if (!_samples.TryGetValue((phase, probe), out var bag) || bag.IsEmpty)
                    continue;
                var values = bag.ToArray();
                text.AppendLine(string.Format(c, "| {0,-10} | {1,-24} | {2,3} | {3,8:0} | {4,8:0} | {5,8:0} |",
                    phase, probe, values.Length, Percentile(values, 50), Percentile(values, 95), values.Max()));
            }
        }
        return text.ToString();
    }
}

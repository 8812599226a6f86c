using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>A Poisson background of one population: each neuron independently receives
/// Poisson(λ = K ν h) spikes per step, drawn by inversion of a precomputed CDF from one counter-based
/// value keyed by (seed, stream, step, neuron).</summary>
internal sealed class PoissonPlan
{
    public PoissonPlan(NetworkLayout layout, PoissonInput input, int index)
    {
        Population = layout.IndexOf(input.Target);
        if (!double.IsFinite(input.RateHz) || input.RateHz < 0 || input.Indegree < 0 || !double.IsFinite(input.WeightPa))
        {
            throw new ArgumentException($"Poisson input to {input.Target}: rate, in-degree and weight must be finite and ≥ 0.", nameof(input));
        }

        var lambda = input.TotalRateHz * layout.StepMs / 1000.0;
        if (lambda > 500)
        {
            throw new NotSupportedException($"Poisson input to {input.Target}: {lambda} spikes per step is too many.");
        }

        Thresholds = ToThresholds(BuildCdf(lambda));
        Weight = input.WeightPa;
        // The generator emits from step 0 on; what it emits in step s is read in step s + d.
        StartStep = Math.Max(1, layout.Steps(input.DelayMs));
        Key = CounterRng.StreamKey(layout.Spec.Seed, CounterRng.PoissonStream + (ulong)index);
    }

    public int Population { get; }
    /// <summary>CDF(k) · 2⁶⁴: a 64-bit uniform integer u gives k = min{k : u &lt; Thresholds[k]}.</summary>
    public ulong[] Thresholds { get; }
    public double Weight { get; }
    public long StartStep { get; }
    public ulong Key { get; }

    /// <summary>P(X ≤ k) for k = 0, 1, … until the remaining tail is below 1e-16.</summary>
    internal static double[] BuildCdf(double lambda)
    {
        if (lambda <= 0)
        {
            return [1.0];
        }

        var cdf = new List<double>();
        var pmf = Math.Exp(-lambda);
        var sum = 0.0;
        for (var k = 0; k < 10_000; k++)
        {
            sum += pmf;
            cdf.Add(sum);
            if (k > lambda && 1 - sum < 1e-16)
            {
                break;
            }

            pmf *= lambda / (k + 1);
        }

        return [.. cdf];
    }

    internal static ulong[] ToThresholds(double[] cdf) =>
        [.. cdf.Select((c, k) => k == cdf.Length - 1 || c >= 1.0 ? ulong.MaxValue : (ulong)(c * 18446744073709551616.0))];

    /// <summary>Smallest k with <paramref name="bits"/> &lt; Thresholds[k] (the last entry catches the tail).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Sample(ulong[] thresholds, ulong bits)
    {
        var k = 0;
        while (k < thresholds.Length - 1 && bits >= thresholds[k])
        {
            k++;
        }

        return k;
    }
}

/// <summary>DC inputs and spike-time generators of every population, resolved to steps.</summary>
internal sealed class DeterministicInputs
{
    private readonly List<(int Population, long Start, long Stop, double Amplitude)> _dc = [];
    private readonly Dictionary<long, List<(int Population, double Weight)>> _spikes = [];

    public DeterministicInputs(NetworkLayout layout)
    {
        foreach (var stimulus in layout.Spec.Stimuli)
        {
            switch (stimulus)
            {
                case DcInput dc:
                    if (!double.IsFinite(dc.AmplitudePa) || !double.IsFinite(dc.StartMs) || dc.StopMs is { } s && !double.IsFinite(s))
                    {
                        throw new ArgumentException($"DC input to {dc.Target} must be finite.", nameof(layout));
                    }

                    _dc.Add((layout.IndexOf(dc.Target), layout.Steps(dc.StartMs), dc.StopMs is { } stop ? layout.Steps(stop) : long.MaxValue, dc.AmplitudePa));
                    break;
                case SpikeTimesInput times:
                    var population = layout.IndexOf(times.Target);
                    var delay = Math.Max(1, layout.Steps(times.DelayMs));
                    foreach (var t in times.TimesMs)
                    {
                        if (!double.IsFinite(t) || t < 0)
                        {
                            throw new ArgumentException($"Spike times into {times.Target} must be finite and ≥ 0.", nameof(layout));
                        }

                        // A spike stamped at step k reaches the target's update of step k + d − 1,
                        // so the current jumps at t + delay, as in NEST.
                        var arrival = layout.Steps(t) + delay - 1;
                        if (!_spikes.TryGetValue(arrival, out var list))
                        {
                            _spikes[arrival] = list = [];
                        }

                        list.Add((population, times.WeightPa));
                    }

                    break;
                case PoissonInput:
                    break;
                default:
                    throw new NotSupportedException($"Stimulus {stimulus.GetType().Name} is not supported.");
            }
        }
    }

    /// <summary>I_stim (pA) of <paramref name="population"/> during step <paramref name="step"/>.</summary>
    public double Current(int population, long step)
    {
        var sum = 0.0;
        foreach (var (p, start, stop, amplitude) in _dc)
        {
            if (p == population && step >= start && step < stop)
            {
                sum += amplitude;
            }
        }

        return sum;
    }

    /// <summary>Spikes of the generators that arrive at <paramref name="population"/> in <paramref name="step"/>.</summary>
    public (double Excitatory, double Inhibitory) Spikes(int population, long step)
    {
        if (_spikes.Count == 0 || !_spikes.TryGetValue(step, out var list))
        {
            return (0, 0);
        }

        double ex = 0, inh = 0;
        foreach (var (p, w) in list)
        {
            if (p != population)
            {
                continue;
            }

            if (w >= 0)
            {
                ex += w;
            }
            else
            {
                inh += w;
            }
        }

        return (ex, inh);
    }
}

using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Simulation.Analysis;

/// <summary>Summary statistics of one population's recorded spikes over a window of length T.</summary>
/// <param name="Name">Population name.</param>
/// <param name="Size">Neurons in the population.</param>
/// <param name="RecordedNeurons">Neurons the statistics are computed over.</param>
/// <param name="RateHz">Mean over recorded neurons of spike count / T (Hz).</param>
/// <param name="RateSdHz">Population SD (ddof 0, as numpy's <c>std</c> in NEST's example) of the single-neuron rates (Hz).</param>
/// <param name="CvIsi">Mean over neurons with ≥ 3 spikes of SD(ISI)/mean(ISI); NaN when no neuron qualifies.</param>
/// <param name="Synchrony">Fano factor Var/Mean of the population spike-count histogram in
/// <see cref="SpikeStatistics.SynchronyBinMs"/> bins (1 for independent Poisson neurons, larger when synchronous;
/// NaN without spikes).</param>
/// <param name="RateSeriesHz">Population rate per bin of <paramref name="BinMs"/> (spikes / recorded neurons / bin width, Hz).</param>
/// <param name="BinMs">Width of the rate-series bins (ms).</param>
/// <param name="NeuronRatesHz">Rate of each recorded neuron (Hz), for rate distributions.</param>
/// <param name="NeuronCvIsi">CV of the ISIs of each recorded neuron with ≥ 3 spikes, for CV distributions.</param>
public sealed record PopulationStatistics(
    string Name,
    int Size,
    int RecordedNeurons,
    double RateHz,
    double RateSdHz,
    double CvIsi,
    double Synchrony,
    double[] RateSeriesHz,
    double BinMs,
    double[] NeuronRatesHz,
    double[] NeuronCvIsi);

/// <summary>Rates, irregularity (CV of ISI, Softky &amp; Koch 1993) and synchrony (spike-count Fano factor of
/// the population histogram, as in Potjans &amp; Diesmann 2014) of recorded spikes.</summary>
public static class SpikeStatistics
{
    /// <summary>Bin width of the synchrony histogram (ms), 3 ms as in Potjans &amp; Diesmann (2014).</summary>
    public const double SynchronyBinMs = 3.0;

    /// <summary>Statistics of every population of <paramref name="output"/>.</summary>
    public static IReadOnlyList<PopulationStatistics> Compute(SimulationOutput output, double binMs = 5.0) =>
        [.. output.Populations.Select(p => Compute(p, output.RecordedMs, binMs))];

    /// <summary>Statistics of one population's spikes recorded over [0, <paramref name="durationMs"/>].</summary>
    public static PopulationStatistics Compute(PopulationSpikes spikes, double durationMs, double binMs = 5.0)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        if (!(durationMs >= 0) || !(binMs > 0) || !double.IsFinite(durationMs) || !double.IsFinite(binMs))
        {
            throw new ArgumentOutOfRangeException(nameof(durationMs), "The duration must be ≥ 0 and the bin width positive.");
        }

        if (durationMs == 0)
        {
            // Nothing was recorded (a build-only run): no rates to speak of.
            return new PopulationStatistics(spikes.Name, spikes.Size, spikes.RecordedNeurons, double.NaN, double.NaN, double.NaN, double.NaN, [], binMs, [], []);
        }

        var n = spikes.RecordedNeurons;
        var counts = new int[n];
        var perNeuron = new List<float>[n];
        for (var i = 0; i < spikes.Neurons.Length; i++)
        {
            var neuron = spikes.Neurons[i];
            counts[neuron]++;
            (perNeuron[neuron] ??= []).Add(spikes.TimesMs[i]);
        }

        var seconds = durationMs / 1000.0;
        var rates = counts.Select(c => c / seconds).ToArray();
        var mean = n > 0 ? rates.Average() : double.NaN;
        var sd = n > 0 ? Math.Sqrt(Math.Max(0, rates.Average(r => r * r) - mean * mean)) : double.NaN;
        var cvs = NeuronCvs(perNeuron);
        return new PopulationStatistics(spikes.Name, spikes.Size, n, mean, sd, cvs.Length > 0 ? cvs.Average() : double.NaN,
            FanoFactor(spikes.TimesMs, durationMs, SynchronyBinMs), RateSeries(spikes.TimesMs, n, durationMs, binMs), binMs, rates, cvs);
    }

    private static double[] NeuronCvs(List<float>[] perNeuron)
    {
        var cvs = new List<double>();
        foreach (var times in perNeuron)
        {
            if (times is not { Count: >= 3 })
            {
                continue;
            }

            times.Sort();
            double m = 0, s = 0;
            var k = times.Count - 1;
            for (var i = 1; i < times.Count; i++)
            {
                m += times[i] - times[i - 1];
            }

            m /= k;
            for (var i = 1; i < times.Count; i++)
            {
                var d = times[i] - times[i - 1] - m;
                s += d * d;
            }

            cvs.Add(Math.Sqrt(s / k) / m);
        }

        return [.. cvs];
    }

    private static int[] Histogram(float[] times, double durationMs, double binMs)
    {
        var bins = Math.Max(1, (int)Math.Floor(durationMs / binMs));
        var histogram = new int[bins];
        foreach (var t in times)
        {
            // Spikes are stamped in (0, T]; one at exactly T belongs to the last bin.
            var b = Math.Min((int)(t / binMs), t <= durationMs ? bins - 1 : bins);
            if (b >= 0 && b < bins)
            {
                histogram[b]++;
            }
        }

        return histogram;
    }

    private static double FanoFactor(float[] times, double durationMs, double binMs)
    {
        var histogram = Histogram(times, durationMs, binMs);
        var mean = histogram.Average();
        if (mean == 0)
        {
            return double.NaN;
        }

        var variance = histogram.Sum(c => (c - mean) * (c - mean)) / histogram.Length;
        return variance / mean;
    }

    private static double[] RateSeries(float[] times, int neurons, double durationMs, double binMs) =>
        [.. Histogram(times, durationMs, binMs).Select(c => neurons > 0 ? c / (double)neurons / (binMs / 1000.0) : 0.0)];
}

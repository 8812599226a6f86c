using DigitalBrain.Simulation.Analysis;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Core.Runs;

/// <summary>Turns what the engine recorded into what a run stores: per-population figures, a
/// bounded raster sample, binned rates, and the full spikes in capped, compressed chunks.</summary>
public sealed class RunAnalysis
{
    /// <summary>Neurons per population kept in the raster sample.</summary>
    public const int SampleNeurons = 200;

    /// <summary>Spikes per stored chunk.</summary>
    public const int ChunkSpikes = 1 << 20;

    public RunOutcome Summarise(NetworkSpec spec, SimulationOutput output, long spikeCapBytes)
    {
        var populations = new List<RunPopulationResult>(output.Populations.Count);
        var chunks = new List<RunSpikeChunk>();
        long storedBytes = 0;
        var truncated = false;
        long spikeCount = 0;
        var binMs = RateBinMs(output.RecordedMs);
        for (var i = 0; i < output.Populations.Count; i++)
        {
            var spikes = output.Populations[i];
            spikeCount += spikes.TimesMs.Length;
            var stats = SpikeStatistics.Compute(spikes, output.RecordedMs, binMs);
            populations.Add(new RunPopulationResult
            {
                Population = spikes.Name,
                Order = i,
                Size = spikes.Size,
                RecordedNeurons = spikes.RecordedNeurons,
                RateHz = stats.RateHz,
                RateSdHz = stats.RateSdHz,
                CvIsi = double.IsFinite(stats.CvIsi) ? stats.CvIsi : null,
                Synchrony = double.IsFinite(stats.Synchrony) ? stats.Synchrony : null,
                BinMs = binMs,
                RateSeries = [.. stats.RateSeriesHz.Select(r => (float)r)],
                NeuronRates = [.. stats.NeuronRatesHz.Select(r => (float)r)],
                NeuronCvs = [.. stats.NeuronCvIsi.Select(r => (float)r)],
                SpikeSample = Sample(spikes, spec.ResolutionMs),
            });
            for (var start = 0; start < spikes.TimesMs.Length; start += ChunkSpikes)
            {
                var length = Math.Min(ChunkSpikes, spikes.TimesMs.Length - start);
                var data = SpikeCodec.Encode(spikes.Neurons.AsSpan(start, length), spikes.TimesMs.AsSpan(start, length), spec.ResolutionMs);
                if (storedBytes + data.Length > spikeCapBytes)
                {
                    truncated = true;
                    break;
                }
                storedBytes += data.Length;
                chunks.Add(new RunSpikeChunk { Population = spikes.Name, Index = start / ChunkSpikes, SpikeCount = length, Data = data });
            }
        }
        return new RunOutcome(output.Backend, output.Threads, output.Neurons, output.Synapses, output.BuildSeconds,
            output.SimulateSeconds, output.RealTimeFactor, output.PeakRssBytes, spikeCount, truncated, populations, chunks);
    }

    /// <summary>10 ms bins, widened so a long run keeps at most 2,000 bins per trace.</summary>
    public static double RateBinMs(double recordedMs) => Math.Max(10.0, Math.Ceiling(recordedMs / 2000.0 / 10.0) * 10.0);

    private static byte[] Sample(PopulationSpikes spikes, double resolutionMs)
    {
        var neurons = new List<int>();
        var times = new List<float>();
        for (var k = 0; k < spikes.Neurons.Length; k++)
        {
            if (spikes.Neurons[k] < SampleNeurons)
            {
                neurons.Add(spikes.Neurons[k]);
                times.Add(spikes.TimesMs[k]);
            }
        }
        return SpikeCodec.Encode(neurons.ToArray(), times.ToArray(), resolutionMs);
    }
}

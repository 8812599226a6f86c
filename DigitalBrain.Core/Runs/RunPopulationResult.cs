namespace DigitalBrain.Core.Runs;

/// <summary>What one population did in one run: the figures the dashboards compare with the
/// reference rates, a bounded spike sample for rasters, and the binned population rate.</summary>
public sealed class RunPopulationResult
{
    public Guid RunId { get; set; }
    public string Population { get; set; } = "";
    public int Order { get; set; }
    public int Size { get; set; }
    public int RecordedNeurons { get; set; }
    public double RateHz { get; set; }
    public double RateSdHz { get; set; }
    /// <summary>Mean coefficient of variation of the inter-spike intervals (NaN-free: null when no neuron fired twice).</summary>
    public double? CvIsi { get; set; }
    /// <summary>Spike-count Fano factor of the population histogram (synchrony).</summary>
    public double? Synchrony { get; set; }
    public double BinMs { get; set; }
    /// <summary>Population rate per bin (Hz).</summary>
    public float[] RateSeries { get; set; } = [];
    /// <summary>Per-neuron rates of the recorded neurons (Hz), for distributions.</summary>
    public float[] NeuronRates { get; set; } = [];
    /// <summary>Per-neuron CV ISI of the recorded neurons that fired at least three times.</summary>
    public float[] NeuronCvs { get; set; } = [];
    /// <summary><see cref="SpikeCodec"/>-encoded spikes of at most a bounded number of neurons.</summary>
    public byte[] SpikeSample { get; set; } = [];
}

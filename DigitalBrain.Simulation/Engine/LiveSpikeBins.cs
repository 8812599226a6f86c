namespace DigitalBrain.Simulation.Engine;

/// <summary>
/// The bins of <see cref="LiveSpikeCounts"/>: which bin a recorded step's spikes fall in, how many bins
/// are complete once a number of steps has run, and the merge of per-thread counters into one report.
/// Counters are plain <c>int[]</c> laid out population-major (<c>counts[p · Bins + b]</c>), one per
/// writer thread, so counting is one increment per recorded spike and needs no synchronisation.
/// </summary>
internal sealed class LiveSpikeBins
{
    /// <summary>More bins than this are refused: the counters hold populations × bins ints per thread.</summary>
    public const int MaxBins = 100_000;

    private readonly long _recordFromStep;
    private readonly long _recordedSteps;
    private readonly double _stepMs;
    private readonly double _windowMs;
    private readonly string[] _names;
    private readonly int[] _recorded;

    private LiveSpikeBins(long recordFromStep, long recordedSteps, double stepMs, double binMs, string[] names, int[] recorded)
    {
        _recordFromStep = recordFromStep;
        _recordedSteps = recordedSteps;
        _stepMs = stepMs;
        _windowMs = recordedSteps * stepMs;
        BinMs = binMs;
        _names = names;
        _recorded = recorded;
        Bins = Math.Max(1, (int)Math.Floor(_windowMs / binMs));
    }

    public double BinMs { get; }

    /// <summary>Bins of the whole recorded window.</summary>
    public int Bins { get; }

    public int Populations => _names.Length;

    /// <summary>The bins for <paramref name="options"/>, or null when it asks for no live counts.</summary>
    public static LiveSpikeBins? For(SimulationOptions options, long recordFromStep, long recordedSteps, double stepMs,
        string[] names, int[] recorded)
    {
        Check(options, stepMs, recordedSteps);
        return options.LiveBinMs == 0 ? null : new LiveSpikeBins(recordFromStep, recordedSteps, stepMs, options.LiveBinMs, names, recorded);
    }

    /// <summary>Refuses a bin width that is not 0 (off), finite and ≥ the resolution, or that makes more than
    /// <see cref="MaxBins"/> bins; backends call it before building, so a bad width costs no build.</summary>
    public static void Check(SimulationOptions options, double stepMs, long recordedSteps)
    {
        var binMs = options.LiveBinMs;
        if (binMs == 0)
        {
            return;
        }

        if (!double.IsFinite(binMs) || binMs < stepMs)
        {
            throw new ArgumentOutOfRangeException(nameof(options), binMs, "LiveBinMs must be 0 (off) or a finite width ≥ the resolution.");
        }

        if (Math.Floor(recordedSteps * stepMs / binMs) > MaxBins)
        {
            throw new ArgumentOutOfRangeException(nameof(options), binMs, $"LiveBinMs {binMs} ms makes more than {MaxBins} bins.");
        }
    }

    public int[] NewCounter() => new int[_names.Length * Bins];

    /// <summary>The bin of the spikes of absolute step <paramref name="step"/>; −1 before the recorded window.
    /// Computed as the rate series computes it from the stored spike time (a float), so both agree exactly.</summary>
    public int BinOf(long step)
    {
        if (step < _recordFromStep)
        {
            return -1;
        }

        var time = (float)((step - _recordFromStep + 1) * _stepMs);
        var bin = Math.Min((int)(time / BinMs), time <= _windowMs ? Bins - 1 : Bins);
        return bin < Bins ? bin : -1;
    }

    /// <summary>Bins complete once every step before absolute step <paramref name="step"/> has run. Bins grow
    /// monotonically with the step, so every bin before the current step's bin is complete.</summary>
    public int CompletedBefore(long step)
    {
        if (step <= _recordFromStep)
        {
            return 0;
        }

        if (step >= _recordFromStep + _recordedSteps)
        {
            return Bins;
        }

        // −1 here means the float stamp rounded past the window's end: only the last bin is still open.
        var bin = BinOf(step);
        return bin < 0 ? Bins - 1 : bin;
    }

    /// <summary>Sums the counters over the first <paramref name="completed"/> bins.</summary>
    public LiveSpikeCounts Snapshot(IEnumerable<int[]> counters, int completed)
    {
        completed = Math.Clamp(completed, 0, Bins);
        var sums = new long[_names.Length][];
        for (var p = 0; p < sums.Length; p++)
        {
            sums[p] = new long[completed];
        }

        foreach (var counter in counters)
        {
            for (var p = 0; p < sums.Length; p++)
            {
                var row = sums[p];
                var offset = p * Bins;
                for (var b = 0; b < completed; b++)
                {
                    row[b] += counter[offset + b];
                }
            }
        }

        return new LiveSpikeCounts(BinMs, Bins, _names, _recorded, sums);
    }
}

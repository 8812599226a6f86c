using DigitalBrain.Simulation.Engine.Models;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>Where each population's neurons sit in the global numbering, and their model constants.</summary>
internal sealed class NetworkLayout
{
    public NetworkLayout(NetworkSpec spec)
    {
        if (!double.IsFinite(spec.ResolutionMs) || spec.ResolutionMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.ResolutionMs, "The resolution must be a positive number of ms.");
        }

        Spec = spec;
        StepMs = spec.ResolutionMs;
        var n = spec.Populations.Count;
        Offsets = new int[n + 1];
        Constants = new ModelConstants[n];
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            var p = spec.Populations[i];
            if (p.Size < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(spec), p.Size, $"Population {p.Name} must have at least one neuron.");
            }

            if (!_index.TryAdd(p.Name, i))
            {
                throw new ArgumentException($"Population name {p.Name} appears twice.", nameof(spec));
            }

            Offsets[i] = (int)total;
            total += p.Size;
            if (total > int.MaxValue)
            {
                throw new ArgumentException("The network has more than 2³¹ − 1 neurons.", nameof(spec));
            }

            Constants[i] = ModelConstants.Create(p.Model, p.Parameters, StepMs);
        }

        Offsets[n] = (int)total;
        NeuronCount = (int)total;
    }

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public NetworkSpec Spec { get; }
    public double StepMs { get; }
    public int NeuronCount { get; }
    /// <summary>Global index of each population's first neuron; the last entry is the total.</summary>
    public int[] Offsets { get; }
    public ModelConstants[] Constants { get; }
    public int PopulationCount => Constants.Length;

    public int IndexOf(string population) =>
        _index.TryGetValue(population, out var i)
            ? i
            : throw new ArgumentException($"Unknown population '{population}'.", nameof(population));

    public int Size(int population) => Offsets[population + 1] - Offsets[population];

    /// <summary>Whole steps in <paramref name="ms"/>, rounded to nearest as NEST's <c>Time</c> does.</summary>
    public long Steps(double ms) => (long)Math.Round(ms / StepMs, MidpointRounding.AwayFromZero);
}

using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Export;

/// <summary>What must hold of a spec before it is exported: a script that refers to a missing
/// population would only fail on the cluster, hours later.</summary>
internal static class ExportChecks
{
    /// <summary>Returns the populations by name; throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public static IReadOnlyDictionary<string, PopulationSpec> Validate(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!double.IsFinite(spec.ResolutionMs) || spec.ResolutionMs <= 0)
        {
            throw new ArgumentException($"Resolution must be a positive number of ms, not {spec.ResolutionMs}.", nameof(spec));
        }

        var byName = new Dictionary<string, PopulationSpec>(StringComparer.Ordinal);
        foreach (var population in spec.Populations)
        {
            if (population.Size < 1)
            {
                throw new ArgumentException($"Population '{population.Name}' has size {population.Size}; at least 1 is needed.", nameof(spec));
            }

            if (!byName.TryAdd(population.Name, population))
            {
                throw new ArgumentException($"Population name '{population.Name}' is used twice.", nameof(spec));
            }
        }

        void Require(string name, string what)
        {
            if (!byName.ContainsKey(name))
            {
                throw new ArgumentException($"{what} names population '{name}', which the spec does not have.", nameof(spec));
            }
        }

        foreach (var projection in spec.Projections)
        {
            Require(projection.Source, $"Projection {projection.Source} → {projection.Target}");
            Require(projection.Target, $"Projection {projection.Source} → {projection.Target}");
            if (projection.Rule.Kind == ConnectionRuleKind.OneToOne
                && byName[projection.Source].Size != byName[projection.Target].Size)
            {
                throw new ArgumentException($"one_to_one projection {projection.Source} → {projection.Target} joins populations of different sizes.", nameof(spec));
            }
        }

        foreach (var stimulus in spec.Stimuli)
        {
            Require(stimulus.Target, $"A {stimulus.GetType().Name}");
        }

        foreach (var voltage in spec.Recording.Voltages)
        {
            Require(voltage.Population, "A voltage recording");
            if (voltage.NeuronIndices.Any(i => i < 0 || i >= byName[voltage.Population].Size))
            {
                throw new ArgumentException($"A voltage recording of '{voltage.Population}' names a neuron outside the population.", nameof(spec));
            }
        }

        return byName;
    }

    /// <summary>Neurons of a population whose spikes are recorded (the first n).</summary>
    public static int RecordedNeurons(NetworkSpec spec, PopulationSpec population) =>
        spec.Recording.SpikesPerPopulation is { } n ? Math.Clamp(n, 0, population.Size) : population.Size;
}

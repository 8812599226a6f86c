using System.Globalization;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Builtins;

/// <summary>
/// <c>builtin:wholebrain</c>: a STRUCTURAL BENCHMARK of the size and shape of the SNNBuilder
/// whole-brain model (see <see cref="WholeBrainLayout"/>), not a curated model. Every one of the 65
/// populations is <c>iaf_psc_exp</c> with the microcircuit's neuron constants and receives a fixed
/// in-degree of <see cref="Indegree"/> synapses (80 % excitatory from its own region and its
/// afferent regions, 20 % inhibitory from its own region), so 1,010,001 neurons carry ~1.5 × 10⁹
/// synapses, as NEST 3 builds the real model. Inhibition-dominated balance (g = <see cref="G"/>)
/// with Poisson background keeps the rates at a few Hz. Scaling changes the neuron counts only:
/// the in-degree stays fixed, as in a weak-scaling benchmark.
/// </summary>
public static class WholeBrain
{
    public const string Name = "wholebrain";
    public const ulong DefaultSeed = 12345;
    /// <summary>Synapses onto every neuron.</summary>
    public const int Indegree = 1500;
    public const double ExcitatoryFraction = 0.8;
    /// <summary>PSC amplitude of an excitatory synapse (pA; 0.15 mV PSP as in the microcircuit).</summary>
    public const double WeightPa = 87.81;
    /// <summary>Inhibitory weight relative to excitatory. With <see cref="BackgroundRateHz"/> chosen so that
    /// the network fires at a few Hz, irregularly (scale 0.1, 200 ms warm-up + 500 ms, 2026-11-24: mean
    /// 4.3 Hz, populations 3.2–5.3 Hz, mean CV of ISI 0.47; g = −8 with 8 Hz gave 9.3 Hz, and with
    /// 3 Hz background the network is silent).</summary>
    public const double G = -10.0;
    public const int BackgroundIndegree = 1800;
    /// <summary>Rate of each of the <see cref="BackgroundIndegree"/> Poisson inputs (Hz): 6 × 1,800 × 87.81 pA ×
    /// τ_syn 0.5 ms ⇒ a mean drive of 19 mV (τ_m / C), just above the 15 mV to threshold, so recurrent
    /// inhibition holds the neurons in the fluctuation-driven regime.</summary>
    public const double BackgroundRateHz = 6.0;
    public const double LocalExcitatoryDelayMs = 1.5;
    public const double InhibitoryDelayMs = 0.75;
    public const double RemoteDelayMs = 3.0;

    /// <param name="scale">Fraction of the neurons (in-degrees stay fixed), in (0, 1].</param>
    /// <param name="seed">Master seed.</param>
    public static NetworkSpec Create(double scale = 1.0, ulong seed = DefaultSeed)
    {
        if (!double.IsFinite(scale) || scale <= 0 || scale > 1)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The whole-brain benchmark scale must be in (0, 1].");

        var types = WholeBrainLayout.CellTypes;
        var fullSizes = WholeBrainLayout.Sizes();
        // At least two neurons: a one-neuron population could not draw its recurrent in-degree without autapses
        // (this binds only below scale 0.011, where the smallest type, STN with 186 neurons, rounds to 1).
        var sizes = fullSizes.Select(n => Math.Max(2, (int)Math.Round(n * scale, MidpointRounding.ToEven))).ToArray();
        var names = types.Select(t => $"{t.Region}_{t.Layer}_{t.Type}").ToArray();
        var parameters = new NeuronParameters
        {
            CapacitancePf = 250, TauMembraneMs = 10, RestingPotentialMv = -65, ThresholdMv = -50, ResetMv = -65,
            RefractoryMs = 2, TauSynExMs = 0.5, TauSynInMs = 0.5,
        };
        const string provenance = "structural benchmark of the SNNBuilder whole-brain model's size (Gutierrez et al., OIST); not curated values";
        var populations = types
            .Select((t, i) => new PopulationSpec(names[i], sizes[i], NeuronModel.IafPscExp, parameters, new Distribution(-58, 5),
                Region: t.Region, Layer: t.Layer, Provenance: provenance))
            .ToList();

        var projections = new List<ProjectionSpec>();
        for (var target = 0; target < types.Count; target++)
        {
            var region = WholeBrainLayout.Regions.Single(r => r.Name == types[target].Region);
            foreach (var (afferent, share) in region.Afferents)
            {
                var afferentRegion = WholeBrainLayout.Regions.Single(r => r.Name == afferent);
                var sources = Enumerable.Range(0, types.Count)
                    .Where(s => types[s].Excitatory && types[s].Region == afferent
                                && (afferent == region.Name || afferentRegion.OutputLayers.Contains(types[s].Layer)))
                    .ToList();
                var remote = afferent != region.Name;
                AddSplit(projections, names, fullSizes, sources, target, Indegree * ExcitatoryFraction * share,
                    WeightPa, remote ? RemoteDelayMs : LocalExcitatoryDelayMs);
            }
            var inhibitory = Enumerable.Range(0, types.Count).Where(s => !types[s].Excitatory && types[s].Region == region.Name).ToList();
            AddSplit(projections, names, fullSizes, inhibitory, target, Indegree * (1 - ExcitatoryFraction), WeightPa * G, InhibitoryDelayMs);
        }

        var stimuli = names.Select(n => (StimulusSpec)new PoissonInput(n, BackgroundRateHz, BackgroundIndegree, WeightPa, LocalExcitatoryDelayMs)).ToList();
        var label = scale == 1 ? Name : $"{Name} (scale {scale.ToString(CultureInfo.InvariantCulture)})";
        return new NetworkSpec(label, 0.1, seed, populations, projections, stimuli, new RecordingSpec(1000, []));
    }

    /// <summary>Splits <paramref name="indegree"/> over <paramref name="sources"/> in proportion to
    /// their full sizes; rounding leftovers go to the largest source so the total is exact.</summary>
    private static void AddSplit(List<ProjectionSpec> projections, string[] names, IReadOnlyList<int> sizes,
        List<int> sources, int target, double indegree, double weightPa, double delayMs)
    {
        var total = (int)Math.Round(indegree);
        if (sources.Count == 0 || total == 0)
            return;
        var mass = sources.Sum(s => (double)sizes[s]);
        var counts = sources.Select(s => (int)Math.Floor(total * sizes[s] / mass)).ToArray();
        counts[Array.IndexOf(sources.ToArray(), sources.MaxBy(s => sizes[s]))] += total - counts.Sum();
        for (var k = 0; k < sources.Count; k++)
        {
            if (counts[k] == 0)
                continue;
            projections.Add(new ProjectionSpec(names[sources[k]], names[target],
                new ConnectionRule(ConnectionRuleKind.FixedIndegree, Count: counts[k], AllowAutapses: false),
                new SynapseSpec(new Distribution(weightPa, Math.Abs(weightPa) * 0.1), new Distribution(delayMs, delayMs * 0.25))));
        }
    }
}

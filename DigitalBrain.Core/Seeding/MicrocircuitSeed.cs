using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Structure;
using DigitalBrain.Simulation.Builtins;

namespace DigitalBrain.Core.Seeding;

/// <summary>
/// The Potjans &amp; Diesmann (2014) microcircuit as a curated model. Every number comes from
/// <see cref="Microcircuit"/> (the engine's one copy of the paper's tables); the firing rates are
/// NEST's full-scale reference simulation of the model, entered as a simulation reference, not as
/// experimental values.
/// </summary>
internal static class MicrocircuitSeed
{
    public const string SeedKey = "potjans-diesmann-2014";
    public const string ModelName = "Potjans & Diesmann (2014) cortical microcircuit";
    public const string Doi = "10.1093/cercor/bhs358";
    public const string PaperCitation = "Potjans TC, Diesmann M (2014) The cell-type specific cortical microcircuit: relating structure and activity in a full-scale spiking network model. Cerebral Cortex 24(3):785–806";
    public const string NestCitation = "NEST simulator, PyNEST example Potjans_2014: full-scale reference simulation of the Potjans & Diesmann (2014) microcircuit";
    public const string NestMethod = "simulation reference (NEST)";
    public const string ModelMethod = "network model parameter";

    public const string Description =
        "The cell-type specific cortical microcircuit of Potjans & Diesmann (2014): about 77,000 "
        + "`iaf_psc_exp` neurons in eight populations (excitatory and inhibitory, layers 2/3, 4, 5 and 6) "
        + "under 1 mm² of early sensory cortex. Every parameter is an entry citing the paper; the "
        + "firing rates are NEST's full-scale reference simulation, labelled as such.";

    public static async Task BuildAsync(DemoModelBuilder b, CancellationToken ct)
    {
        var paper = await b.ReferenceAsync(Doi, PaperCitation, ct);
        var nest = await b.ReferenceAsync(null, NestCitation, ct);
        var names = Microcircuit.PopulationNames;
        var region = b.Region("Ctx", "Microcircuit", "1 mm² of early sensory cortex, layers 2/3 to 6", layers: names.Count / 2, cellTypes: names.Count);
        var layers = new Dictionary<string, Layer>();
        var populations = new List<Population>();
        for (var i = 0; i < names.Count; i++)
        {
            var layerKey = names[i][..^1];
            if (!layers.TryGetValue(layerKey, out var layer))
                layers[layerKey] = layer = b.Layer(region, layerKey == "L23" ? "L2/3" : layerKey);
            var population = b.Population(region, layer, names[i], IsExcitatory(i) ? "excitatory" : "inhibitory", "iaf_psc_exp");
            populations.Add(population);
            AddPopulationEntries(b, EstimateTarget.ForPopulation(population.Id), i, paper, nest);
        }

        var probabilities = Microcircuit.ConnectionProbabilities;
        var pscPerPsp = Microcircuit.PscOverPsp(Microcircuit.CapacitancePf, Microcircuit.TauMembraneMs, Microcircuit.TauSynMs);
        for (var t = 0; t < names.Count; t++)
        {
            for (var s = 0; s < names.Count; s++)
            {
                var p = probabilities[t, s];
                if (p <= 0)
                    continue; // the paper's zeros are absent connections, not projections
                var projection = b.Projection(populations[s], populations[t], IsExcitatory(s) ? Receptor.Excitatory : Receptor.Inhibitory, "fixed_total_number");
                var target = EstimateTarget.ForProjection(projection.Id);
                // The paper doubles L4E → L2/3E and scales inhibitory synapses by g.
                var psp = IsExcitatory(s) ? (t == 0 && s == 2 ? 2 : 1) * Microcircuit.ExcitatoryPspMv : Microcircuit.G * Microcircuit.ExcitatoryPspMv;
                var weight = psp * pscPerPsp;
                var delay = IsExcitatory(s) ? Microcircuit.ExcitatoryDelayMs : Microcircuit.InhibitoryDelayMs;
                b.Entry(target, "connection_probability", p, paper, ModelMethod);
                b.Entry(target, "psp_amplitude", psp, paper, ModelMethod);
                b.Entry(target, "synaptic_weight", weight, paper, ModelMethod,
                    "PSC amplitude that gives the PSP with C_m = 250 pF, tau_m = 10 ms, tau_syn = 0.5 ms (exponential current into a leaky membrane).");
                b.Entry(target, "synaptic_weight_sd", Math.Abs(weight) * Microcircuit.RelativeWeightSd, paper, ModelMethod, "10 % of the mean weight.");
                b.Entry(target, "delay", delay, paper, ModelMethod);
                b.Entry(target, "delay_sd", delay * Microcircuit.RelativeDelaySd, paper, ModelMethod, "50 % of the mean delay.");
            }
        }
    }

    private static void AddPopulationEntries(DemoModelBuilder b, EstimateTarget target, int i, Reference paper, Reference nest)
    {
        b.Entry(target, "neuron_count", Microcircuit.FullScaleSizes[i], paper, ModelMethod);
        b.Entry(target, "c_m", Microcircuit.CapacitancePf, paper, ModelMethod);
        b.Entry(target, "tau_m", Microcircuit.TauMembraneMs, paper, ModelMethod);
        b.Entry(target, "e_l", Microcircuit.RestingPotentialMv, paper, ModelMethod);
        b.Entry(target, "v_th", Microcircuit.ThresholdMv, paper, ModelMethod);
        b.Entry(target, "v_reset", Microcircuit.ResetMv, paper, ModelMethod);
        b.Entry(target, "t_ref", Microcircuit.RefractoryMs, paper, ModelMethod);
        b.Entry(target, "tau_syn_ex", Microcircuit.TauSynMs, paper, ModelMethod);
        b.Entry(target, "tau_syn_in", Microcircuit.TauSynMs, paper, ModelMethod);
        b.Entry(target, "external_in_degree", Microcircuit.ExternalIndegrees[i], paper, ModelMethod);
        b.Entry(target, "background_rate", Microcircuit.BackgroundRateHz, paper, ModelMethod);
        b.Entry(target, "background_weight", Microcircuit.ExcitatoryPspMv * Microcircuit.PscOverPsp(Microcircuit.CapacitancePf, Microcircuit.TauMembraneMs, Microcircuit.TauSynMs),
            paper, ModelMethod, "PSC amplitude of the 0.15 mV excitatory PSP, as for recurrent excitatory synapses.");
        b.Entry(target, "firing_rate", Microcircuit.FullScaleRatesHz[i], nest, NestMethod,
            "Rate of the full-scale model simulated with NEST, not an experimental measurement.");
    }

    private static bool IsExcitatory(int populationIndex) => populationIndex % 2 == 0;
}

using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Builtins;

/// <summary>
/// The cortical microcircuit of Potjans &amp; Diesmann (2014, Cereb. Cortex 24:785, doi:10.1093/cercor/bhs358),
/// built exactly as NEST 3's PyNEST example <c>pynest/examples/Potjans_2014</c> (network_params.py,
/// network.py, helpers.py) builds it with Poisson background input and no thalamic input:
/// <list type="bullet">
/// <item>8 populations of <c>iaf_psc_exp</c> neurons, N = round(N_full · scale);</item>
/// <item>recurrent synapses by <c>fixed_total_number</c> with autapses and multapses, the total per
/// projection K = round(ln(1 − p) / ln(1 − 1/(N_pre·N_post)) · scale²) computed from full-scale sizes
/// (the example's <c>num_synapses_from_conn_probs</c> scaled by N_scaling · K_scaling);</item>
/// <item>weights: PSP 0.15 mV → PSC via <see cref="PscOverPsp"/> (87.81 pA), L4E→L23E doubled,
/// inhibitory × g = −4, normal with 10 % relative SD, redrawn to keep their sign;</item>
/// <item>delays: normal, mean 1.5 ms (excitatory source) / 0.75 ms (inhibitory source), SD 50 % of
/// the mean, redrawn until ≥ h;</item>
/// <item>background: K_ext · scale Poisson inputs of 8 Hz each per neuron, delay 1.5 ms;</item>
/// <item>down-scaling (scale &lt; 1): weights ÷ √scale and a DC current (as I_e) that restores the
/// full-scale mean input, from the full-scale rates <see cref="FullScaleRatesHz"/>
/// (the example's <c>adjust_weights_and_input_to_synapse_scaling</c>);</item>
/// <item>initial V_m normal with the example's population-specific ("optimized") mean and SD.</item>
/// </list>
/// </summary>
public static class Microcircuit
{
    /// <summary>Name of the built-in (<c>builtin:microcircuit</c>).</summary>
    public const string Name = "microcircuit";

    /// <summary>The example's default master seed (<c>rng_seed</c>).</summary>
    public const ulong DefaultSeed = 55;

    /// <summary>Integration step h (ms).</summary>
    public const double ResolutionMs = 0.1;

    /// <summary>Population names, in creation order.</summary>
    public static IReadOnlyList<string> PopulationNames { get; } = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"];

    /// <summary>Neurons per population at full scale (77,169 in all).</summary>
    public static IReadOnlyList<int> FullScaleSizes { get; } = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];

    /// <summary>Connection probabilities C[target, source] (rows: target, columns: source).</summary>
    public static double[,] ConnectionProbabilities => new double[,]
    {
        { 0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0,    0.0076, 0.0 },
        { 0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0,    0.0042, 0.0 },
        { 0.0077, 0.0059, 0.0497, 0.135,  0.0067, 0.0003, 0.0453, 0.0 },
        { 0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0,    0.1057, 0.0 },
        { 0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0 },
        { 0.0548, 0.0269, 0.0257, 0.0022, 0.06,   0.3158, 0.0086, 0.0 },
        { 0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252 },
        { 0.0364, 0.001,  0.0034, 0.0005, 0.0277, 0.008,  0.0658, 0.1443 },
    };

    /// <summary>External (background) in-degrees K_ext at full scale.</summary>
    public static IReadOnlyList<int> ExternalIndegrees { get; } = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100];

    /// <summary>Rate of each background Poisson input (Hz).</summary>
    public const double BackgroundRateHz = 8.0;

    /// <summary>Mean excitatory PSP amplitude (mV).</summary>
    public const double ExcitatoryPspMv = 0.15;

    /// <summary>Relative SD of the weights.</summary>
    public const double RelativeWeightSd = 0.1;

    /// <summary>Relative inhibitory strength g.</summary>
    public const double G = -4.0;

    /// <summary>Mean delay of synapses from excitatory populations (ms).</summary>
    public const double ExcitatoryDelayMs = 1.5;

    /// <summary>Mean delay of synapses from inhibitory populations (ms).</summary>
    public const double InhibitoryDelayMs = 0.75;

    /// <summary>Relative SD of the delays.</summary>
    public const double RelativeDelaySd = 0.5;

    /// <summary>Delay of the background Poisson input (ms).</summary>
    public const double PoissonDelayMs = 1.5;

    /// <summary>C_m (pF).</summary>
    public const double CapacitancePf = 250.0;
    /// <summary>tau_m (ms).</summary>
    public const double TauMembraneMs = 10.0;
    /// <summary>tau_syn, excitatory and inhibitory (ms).</summary>
    public const double TauSynMs = 0.5;
    /// <summary>E_L (mV).</summary>
    public const double RestingPotentialMv = -65.0;
    /// <summary>V_th (mV).</summary>
    public const double ThresholdMv = -50.0;
    /// <summary>V_reset (mV).</summary>
    public const double ResetMv = -65.0;
    /// <summary>t_ref (ms).</summary>
    public const double RefractoryMs = 2.0;

    /// <summary>Initial V_m mean per population (mV), the example's <c>V0_type = 'optimized'</c>.</summary>
    public static IReadOnlyList<double> InitialPotentialMeanMv { get; } = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43];

    /// <summary>Initial V_m SD per population (mV).</summary>
    public static IReadOnlyList<double> InitialPotentialSdMv { get; } = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48];

    /// <summary>Full-scale rates the example uses for the DC compensation when down-scaling (Hz);
    /// also NEST's full-scale reference rates.</summary>
    public static IReadOnlyList<double> FullScaleRatesHz { get; } = [0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829];

    /// <summary>NEST's reference rates of the 10 %-scale network, 1 s after 0.5 s warm-up (Hz).</summary>
    public static IReadOnlyList<double> TenPercentReferenceRatesHz { get; } = [0.402, 2.017, 3.880, 4.958, 6.575, 7.726, 0.831, 6.986];

    /// <summary>
    /// PSC amplitude (pA) per mV of PSP peak for an exponential current into a leaky membrane:
    /// 1 / [τ_m τ_s / (C (τ_s − τ_m)) · ((τ_m/τ_s)^(τ_m/(τ_s−τ_m)) − (τ_m/τ_s)^(τ_s/(τ_s−τ_m)))].
    /// With C = 250 pF, τ_m = 10 ms, τ_s = 0.5 ms, 0.15 mV ↔ 87.81 pA.
    /// </summary>
    public static double PscOverPsp(double capacitancePf, double tauMembraneMs, double tauSynMs)
    {
        var sub = 1.0 / (tauSynMs - tauMembraneMs);
        var pre = tauMembraneMs * tauSynMs / capacitancePf * sub;
        var frac = Math.Pow(tauMembraneMs / tauSynMs, sub);
        return 1.0 / (pre * (Math.Pow(frac, tauMembraneMs) - Math.Pow(frac, tauSynMs)));
    }

    /// <summary>Total synapse count of a full-scale projection with connection probability p:
    /// ln(1 − p) / ln((N_pre N_post − 1) / (N_pre N_post)), unrounded as in the example.</summary>
    public static double FullScaleSynapses(double probability, int targetSize, int sourceSize)
    {
        var product = (double)targetSize * sourceSize;
        return Math.Log(1.0 - probability) / Math.Log((product - 1.0) / product);
    }

    /// <summary>Builds the microcircuit with neuron numbers and in-degrees both scaled by <paramref name="scale"/>.</summary>
    /// <param name="scale">N_scaling = K_scaling, in (0, 1].</param>
    /// <param name="seed">Master seed.</param>
    public static NetworkSpec Create(double scale = 1.0, ulong seed = DefaultSeed)
    {
        if (!double.IsFinite(scale) || scale <= 0 || scale > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The microcircuit scale must be in (0, 1].");
        }

        var n = PopulationNames.Count;
        var probabilities = ConnectionProbabilities;
        var pscPerPsp = PscOverPsp(CapacitancePf, TauMembraneMs, TauSynMs);
        var pscMatrix = new double[n, n];
        var fullSynapses = new double[n, n];
        for (var t = 0; t < n; t++)
        {
            for (var s = 0; s < n; s++)
            {
                var psp = s % 2 == 0 ? ExcitatoryPspMv : ExcitatoryPspMv * G;
                if (t == 0 && s == 2)
                {
                    psp = 2 * ExcitatoryPspMv;
                }

                pscMatrix[t, s] = psp * pscPerPsp;
                fullSynapses[t, s] = FullScaleSynapses(probabilities[t, s], FullScaleSizes[t], FullScaleSizes[s]);
            }
        }

        var pscExternal = ExcitatoryPspMv * pscPerPsp;
        var dc = new double[n];
        var weightFactor = 1.0;
        if (scale != 1.0)
        {
            // The example's compensation: shrink K by `scale`, grow J by 1/√scale (keeps the input
            // variance) and add the lost mean input as a DC current.
            weightFactor = 1.0 / Math.Sqrt(scale);
            for (var t = 0; t < n; t++)
            {
                var recurrent = 0.0;
                for (var s = 0; s < n; s++)
                {
                    recurrent += pscMatrix[t, s] * (fullSynapses[t, s] / FullScaleSizes[t]) * FullScaleRatesHz[s];
                }

                var external = pscExternal * ExternalIndegrees[t] * BackgroundRateHz;
                dc[t] = 0.001 * TauSynMs * (1.0 - Math.Sqrt(scale)) * (recurrent + external);
            }
        }

        var populations = new List<PopulationSpec>(n);
        var stimuli = new List<StimulusSpec>(n);
        for (var i = 0; i < n; i++)
        {
            var parameters = new NeuronParameters
            {
                CapacitancePf = CapacitancePf,
                TauMembraneMs = TauMembraneMs,
                RestingPotentialMv = RestingPotentialMv,
                ThresholdMv = ThresholdMv,
                ResetMv = ResetMv,
                RefractoryMs = RefractoryMs,
                TauSynExMs = TauSynMs,
                TauSynInMs = TauSynMs,
                ExternalCurrentPa = dc[i],
            };
            var name = PopulationNames[i];
            var size = (int)Math.Round(FullScaleSizes[i] * scale, MidpointRounding.ToEven);
            populations.Add(new PopulationSpec(
                name, Math.Max(1, size), NeuronModel.IafPscExp, parameters,
                new Distribution(InitialPotentialMeanMv[i], InitialPotentialSdMv[i]),
                Region: "microcircuit", Layer: name[..^1],
                Provenance: "Potjans & Diesmann 2014, doi:10.1093/cercor/bhs358; NEST Potjans_2014 example",
                ReferenceRateHz: FullScaleRatesHz[i]));
            var indegree = (int)Math.Round(ExternalIndegrees[i] * scale, MidpointRounding.ToEven);
            stimuli.Add(new PoissonInput(name, BackgroundRateHz, indegree, pscExternal * weightFactor, PoissonDelayMs));
        }

        var projections = new List<ProjectionSpec>(n * n);
        for (var t = 0; t < n; t++)
        {
            for (var s = 0; s < n; s++)
            {
                var count = (long)Math.Round(fullSynapses[t, s] * scale * scale, MidpointRounding.ToEven);
                if (count <= 0)
                {
                    continue;
                }

                var weight = pscMatrix[t, s] * weightFactor;
                var delay = s % 2 == 0 ? ExcitatoryDelayMs : InhibitoryDelayMs;
                projections.Add(new ProjectionSpec(
                    PopulationNames[s], PopulationNames[t],
                    new ConnectionRule(ConnectionRuleKind.FixedTotalNumber, Count: count, AllowAutapses: true, AllowMultapses: true),
                    new SynapseSpec(
                        new Distribution(weight, Math.Abs(weight) * RelativeWeightSd),
                        new Distribution(delay, delay * RelativeDelaySd)),
                    Provenance: $"p = {probabilities[t, s].ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            }
        }

        return new NetworkSpec(
            scale == 1.0 ? Name : $"{Name} (scale {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            ResolutionMs, seed, populations, projections, stimuli, RecordingSpec.AllSpikes);
    }
}

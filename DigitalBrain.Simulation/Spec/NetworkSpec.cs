namespace DigitalBrain.Simulation.Spec;

/// <summary>
/// An immutable, JSON-serialisable description of a spiking network: everything a backend or an
/// exporter needs, and nothing about how it is simulated. A run is reproducible from a spec, its
/// duration and its <see cref="Seed"/> alone.
/// </summary>
/// <param name="Name">Human-readable name, used in exports and logs.</param>
/// <param name="ResolutionMs">Integration time step h in ms (NEST's default 0.1 ms).</param>
/// <param name="Seed">Master seed of the counter-based generator (NEST's <c>rng_seed</c>).</param>
/// <param name="Populations">Populations, in the order their neurons are numbered.</param>
/// <param name="Projections">Rule-based connections between populations.</param>
/// <param name="Stimuli">External inputs: Poisson background, DC currents, spike-time generators.</param>
/// <param name="Recording">What to record.</param>
public sealed record NetworkSpec(
    string Name,
    double ResolutionMs,
    ulong Seed,
    IReadOnlyList<PopulationSpec> Populations,
    IReadOnlyList<ProjectionSpec> Projections,
    IReadOnlyList<StimulusSpec> Stimuli,
    RecordingSpec Recording)
{
    /// <summary>Total number of neurons over all populations.</summary>
    public long NeuronCount => Populations.Sum(p => (long)p.Size);
}

/// <summary>A group of identical neurons (one cell type in one layer).</summary>
/// <param name="Name">Unique name within the spec (e.g. <c>L23E</c>).</param>
/// <param name="Size">Number of neurons (≥ 1).</param>
/// <param name="Model">Neuron model, with NEST's semantics.</param>
/// <param name="Parameters">Model constants; fields a model does not use are ignored.</param>
/// <param name="InitialPotential">Distribution of V_m at t = 0.</param>
/// <param name="Region">Region name for grouping (e.g. <c>M1</c>); optional.</param>
/// <param name="Layer">Layer name for grouping (e.g. <c>L2/3</c>); optional.</param>
/// <param name="Provenance">Where the values came from (method, n, DOIs); exporters print it as a comment.</param>
public sealed record PopulationSpec(
    string Name,
    int Size,
    NeuronModel Model,
    NeuronParameters Parameters,
    Distribution InitialPotential,
    string? Region = null,
    string? Layer = null,
    string? Provenance = null);

/// <summary>Rule-based connection from every neuron set of <see cref="Source"/> to <see cref="Target"/>.</summary>
/// <param name="Source">Name of the presynaptic population.</param>
/// <param name="Target">Name of the postsynaptic population.</param>
/// <param name="Rule">How source and target neurons are paired.</param>
/// <param name="Synapse">Weight and delay of each synapse.</param>
/// <param name="Provenance">Where the values came from; exporters print it as a comment.</param>
public sealed record ProjectionSpec(
    string Source,
    string Target,
    ConnectionRule Rule,
    SynapseSpec Synapse,
    string? Provenance = null);

/// <summary>NEST's connection rules.</summary>
public enum ConnectionRuleKind
{
    /// <summary>Each target neuron draws exactly <c>Count</c> sources.</summary>
    FixedIndegree,
    /// <summary>Each source neuron draws exactly <c>Count</c> targets.</summary>
    FixedOutdegree,
    /// <summary>Each (source, target) pair is connected with probability <c>Probability</c>.</summary>
    PairwiseBernoulli,
    /// <summary>Exactly <c>Count</c> synapses with uniformly drawn source and target.</summary>
    FixedTotalNumber,
    /// <summary>Neuron i of the source to neuron i of the target (sizes must match).</summary>
    OneToOne,
    /// <summary>Every source to every target.</summary>
    AllToAll,
}

/// <param name="Kind">The rule.</param>
/// <param name="Count">In-degree, out-degree or total number, for the rules that take one.</param>
/// <param name="Probability">Connection probability in [0, 1] for <see cref="ConnectionRuleKind.PairwiseBernoulli"/>.</param>
/// <param name="AllowAutapses">Whether a neuron may connect to itself (only matters when source = target).</param>
/// <param name="AllowMultapses">Whether the same pair may be connected more than once.</param>
public sealed record ConnectionRule(
    ConnectionRuleKind Kind,
    long Count = 0,
    double Probability = 0,
    bool AllowAutapses = true,
    bool AllowMultapses = true);

/// <summary>A static synapse. For current-based models the weight is in pA, for conductance-based
/// models in nS, for <c>iaf_psc_delta</c> in mV (the jump of V_m, as in NEST); its sign selects the
/// excitatory (≥ 0) or inhibitory (&lt; 0) receptor, as in NEST.</summary>
/// <param name="Weight">Weight distribution; a normal is redrawn until its sign equals the mean's (NEST's <c>redraw</c> with min 0 or max 0).</param>
/// <param name="DelayMs">Delay distribution in ms; a normal is redrawn until ≥ the resolution.</param>
/// <param name="Model">NEST synapse model name.</param>
public sealed record SynapseSpec(
    Distribution Weight,
    Distribution DelayMs,
    string Model = "static_synapse");

/// <summary>Constant (<c>Sd</c> = 0) or normal distribution.</summary>
public sealed record Distribution(double Mean, double Sd = 0)
{
    public static Distribution Constant(double value) => new(value);

    public bool IsConstant => Sd == 0;
}

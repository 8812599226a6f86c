using System.Text.Json.Serialization;

namespace DigitalBrain.Simulation.Spec;

/// <summary>An external input to every neuron of one population.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PoissonInput), "poisson")]
[JsonDerivedType(typeof(DcInput), "dc")]
[JsonDerivedType(typeof(SpikeTimesInput), "spike_times")]
public abstract record StimulusSpec(string Target);

/// <summary>
/// Independent Poisson background: each target neuron receives <see cref="Indegree"/> × <see cref="RateHz"/>
/// spikes per second of weight <see cref="WeightPa"/> (NEST: one <c>poisson_generator</c> of rate K·ν per neuron).
/// </summary>
public sealed record PoissonInput(string Target, double RateHz, int Indegree, double WeightPa, double DelayMs)
    : StimulusSpec(Target)
{
    /// <summary>Total rate seen by one neuron (Hz).</summary>
    public double TotalRateHz => RateHz * Indegree;
}

/// <summary>Constant current from <see cref="StartMs"/> until <see cref="StopMs"/> (null: until the end).</summary>
public sealed record DcInput(string Target, double AmplitudePa, double StartMs = 0, double? StopMs = null)
    : StimulusSpec(Target);

/// <summary>A spike generator emitting at the given times, connected to every target neuron.</summary>
public sealed record SpikeTimesInput(string Target, IReadOnlyList<double> TimesMs, double WeightPa, double DelayMs)
    : StimulusSpec(Target);

using System.Runtime.CompilerServices;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>Draws the weight and delay of synapse number <c>key</c> of a projection. Normal weights are
/// redrawn until their sign equals the mean's; normal delays until ≥ h (NEST's <c>redraw</c>); delays are
/// then rounded to whole steps as NEST does.</summary>
internal sealed class SynapseSampler
{
    public const int MaxDelaySteps = byte.MaxValue;
    private readonly double _wMean, _wSd, _dMean, _dSd, _h, _perStep;
    private readonly ulong _key;
    private readonly bool _constant;
    private readonly float _constantWeight;
    private readonly byte _constantDelay;

    public SynapseSampler(SynapseSpec synapse, double h, ulong key, string name)
    {
        (_wMean, _wSd, _dMean, _dSd, _h, _key) = (synapse.Weight.Mean, synapse.Weight.Sd, synapse.DelayMs.Mean, synapse.DelayMs.Sd, h, key);
        _perStep = 1.0 / h;
        if (!double.IsFinite(_wMean) || !double.IsFinite(_wSd) || _wSd < 0 || !double.IsFinite(_dMean) || !double.IsFinite(_dSd) || _dSd < 0)
        {
            throw new ArgumentException($"Projection {name}: weight and delay must be finite with SD ≥ 0.", nameof(synapse));
        }

        if (_dSd == 0 && _dMean < h)
        {
            throw new ArgumentException($"Projection {name}: delay {_dMean} ms is below the resolution {h} ms.", nameof(synapse));
        }

        if (_dMean + 10 * _dSd > MaxDelaySteps * h)
        {
            throw new NotSupportedException($"Projection {name}: delays up to {MaxDelaySteps} steps are supported.");
        }

        _constant = _wSd == 0 && _dSd == 0;
        _constantWeight = (float)_wMean;
        _constantDelay = ToSteps(_dMean);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (float Weight, byte Delay) Draw(ulong key)
    {
        if (_constant)
        {
            return (_constantWeight, _constantDelay);
        }

        var (z0, z1) = CounterRng.Normals(_key, key);
        var w = _wMean + _wSd * z0;
        for (ulong attempt = 1; _wSd > 0 && (_wMean >= 0 ? w < 0 : w > 0); attempt++)
        {
            w = _wMean + _wSd * CounterRng.Normals(CounterRng.SubKey(_key, attempt), key).First;
        }

        var d = _dMean + _dSd * z1;
        for (ulong attempt = 1; _dSd > 0 && d < _h; attempt++)
        {
            d = _dMean + _dSd * CounterRng.Normals(CounterRng.SubKey(_key, (1UL << 40) + attempt), key).Second;
        }

        return ((float)(_dSd > 0 || _wSd > 0 ? w : _wMean), _dSd > 0 ? ToSteps(d) : _constantDelay);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ToSteps(double ms)
    {
        // NEST's ld_round: ⌊ms/h + 0.5⌋ (ms > 0 here).
        var steps = Math.Max(1, (long)(ms * _perStep + 0.5));
        if (steps > MaxDelaySteps)
        {
            TooLong(ms);
        }

        return (byte)steps;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void TooLong(double ms) =>
        throw new NotSupportedException($"A delay of {ms} ms exceeds {MaxDelaySteps} steps.");
}

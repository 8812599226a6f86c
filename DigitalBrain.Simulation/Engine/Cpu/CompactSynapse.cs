using System.Runtime.CompilerServices;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// One synapse in one 64-bit word, the GPU backend's layout: local target (bits 0–31) | delay in steps
/// (bits 32–39) | weight as a signed 24-bit fixed-point integer q = round(w·2^k) (bits 40–63). 8 bytes
/// instead of 9 in three arrays, so the build writes and delivery reads one array. The scale 2^k is one
/// per network (<see cref="ScaleFor"/>), a power of two, so q·2^−k is exact in single precision and the
/// only error is the rounding: |w − q·2^−k| ≤ 2^−(k+1) for |w| within the bound.
/// </summary>
internal static class CompactSynapse
{
    /// <summary>Largest |q|: 23 bits and the sign.</summary>
    public const long MaxQuantised = (1L << 23) - 1;

    /// <summary>2^k for a network: the largest k ≤ 40 with max over projections of (|mean| + 8 SD) of the
    /// weights ≤ <see cref="MaxQuantised"/>·2^−k. Normal weights beyond 8 SD (P &lt; 10⁻¹⁵) are clipped.
    /// The same rule as the GPU backend's, so both quantise a weight to the same integer.</summary>
    public static double ScaleFor(NetworkSpec spec)
    {
        var bound = spec.Projections.Select(p => Math.Abs(p.Synapse.Weight.Mean) + 8 * p.Synapse.Weight.Sd).DefaultIfEmpty(0).Max();
        return bound > 0 ? Math.Pow(2, Math.Min(40, Math.Floor(Math.Log2(MaxQuantised / bound)))) : 1;
    }

    /// <summary>round(w·scale) (ties to even), clipped to ±<see cref="MaxQuantised"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Quantise(float weight, double scale) =>
        Math.Clamp((long)Math.Round(weight * scale), -MaxQuantised, MaxQuantised);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pack(int target, byte delay, long quantised) =>
        ((ulong)quantised << 40) | ((ulong)delay << 32) | (uint)target;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Target(ulong word) => (int)(uint)word;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Delay(ulong word) => (byte)(word >> 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Quantised(ulong word) => (int)((long)word >> 40);

    /// <summary>The weight q·<paramref name="inverseScale"/> (exact: q has 24 bits, the scale is 2^−k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Weight(ulong word, float inverseScale) => Quantised(word) * inverseScale;
}

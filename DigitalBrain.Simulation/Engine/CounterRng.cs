using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DigitalBrain.Simulation.Engine;

/// <summary>
/// Counter-based random numbers: every draw is a pure function of (seed, stream, index…), computed by
/// the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014, doi:10.1145/2660193.2660195). No generator
/// state is carried between draws, so the numbers a neuron or synapse gets do not depend on which
/// thread (or GPU lane) asks, nor in which order.
/// </summary>
public static class CounterRng
{
    private const ulong Golden = GoldenGamma;

    /// <summary>The SplitMix64 increment (2⁶⁴/φ, odd).</summary>
    public const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Streams: one per purpose, so that draws of different purposes never coincide.</summary>
    public const ulong InitialPotentialStream = 1;

    /// <summary>First Poisson stream; stimulus i uses <c>PoissonStream + i</c>.</summary>
    public const ulong PoissonStream = 1_000;

    /// <summary>First connectivity stream; projection i uses <c>ProjectionStream + 4 i</c> (+1 for weights and delays).</summary>
    public const ulong ProjectionStream = 1_000_000;

    /// <summary>The SplitMix64 output function: a bijective 64-bit mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary><see cref="Mix(ulong)"/> of eight values at once (bit-identical).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    /// <summary>Key of a (seed, stream) pair.</summary>
    public static ulong StreamKey(ulong seed, ulong stream) => Mix(Mix(seed + Golden) ^ Mix(stream * Golden + 0x632BE59BD9B4E019UL));

    /// <summary>Derives a sub-key (e.g. per step or per neuron) from a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubKey(ulong key, ulong index) => Mix(key ^ Mix(index + Golden));

    /// <summary>The <paramref name="counter"/>-th 64-bit value of the sequence of <paramref name="key"/>
    /// (a SplitMix64 sequence seeded by the key).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong At(ulong key, ulong counter) => Mix(key + (counter + 1) * Golden);

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    /// <summary>Integer in [0, n) from 32 random bits (Lemire's multiply-shift; bias ≤ n / 2³²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Below(uint bits, int n) => (int)(((ulong)bits * (uint)n) >> 32);

    /// <summary>Two independent standard normals from the sequence of <paramref name="key"/> at
    /// <paramref name="counter"/>, by Marsaglia's polar method (Marsaglia &amp; Bray 1964): u, v uniform on
    /// (−1, 1) from the two 32-bit halves, redrawn (from sub-keys of <paramref name="key"/>) until
    /// 0 &lt; s = u² + v² &lt; 1; then u·√(−2 ln s / s) and v·√(−2 ln s / s). Computed in single precision:
    /// the values become float weights and whole-step delays, and 32-bit uniforms limit them anyway.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float First, float Second) Normals(ulong key, ulong counter)
    {
        var bits = At(key, counter);
        for (ulong attempt = 1; ; attempt++)
        {
            var u = ((int)(uint)(bits >> 32) + 0.5f) * (1.0f / 2147483648.0f);
            var v = ((int)(uint)bits + 0.5f) * (1.0f / 2147483648.0f);
            var s = u * u + v * v;
            if (s < 1.0f && s > 0f)
            {
                var f = MathF.Sqrt(-2.0f * MathF.Log(s) / s);
                return (u * f, v * f);
            }

            bits = At(SubKey(key, attempt ^ 0x5DEECE66DUL), counter);
        }
    }
}

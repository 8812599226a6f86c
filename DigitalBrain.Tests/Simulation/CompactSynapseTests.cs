using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

/// <summary>The 64-bit synapse word: target and delay round-trip exactly, the weight to within half a
/// quantum, with its sign (the receptor) kept.</summary>
public sealed class CompactSynapseTests
{
    private static NetworkSpec WithWeights(params Distribution[] weights) => TestNetworks.TwoPopulations(new ConnectionRule(ConnectionRuleKind.FixedIndegree, 5)) with
    {
        Projections = [.. weights.Select(w => new ProjectionSpec("A", "B", new ConnectionRule(ConnectionRuleKind.FixedIndegree, 5), new SynapseSpec(w, new Distribution(1.5))))],
    };

    [Fact]
    public void ScaleIsTheLargestPowerOfTwoThatFitsTheWeightBound()
    {
        // Bound: max(|87.81| + 8·8.781, |−878.1| + 8·87.81) = 1580.58 pA.
        var scale = CompactSynapse.ScaleFor(WithWeights(new Distribution(87.81, 8.781), new Distribution(-878.1, 87.81)));
        const double bound = 878.1 + 8 * 87.81;
        Assert.Equal(Math.Pow(2, Math.Floor(Math.Log2(scale))), scale);
        Assert.True(bound * scale <= CompactSynapse.MaxQuantised);
        Assert.True(bound * scale * 2 > CompactSynapse.MaxQuantised);
        Assert.Equal(4096, scale);
    }

    [Fact]
    public void TargetDelayAndWeightRoundTrip()
    {
        const double bound = 878.1 + 8 * 87.81;
        var scale = CompactSynapse.ScaleFor(WithWeights(new Distribution(-878.1, 87.81)));
        var inverse = (float)(1 / scale);
        var key = CounterRng.StreamKey(5, 77);
        var worst = 0.0;
        for (ulong i = 0; i < 200_000; i++)
        {
            var bits = CounterRng.At(key, i);
            var target = (int)(bits & int.MaxValue);
            var delay = (byte)(bits >> 32);
            var weight = (float)((CounterRng.Uniform(CounterRng.Mix(bits)) * 2 - 1) * bound);
            var word = CompactSynapse.Pack(target, delay, CompactSynapse.Quantise(weight, scale));
            Assert.Equal(target, CompactSynapse.Target(word));
            Assert.Equal(delay, CompactSynapse.Delay(word));
            var back = CompactSynapse.Weight(word, inverse);
            worst = Math.Max(worst, Math.Abs(back - weight));
            if (Math.Abs(weight) * scale > 0.5)
            {
                // The receptor is the sign bit of the word.
                Assert.Equal(weight < 0, word >> 63 == 1);
            }
        }

        // Rounding error at most half a quantum 2^−k (k = 12 here: 1.2e-4 pA), and it is reached.
        Assert.InRange(worst, 0.45 / scale, 0.5 / scale);
    }

    [Fact]
    public void WeightsBeyondTheBoundAreClipped()
    {
        const double scale = 4096;
        Assert.Equal(CompactSynapse.MaxQuantised, CompactSynapse.Quantise(1e6f, scale));
        Assert.Equal(-CompactSynapse.MaxQuantised, CompactSynapse.Quantise(-1e6f, scale));
        Assert.Equal(0, CompactSynapse.Quantise(0f, scale));
    }
}

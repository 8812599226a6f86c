using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;

namespace DigitalBrain.Tests.Simulation;

public sealed class WholeBrainTests
{
    [Fact]
    public void The_benchmark_has_the_SNNBuilder_model_size_and_shape()
    {
        var spec = BuiltinNetworks.Load("builtin:wholebrain");

        Assert.Equal(1_010_001, spec.NeuronCount);
        Assert.Equal(65, spec.Populations.Count);
        Assert.Equal(33, spec.Populations.Select(p => (p.Region, p.Layer)).Distinct().Count());
        var regions = spec.Populations.GroupBy(p => p.Region).ToDictionary(g => g.Key!, g => g.Sum(p => p.Size));
        Assert.Equal(58_805, regions["M1"]);
        Assert.Equal(94_396, regions["S1"]);
        Assert.Equal(8_192, regions["VL"]);
        Assert.Equal(8_192, regions["VM"]);
        Assert.Equal(10_976, regions["BG"]);
        Assert.Equal(414_720, regions["CB_M1"]);
        Assert.Equal(414_720, regions["CB_S1"]);
        Assert.All(spec.Populations, p => Assert.Contains("structural benchmark", p.Provenance, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.1)]
    public void Every_neuron_receives_the_fixed_in_degree_whatever_the_scale(double scale)
    {
        var spec = WholeBrain.Create(scale);
        var indegrees = spec.Projections.GroupBy(p => p.Target).ToDictionary(g => g.Key, g => g.Sum(p => p.Rule.Count));

        Assert.All(spec.Populations, p => Assert.Equal(WholeBrain.Indegree, indegrees[p.Name]));
        Assert.All(spec.Projections, p => Assert.Equal(ConnectionRuleKind.FixedIndegree, p.Rule.Kind));
        var synapses = spec.Populations.Sum(p => (long)p.Size * WholeBrain.Indegree);
        Assert.InRange(synapses, (long)(1.5e9 * scale * 0.99), (long)(1.53e9 * scale));
    }
}

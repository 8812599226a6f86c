using DigitalBrain.Core.Runs;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Tests.Runs;

public sealed class RunAnalysisTests
{
    private static SimulationOutput Output(params PopulationSpikes[] populations) =>
        new("cpu", 2, 20, 100, 0.1, 0.2, 1 << 20, 1000, populations, []);

    [Fact]
    public void Per_population_figures_per_neuron_rates_and_chunks_come_from_the_spikes()
    {
        // Neuron 0 fires every 100 ms (10 Hz, CV 0); neuron 1 three times (3 Hz); neuron 2 never.
        var times = Enumerable.Range(1, 10).Select(k => k * 100f).Concat([150f, 450f, 950f]).ToArray();
        var neurons = Enumerable.Repeat(0, 10).Concat([1, 1, 1]).ToArray();
        Array.Sort(times, neurons);
        var spec = Brunel.Create(0.01);

        var outcome = new RunAnalysis().Summarise(spec, Output(new PopulationSpikes("E", 10, 3, neurons, times)), spikeCapBytes: 1 << 20);

        var result = Assert.Single(outcome.Populations);
        Assert.Equal((10 + 3 + 0) / 3.0, result.RateHz, 9);
        Assert.Equal([10f, 3f, 0f], result.NeuronRates);
        Assert.Equal(2, result.NeuronCvs.Length);
        Assert.Equal(0f, result.NeuronCvs[0], 1e-6f);
        Assert.Equal(13, outcome.SpikeCount);
        var chunk = Assert.Single(outcome.SpikeChunks);
        Assert.Equal(13, chunk.SpikeCount);
        Assert.Equal(neurons, SpikeCodec.Decode(chunk.Data).Neurons);
        Assert.False(outcome.SpikesTruncated);
    }

    [Fact]
    public void Spikes_beyond_the_cap_are_left_out_and_the_run_says_so()
    {
        var count = RunAnalysis.ChunkSpikes + 10;
        var neurons = Enumerable.Range(0, count).Select(i => i % 7).ToArray();
        var times = Enumerable.Range(0, count).Select(i => i * 0.0001f).ToArray();
        var spec = Brunel.Create(0.01);

        var outcome = new RunAnalysis().Summarise(spec, Output(new PopulationSpikes("E", 7, 7, neurons, times)), spikeCapBytes: 64);

        Assert.True(outcome.SpikesTruncated);
        Assert.Empty(outcome.SpikeChunks);
        Assert.Equal(count, outcome.SpikeCount);
    }
}

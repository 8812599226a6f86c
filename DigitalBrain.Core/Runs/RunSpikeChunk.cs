namespace DigitalBrain.Core.Runs;

/// <summary>A piece of a run's full spike data (<see cref="SpikeCodec"/>-encoded), stored in
/// PostgreSQL so that any web instance can serve it, whichever worker ran the job.</summary>
public sealed class RunSpikeChunk
{
    public Guid RunId { get; set; }
    public string Population { get; set; } = "";
    public int Index { get; set; }
    public int SpikeCount { get; set; }
    public byte[] Data { get; set; } = [];
}

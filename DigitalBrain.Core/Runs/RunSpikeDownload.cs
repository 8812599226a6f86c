using System.Globalization;
using System.IO.Compression;
using System.Text;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Runs;

/// <summary>What a download of a run's full spikes will hold: known before the first byte is sent,
/// so that the response can say it in its headers.</summary>
public sealed record SpikeDownloadInfo(Guid RunId, RunStatus Status, long SpikeCount, long StoredSpikes, bool Truncated)
{
    public bool Available => Status == RunStatus.Succeeded;
}

/// <summary>
/// Streams a finished run's full spike data as gzip-compressed CSV (<c>population,neuron,time_ms</c>;
/// neuron ids local to the population, times in ms of model time, presimulation excluded as the
/// engine records it), reading one stored chunk at a time, so any web instance can serve a run of
/// any size with bounded memory (one chunk: at most <see cref="RunAnalysis.ChunkSpikes"/> spikes).
/// Rows come population by population in the run's population order, each in time order.
/// </summary>
public sealed class RunSpikeDownload(IDbContextFactory<AppDbContext> factory)
{
    public const string CsvHeader = "population,neuron,time_ms";

    /// <summary>Checks the caller may read the run (viewer of its model) and describes the download.
    /// Throws <see cref="NotFoundException"/> or <see cref="AccessDeniedException"/> as reading the run does.</summary>
    public async Task<SpikeDownloadInfo> DescribeAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.SimulationRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.BrainModelId, r.Status, r.SpikeCount, r.SpikesTruncated })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException($"Run {runId} not found.");
        await ModelAccess.RequireAsync(db, run.BrainModelId, actor, ModelRole.Viewer, ct);
        var stored = await db.RunSpikeChunks.Where(c => c.RunId == runId).SumAsync(c => (long)c.SpikeCount, ct);
        return new SpikeDownloadInfo(runId, run.Status, run.SpikeCount ?? 0, stored, run.SpikesTruncated);
    }

    /// <summary>Writes the gzip'd CSV to <paramref name="destination"/>. Call after
    /// <see cref="DescribeAsync"/> has allowed the caller.</summary>
    public async Task WriteCsvGzipAsync(Guid runId, Stream destination, CancellationToken ct = default)
    {
        await using var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        // leaveOpen: the writer would close the gzip stream synchronously, which a response body refuses.
        await using var writer = new StreamWriter(gzip, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        await writer.WriteLineAsync(CsvHeader.AsMemory(), ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var populations = await db.RunPopulationResults.AsNoTracking().Where(p => p.RunId == runId)
            .OrderBy(p => p.Order).Select(p => p.Population).ToListAsync(ct);
        foreach (var population in populations)
        {
            var name = CsvField(population);
            var chunkIndexes = await db.RunSpikeChunks.Where(c => c.RunId == runId && c.Population == population)
                .OrderBy(c => c.Index).Select(c => c.Index).ToListAsync(ct);
            foreach (var index in chunkIndexes)
            {
                // One chunk in memory at a time: the query returns a single row.
                var data = await db.RunSpikeChunks.Where(c => c.RunId == runId && c.Population == population && c.Index == index)
                    .Select(c => c.Data).SingleAsync(ct);
                var (neurons, times) = SpikeCodec.Decode(data);
                await WriteRowsAsync(writer, name, neurons, times, ct);
            }
        }
        await writer.FlushAsync(ct);
    }

    private static async Task WriteRowsAsync(StreamWriter writer, string population, int[] neurons, float[] times, CancellationToken ct)
    {
        var line = new char[population.Length + 40];
        population.CopyTo(line);
        line[population.Length] = ',';
        for (var i = 0; i < neurons.Length; i++)
        {
            var at = population.Length + 1;
            neurons[i].TryFormat(line.AsSpan(at), out var written, provider: CultureInfo.InvariantCulture);
            at += written;
            line[at++] = ',';
            // Shortest text that parses back to the same float: exact for the engine's step-multiple times.
            times[i].TryFormat(line.AsSpan(at), out written, "R", CultureInfo.InvariantCulture);
            at += written;
            line[at++] = '\n';
            // Async: the response stream refuses synchronous writes when the writer's buffer spills.
            await writer.WriteAsync(line.AsMemory(0, at), ct);
        }
    }

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}

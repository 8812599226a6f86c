using System.Globalization;
using System.Text;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Spec;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Runs;

/// <summary>What a user chooses when launching a run.</summary>
public sealed record RunSettings(double SimulateMs, double PresimMs, ulong Seed, double Scale, BackendKind Backend)
{
    public const double MaxSimulateMs = 3_600_000;

    /// <summary>Models above this many neurons default to a tenth of their size.</summary>
    public const long LargeModelNeurons = 10_000;

    /// <summary>The launch dialog's defaults for a model of <paramref name="neurons"/> neurons.</summary>
    public static RunSettings DefaultFor(long neurons) =>
        new(1000, 500, 55, neurons > LargeModelNeurons ? 0.1 : 1.0, BackendKind.Auto);
}

/// <summary>A run as lists show it.</summary>
public sealed record RunView(Guid Id, Guid ModelId, Guid VersionId, int VersionNumber, string VersionHash, RunStatus Status,
    double Progress, double SimulatedMs, double? EtaSeconds, double SimulateMs, double PresimMs, ulong Seed, double Scale,
    BackendKind Backend, string? BackendUsed, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Error, bool CancelRequested);

/// <summary>A run with its outcome figures and per-population results (spike samples left out), and
/// while it is in progress (or after it stopped unfinished) its live rate traces.</summary>
public sealed record RunDetails(RunView Run, SimulationRun Facts, IReadOnlyList<PopulationResultView> Populations, LiveRates? Live = null);

/// <summary>One population's results beside its reference rate from the run's version.</summary>
public sealed record PopulationResultView(string Population, int Size, int RecordedNeurons, double RateHz, double RateSdHz,
    double? CvIsi, double? Synchrony, double BinMs, float[] RateSeries, RateComparisonRow Comparison);

/// <summary>One population's figures as the run stored them, without a reference to compare with.</summary>
public sealed record PopulationFigures(string Population, int Size, int RecordedNeurons, double RateHz, double RateSdHz,
    double? CvIsi, double? Synchrony, double BinMs, float[] RateSeries);

/// <summary>The decoded spike sample of one population (neuron ids local to the population).</summary>
public sealed record PopulationSpikeSample(string Population, int Size, int[] Neurons, float[] TimesMs);

/// <summary>Launching, listing, reading and cancelling simulation runs. Viewers read; curators
/// and owners launch and cancel. Executing a run is the worker's job (Web hands the returned id
/// to the queue).</summary>
public sealed class RunService(IDbContextFactory<AppDbContext> factory, VersionService versions, RunLifecycle lifecycle)
{
    /// <summary>Freezes the model's current estimates (reusing the latest version when equal) and
    /// stores a queued run of it. Throws <see cref="ValidationException"/> for bad settings and
    /// <see cref="CompilationException"/> when values are missing; writes nothing then.</summary>
    public async Task<Guid> LaunchAsync(Actor actor, Guid modelId, RunSettings settings, CancellationToken ct = default)
    {
        Validate(settings);
        var (version, _) = await versions.CreateAsync(actor, modelId, null, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var run = new SimulationRun
        {
            Id = Guid.NewGuid(), ModelVersionId = version.Id, BrainModelId = modelId, CreatedById = actor.UserId, CreatedAt = now,
            UpdatedAt = now, SimulateMs = settings.SimulateMs, PresimMs = settings.PresimMs, Seed = settings.Seed, Scale = settings.Scale,
            Backend = settings.Backend, Status = RunStatus.Queued,
            Queue = RunQueues.QueueFor(settings.Backend, version.NeuronCount, settings.Scale, settings.SimulateMs + settings.PresimMs),
        };
        db.SimulationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await Live.ChangeFeed.PublishAsync(db, RunLifecycle.ModelRunsTopic(modelId), ct);
        return run.Id;
    }

    public static void Validate(RunSettings settings)
    {
        var errors = new List<ValidationError>();
        if (!double.IsFinite(settings.SimulateMs) || settings.SimulateMs <= 0 || settings.SimulateMs > RunSettings.MaxSimulateMs)
            errors.Add(new("simulateMs", "range", $"Simulated time must be a number of ms in (0, {RunSettings.MaxSimulateMs.ToString(CultureInfo.InvariantCulture)}]."));
        if (!double.IsFinite(settings.PresimMs) || settings.PresimMs < 0 || settings.PresimMs > RunSettings.MaxSimulateMs)
            errors.Add(new("presimMs", "range", $"Pre-simulation time must be a number of ms in [0, {RunSettings.MaxSimulateMs.ToString(CultureInfo.InvariantCulture)}]."));
        if (!double.IsFinite(settings.Scale) || settings.Scale <= 0 || settings.Scale > 1)
            errors.Add(new("scale", "range", "Scale must be in (0, 1]."));
        if (!Enum.IsDefined(settings.Backend))
            errors.Add(new("backend", "enum", "Backend must be cpu, gpu or auto."));
        ValidationException.ThrowIfAny(errors);
    }

    public async Task<IReadOnlyList<RunView>> ListAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        var rows = await db.SimulationRuns.AsNoTracking().Where(r => r.BrainModelId == modelId)
            .Join(db.ModelVersions, r => r.ModelVersionId, v => v.Id, (r, v) => new { Run = r, v.Number, v.ContentHash })
            .OrderByDescending(x => x.Run.CreatedAt).ToListAsync(ct);
        return rows.Select(x => View(x.Run, x.Number, x.ContentHash)).ToList();
    }

    /// <summary>The model's runs as stored, newest first: every fact of each, no version details.</summary>
    public async Task<IReadOnlyList<SimulationRun>> ListFactsAsync(Actor actor, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await ModelAccess.RequireAsync(db, modelId, actor, ModelRole.Viewer, ct);
        return await db.SimulationRuns.AsNoTracking().Where(r => r.BrainModelId == modelId).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
    }

    /// <summary>One run as stored, without its version or results: cheap enough to poll.</summary>
    public async Task<SimulationRun> GetFactsAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await LoadRunAsync(db, actor, runId, ct);
    }

    public async Task<RunDetails> GetAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (run, version) = await LoadVisibleAsync(db, actor, runId, ct);
        var references = await ReferenceRates.LoadAsync(db, run.BrainModelId, NetworkSpecJson.Deserialize(version.SpecJson), ct);
        var populations = (await FiguresAsync(db, runId, ct)).Select(p =>
        {
            var reference = references.GetValueOrDefault(p.Population);
            return new PopulationResultView(p.Population, p.Size, p.RecordedNeurons, p.RateHz, p.RateSdHz, p.CvIsi, p.Synchrony, p.BinMs,
                p.RateSeries, RateComparison.Compare(p.Population, p.RateHz, p.RateSdHz, reference?.Reference, reference?.Region));
        }).ToList();
        return new RunDetails(View(run, version.Number, version.ContentHash), run, populations, LiveRateTrace.FromJson(run.LiveRates)?.ToRates());
    }

    /// <summary>Asks the run to stop; false when it had already finished. Its creator (still a
    /// curator) or the model's owner may: a curator cannot stop a colleague's run.</summary>
    public async Task<bool> CancelAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var run = await FindAsync(db, runId, ct);
            var role = await ModelAccess.RequireAsync(db, run.BrainModelId, actor, ModelRole.Curator, ct);
            if (role < ModelRole.Owner && run.CreatedById != actor.UserId)
                throw new AccessDeniedException("Only the run's creator (as curator) or the model's owner may cancel it.");
        }
        return await lifecycle.RequestCancelAsync(runId, ct);
    }

    /// <summary>The stored spike sample of every population, decoded, in population order.</summary>
    public async Task<IReadOnlyList<PopulationSpikeSample>> SpikesAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await LoadRunAsync(db, actor, runId, ct);
        var samples = await db.RunPopulationResults.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Order)
            .Select(p => new { p.Population, p.Size, p.SpikeSample }).ToListAsync(ct);
        return samples.Select(s =>
        {
            var (neurons, times) = s.SpikeSample.Length == 0 ? ([], []) : SpikeCodec.Decode(s.SpikeSample);
            return new PopulationSpikeSample(s.Population, s.Size, neurons, times);
        }).ToList();
    }

    /// <summary>Per-population figures in population order, without the reference rates (no version read).</summary>
    public async Task<IReadOnlyList<PopulationFigures>> ResultsAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await LoadRunAsync(db, actor, runId, ct);
        return await FiguresAsync(db, runId, ct);
    }

    /// <summary>The version JSON of a run, for comparing what differs between runs.</summary>
    public async Task<string> SpecJsonAsync(Actor actor, Guid runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (_, version) = await LoadVisibleAsync(db, actor, runId, ct);
        return version.SpecJson;
    }

    /// <summary>Per-population results as CSV (invariant culture, '.' decimals, empty cell for no value).</summary>
    public async Task<string> ExportCsvAsync(Actor actor, Guid runId, CancellationToken ct = default) =>
        ToCsv(await GetAsync(actor, runId, ct));

    public static string ToCsv(RunDetails details)
    {
        var csv = new StringBuilder("population,size,recorded_neurons,rate_hz,rate_sd_hz,cv_isi,synchrony,reference_rate_hz,agreement\n");
        foreach (var p in details.Populations)
        {
            csv.Append(Quote(p.Population)).Append(',')
                .Append(p.Size.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(p.RecordedNeurons.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(p.RateHz)).Append(',')
                .Append(Number(p.RateSdHz)).Append(',')
                .Append(Number(p.CvIsi)).Append(',')
                .Append(Number(p.Synchrony)).Append(',')
                .Append(Number(p.Comparison.Reference?.ValueHz)).Append(',')
                .Append(p.Comparison.Agreement.ToString()).Append('\n');
        }
        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static async Task<SimulationRun> FindAsync(AppDbContext db, Guid runId, CancellationToken ct) =>
        await db.SimulationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
        ?? throw new NotFoundException($"Run {runId} not found.");

    /// <summary>The run when the actor may view its model; a private model's runs do not exist for outsiders.</summary>
    private static async Task<SimulationRun> LoadRunAsync(AppDbContext db, Actor actor, Guid runId, CancellationToken ct)
    {
        var run = await FindAsync(db, runId, ct);
        await ModelAccess.RequireAsync(db, run.BrainModelId, actor, ModelRole.Viewer, ct);
        return run;
    }

    private static async Task<(SimulationRun Run, ModelVersion Version)> LoadVisibleAsync(AppDbContext db, Actor actor, Guid runId, CancellationToken ct)
    {
        var run = await LoadRunAsync(db, actor, runId, ct);
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == run.ModelVersionId, ct);
        return (run, version);
    }

    private static async Task<List<PopulationFigures>> FiguresAsync(AppDbContext db, Guid runId, CancellationToken ct) =>
        await db.RunPopulationResults.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Order)
            .Select(p => new PopulationFigures(p.Population, p.Size, p.RecordedNeurons, p.RateHz, p.RateSdHz, p.CvIsi, p.Synchrony, p.BinMs, p.RateSeries))
            .ToListAsync(ct);

    private static RunView View(SimulationRun r, int versionNumber, string versionHash) => new(r.Id, r.BrainModelId, r.ModelVersionId,
        versionNumber, versionHash, r.Status, r.Progress, r.SimulatedMs, r.EtaSeconds, r.SimulateMs, r.PresimMs, r.Seed, r.Scale, r.Backend,
        r.BackendUsed, r.CreatedAt, r.FinishedAt, r.Error, r.CancelRequested);
}

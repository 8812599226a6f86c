using DigitalBrain.Core.Data;
using DigitalBrain.Core.Runs;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Web.Runs;

/// <summary>Hands a queued run to Hangfire: the job carries only the run's id, on the queue that
/// fits its size and backend.</summary>
public sealed class RunQueue(IBackgroundJobClient jobs, IDbContextFactory<AppDbContext> factory)
{
    public async Task<string> EnqueueAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.Set<SimulationRun>().SingleAsync(r => r.Id == runId, ct);
        var jobId = jobs.Create<SimulationJob>(job => job.ExecuteAsync(runId, CancellationToken.None), new EnqueuedState(run.Queue));
        run.JobId = jobId;
        await db.SaveChangesAsync(ct);
        return jobId;
    }
}

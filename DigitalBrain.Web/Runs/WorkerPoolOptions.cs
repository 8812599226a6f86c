using DigitalBrain.Core.Runs;

namespace DigitalBrain.Web.Runs;

/// <summary>One Hangfire server in this process: which queues it takes and how many runs at once.
/// Configured under <c>DigitalBrain:Worker:Pools</c>; the default is one small-run pool of two
/// workers and one large-run pool of one worker (a large run takes every core).</summary>
public sealed record WorkerPool(string Name, string[] Queues, int Workers)
{
    public static IReadOnlyList<WorkerPool> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("DigitalBrain:Worker:Pools");
        var pools = section.GetChildren()
            .Select(child => new WorkerPool(
                child.Key,
                (child["Queues"] ?? child.Key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                child.GetValue("Workers", 1)))
            .ToList();
        if (pools.Count == 0)
            pools = [new WorkerPool(RunQueues.Small, [RunQueues.Small], 2), new WorkerPool(RunQueues.Large, [RunQueues.Large], 1)];
        foreach (var pool in pools)
        {
            if (pool.Workers < 1)
                throw new InvalidOperationException($"DigitalBrain:Worker:Pools:{pool.Name}:Workers must be at least 1 (was {pool.Workers}).");
        }
        return pools;
    }
}

using System.Runtime.ExceptionServices;

namespace DigitalBrain.Simulation.Engine.Cpu;

/// <summary>
/// Runs one body per partition: partition 0 on the calling thread, the others on threads of their
/// own. Dedicated threads rather than the thread pool because <see cref="SimulationOptions.ThreadStart"/>
/// may lower a thread's priority for good, which must never reach a pool thread that later serves
/// the host's other work.
/// </summary>
internal static class EngineThreads
{
    public static void Run(int count, Action<int> body, Action? threadStart)
    {
        ExceptionDispatchInfo? failure = null;
        void Guarded(int p)
        {
            try
            {
                body(p);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
            }
        }

        var workers = Enumerable.Range(1, Math.Max(0, count - 1))
            .Select(p => new Thread(() =>
            {
                threadStart?.Invoke();
                Guarded(p);
            }) { IsBackground = true, Name = $"engine-{p}" })
            .ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        Guarded(0);
        foreach (var worker in workers)
        {
            worker.Join();
        }

        failure?.Throw();
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Engine;
using DigitalBrain.Simulation.Engine.Cpu;

namespace DigitalBrain.Tests.Simulation;

/// <summary>Issue 12 point 3: the web app lowers the engine threads' priority through
/// <see cref="SimulationOptions.ThreadStart"/>; every thread that steps the network must run the hook,
/// and the kernel must report the lowered nice value for each of them.</summary>
public sealed class EngineThreadHookTests
{
    private const int Threads = 3;

    [Fact]
    public void Every_engine_thread_runs_the_hook_and_the_kernel_reports_its_lowered_priority()
    {
        Assert.True(OperatingSystem.IsLinux(), "the app's hosts are Linux; the nice value is read from /proc");
        var own = ThreadNice.Read(ThreadNice.CurrentThreadId()) ?? 0;
        Assert.True(own < 19, "the test needs room below its own priority");
        var nice = Math.Min(19, own + 10);
        var hooked = new ConcurrentDictionary<int, bool>();
        Dictionary<int, (string Name, int? Nice)>? seen = null;
        var reporter = 0;
        var caller = 0;
        using var cancel = new CancellationTokenSource();
        var options = new SimulationOptions(SimulateMs: 60_000, Threads: Threads)
        {
            ThreadStart = () => hooked[ThreadNice.CurrentThreadId()] = ThreadNice.TrySet(nice),
        };
        // Reported on the thread of partition 0 while the others wait at the step barrier, so every
        // thread of this step is alive; the snapshot is taken once, then the run is stopped.
        var progress = new InlineProgress(p =>
        {
            if (p.Phase == SimulationPhase.Simulating && seen is null)
            {
                reporter = ThreadNice.CurrentThreadId();
                seen = LiveThreads();
                cancel.Cancel();
            }
        });
        Exception? outcome = null;
        // The hook lowers the calling thread too: run on a thread of our own, never a pool thread.
        var thread = new Thread(() =>
        {
            caller = ThreadNice.CurrentThreadId();
            try
            {
                new CpuBackend().Run(Brunel.Create(scale: 0.1), options, progress, cancel.Token);
            }
            catch (Exception ex)
            {
                outcome = ex;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(120)), "the run did not stop");
        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
        Assert.NotNull(seen);

        // The caller, then Threads − 1 new threads for the build and for each of the two Run calls
        // (warm-up and recorded part), every one a thread of its own, and setpriority succeeded on each.
        Assert.Equal(1 + 3 * (Threads - 1), hooked.Count);
        Assert.All(hooked, h => Assert.True(h.Value));
        Assert.Contains(caller, hooked.Keys);
        Assert.Equal(caller, reporter); // partition 0 steps on the caller's thread
        Assert.Equal(nice, seen[caller].Nice);
        // The other partitions' threads of this step: named by the engine, hooked, and lowered as the kernel sees them.
        var workers = seen.Where(t => hooked.ContainsKey(t.Key) && t.Key != caller).ToList();
        Assert.Equal(Threads - 1, workers.Count);
        Assert.All(workers, t =>
        {
            Assert.StartsWith("engine-", t.Value.Name, StringComparison.Ordinal);
            Assert.Equal(nice, t.Value.Nice);
        });
        // The test's own thread was never touched.
        Assert.Equal(own, ThreadNice.Read(ThreadNice.CurrentThreadId()));
    }

    /// <summary>Every thread of this process: its kernel name (<c>comm</c>) and nice value.</summary>
    private static Dictionary<int, (string Name, int? Nice)> LiveThreads()
    {
        var threads = new Dictionary<int, (string, int?)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var tid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
            try
            {
                threads[tid] = (File.ReadAllText(Path.Combine(dir, "comm")).Trim(), ThreadNice.Read(tid));
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return threads;
    }

    /// <summary>Calls back on the reporting thread itself (<see cref="Progress{T}"/> would post to the pool).</summary>
    private sealed class InlineProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}

using System.Collections.Concurrent;
using DigitalBrain.Simulation.Engine;

namespace DigitalBrain.Tests.Simulation;

/// <summary>The engine's step barrier under more threads than the machine has cores, so that waiters are
/// descheduled, spin out and block. A lost wake-up leaves threads blocked for ever: the join times out.</summary>
public sealed class StepBarrierTests
{
    private const int Parties = 5;
    private const int Steps = 20_000;

    [Theory]
    [InlineData(0)] // every waiter blocks: each release races the registration of the last waiters
    [InlineData(100)] // the engine's bound: waiters spin, and block only behind a late thread
    public void Every_thread_passes_every_step_in_order_and_only_once_all_have_arrived(int spinMicroseconds)
    {
        var barrier = new StepBarrier(Parties, TimeSpan.FromMicroseconds(spinMicroseconds));
        var arrived = Enumerable.Repeat(-1L, Parties).ToArray();
        var passed = new long[Parties];
        var errors = new ConcurrentQueue<string>();
        void Body(int p)
        {
            var sense = 0;
            for (long t = 0; t < Steps; t++)
            {
                Volatile.Write(ref arrived[p], t);
                Delay(p, t);
                barrier.SignalAndWait(ref sense);
                // Past barrier t every thread has arrived at step t, and none can be past step t + 1,
                // whose barrier waits for this one.
                for (var q = 0; q < Parties; q++)
                {
                    var step = Volatile.Read(ref arrived[q]);
                    if (step != t && step != t + 1)
                    {
                        errors.Enqueue($"thread {p} left step {t} while thread {q} was at step {step}");
                    }
                }

                passed[p]++;
            }
        }

        var threads = Enumerable.Range(0, Parties).Select(p => new Thread(() => Body(p)) { IsBackground = true }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        Assert.All(threads, t => Assert.True(t.Join(deadline - DateTime.UtcNow), "a thread never left the barrier: a wake-up was lost"));
        Assert.Empty(errors);
        Assert.All(passed, n => Assert.Equal(Steps, n));
    }

    /// <summary>Arrivals spread from none to beyond the spin bound, and now and then one thread sleeps a
    /// millisecond, so releases land before, during and after the others start to block.</summary>
    private static void Delay(int p, long t)
    {
        var h = (ulong)(t * Parties + p) * 0x9E3779B97F4A7C15UL;
        if (h >> 54 == 0)
        {
            Thread.Sleep(1);
        }
        else if ((h >> 60) == 1)
        {
            Thread.SpinWait((int)(h >> 40) & 4095);
        }
    }
}

using System.Diagnostics;

namespace DigitalBrain.Simulation.Engine;

/// <summary>
/// A sense-reversing barrier for the once-per-step exchange of spikes: a waiter spins (yielding) for
/// up to <see cref="DefaultSpinLimit"/>, then blocks until the last thread of its step arrives.
/// Spinning alone is fastest while every thread has a core of its own, but when the engine runs at
/// nice 10 beside a busy web process, or with more threads than free cores, spinning waiters burn the
/// CPU that the late thread needs; a waiter that has spun this long is waiting for a descheduled
/// thread, and a futex wake-up (tens of µs) is cheap next to that.
/// </summary>
internal sealed class StepBarrier
{
    /// <summary>Longer than the arrival spread of balanced threads on free cores (a few µs at 10 %
    /// microcircuit scale, tens at full scale), shorter than a scheduler time slice (ms).</summary>
    public static readonly TimeSpan DefaultSpinLimit = TimeSpan.FromMicroseconds(100);

    private readonly int _parties;
    private readonly long _spinTicks;
    private readonly object _gate = new();
    private int _remaining;
    private int _sense;
    private int _sleepers;

    public StepBarrier(int parties) : this(parties, DefaultSpinLimit)
    {
    }

    /// <param name="parties">Threads that meet at every step.</param>
    /// <param name="spinLimit">How long a waiter spins before it blocks (zero: block at once).</param>
    public StepBarrier(int parties, TimeSpan spinLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 1);
        _parties = parties;
        _remaining = parties;
        _spinTicks = (long)(spinLimit.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Returns once all parties have called it for this step. <paramref name="localSense"/>
    /// is the caller's own, starting at 0 and kept across steps.</summary>
    public void SignalAndWait(ref int localSense)
    {
        localSense ^= 1;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _parties;
            // A full fence between publishing the sense and reading the sleepers, paired with the one
            // between a waiter's registering and its reading the sense (Dekker): at least one side sees
            // the other's write, so a waiter either sees the release or is woken by it.
            Interlocked.Exchange(ref _sense, localSense);
            if (Volatile.Read(ref _sleepers) != 0)
            {
                lock (_gate)
                {
                    // A waiter registers under the lock and keeps it until Monitor.Wait releases it, so
                    // every registered waiter is waiting by now and receives this pulse.
                    Monitor.PulseAll(_gate);
                }
            }

            return;
        }

        if (Spin(localSense))
        {
            return;
        }

        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers);
            while (Volatile.Read(ref _sense) != localSense)
            {
                Monitor.Wait(_gate);
            }

            Interlocked.Decrement(ref _sleepers);
        }
    }

    private bool Spin(int localSense)
    {
        var spin = default(SpinWait);
        var start = Stopwatch.GetTimestamp();
        do
        {
            if (Volatile.Read(ref _sense) == localSense)
            {
                return true;
            }

            // Never Sleep(1): a millisecond is tens of steps.
            spin.SpinOnce(sleep1Threshold: -1);
        }
        while (Stopwatch.GetTimestamp() - start < _spinTicks);

        return Volatile.Read(ref _sense) == localSense;
    }
}

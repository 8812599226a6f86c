namespace DigitalBrain.Simulation.Engine;

/// <summary>A sense-reversing spin barrier for the once-per-step exchange of spikes. It never sleeps
/// (a 1 ms sleep would cost ten steps) but yields, so it stays usable on oversubscribed cores.</summary>
internal sealed class StepBarrier(int parties)
{
    private readonly int _parties = parties;
    private int _remaining = parties;
    private volatile int _sense;

    public void SignalAndWait(ref int localSense)
    {
        localSense ^= 1;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _parties;
            _sense = localSense;
            return;
        }

        var spin = default(SpinWait);
        while (_sense != localSense)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}

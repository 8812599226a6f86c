using DigitalBrain.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalBrain.Tests.Live;

/// <summary>A live page must end on the last change: notices that overlap a slow reload are
/// followed by exactly one more reload, and reloads never run side by side (a slow older read
/// finishing last would leave the page stale — the bug that once left a finished run showing
/// "Analysing").</summary>
public sealed class LiveTopicTests
{
    [Fact]
    public async Task Notices_during_a_reload_give_one_more_reload_that_sees_the_last_change()
    {
        var changes = new ChangeListener(new ConfigurationBuilder().Build(), NullLogger<ChangeListener>.Instance);
        var value = 0;
        var shown = -1;
        var running = 0;
        var maxRunning = 0;
        var reloads = 0;
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var live = changes.Watch("topic", async () =>
        {
            maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
            var read = Volatile.Read(ref value);
            if (Interlocked.Increment(ref reloads) == 1)
            {
                firstStarted.SetResult();
                await release.Task;
            }
            shown = read;
            Interlocked.Decrement(ref running);
        });

        var first = live.ReloadAsync();
        await firstStarted.Task;
        Volatile.Write(ref value, 1);
        var second = live.ReloadAsync(); // both queue behind the slow first reload
        Volatile.Write(ref value, 2);
        var third = live.ReloadAsync();
        release.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal(2, shown);
        Assert.Equal(1, maxRunning);
        Assert.Equal(2, reloads);
    }
}

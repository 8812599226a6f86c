namespace DigitalBrain.Web.Live;

/// <summary>
/// Keeps a view in step with a topic. Notices arrive on pool threads and can overlap; reloads
/// here run one at a time, and a notice that arrives while a reload runs is followed by one more
/// reload, so the view never ends on a read older than the last change. Create it before the
/// first load (and load through <see cref="ReloadAsync"/>): a change committed between a first
/// load and a later subscription would otherwise never be seen.
/// </summary>
public sealed class LiveTopic : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<Task> _reload;
    private readonly IDisposable _subscription;
    private long _requested;
    private long _covered;

    internal LiveTopic(ChangeListener changes, string topic, Func<Task> reload)
    {
        _reload = reload;
        _subscription = changes.Subscribe(topic, ReloadAsync);
    }

    /// <summary>Reloads, unless a reload that began after this call already covered it.</summary>
    public async Task ReloadAsync()
    {
        var ticket = Interlocked.Increment(ref _requested);
        await _gate.WaitAsync();
        try
        {
            if (Interlocked.Read(ref _covered) >= ticket)
                return;
            var covers = Interlocked.Read(ref _requested);
            await _reload();
            Interlocked.Exchange(ref _covered, covers);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _subscription.Dispose();
}

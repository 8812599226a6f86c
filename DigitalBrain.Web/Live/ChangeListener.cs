using System.Collections.Concurrent;
using System.Text.Json;
using DigitalBrain.Core.Live;
using Npgsql;

namespace DigitalBrain.Web.Live;

/// <summary>
/// Keeps one LISTEN connection per app instance and fans PostgreSQL notices out to subscribers
/// (Blazor components, progress watchers). Reconnects after a database restart; a subscriber that
/// might have missed notices while disconnected is told so with a notice for every topic.
/// </summary>
public sealed class ChangeListener(IConfiguration configuration, ILogger<ChangeListener> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <summary>Calls <paramref name="onChange"/> (on a pool thread) whenever <paramref name="topic"/>
    /// changes anywhere; dispose the result to stop.</summary>
    public IDisposable Subscribe(string topic, Func<Task> onChange)
    {
        var id = Guid.NewGuid();
        _subscriptions[id] = new Subscription(topic, onChange);
        return new Unsubscriber(() => _subscriptions.TryRemove(id, out _));
    }

    /// <summary>Subscribes a view that reloads on every change of <paramref name="topic"/>; see <see cref="LiveTopic"/>.</summary>
    public LiveTopic Watch(string topic, Func<Task> reload) => new(this, topic, reload);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("DigitalBrain")!;
        var firstConnection = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (!firstConnection)
                    DispatchToAll();
                firstConnection = false;
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
            {
                logger.LogWarning("Change listener lost its database connection ({Reason}); reconnecting", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Dispatch(string payload)
    {
        ChangeNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<ChangeNotice>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return;
        }
        if (notice is null)
            return;
        foreach (var subscription in _subscriptions.Values)
        {
            if (subscription.Topic == notice.Topic)
                Invoke(subscription);
        }
    }

    private void DispatchToAll()
    {
        foreach (var subscription in _subscriptions.Values)
            Invoke(subscription);
    }

    private void Invoke(Subscription subscription) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await subscription.OnChange();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A change subscriber for {Topic} failed", subscription.Topic);
            }
        });

    private sealed record Subscription(string Topic, Func<Task> OnChange);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

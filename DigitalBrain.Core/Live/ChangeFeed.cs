using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Live;

/// <summary>
/// Announces a change to every app instance through PostgreSQL NOTIFY. Sent inside the writer's
/// transaction, the notice is delivered only when (and if) the change commits, so a listener never
/// sees a change that was rolled back.
/// </summary>
public static class ChangeFeed
{
    /// <summary>The one NOTIFY channel the app uses; the payload names the topic.</summary>
    public const string Channel = "digitalbrain_changes";

    public static Task PublishAsync(DbContext db, string topic, CancellationToken ct = default)
    {
        var payload = JsonSerializer.Serialize(new ChangeNotice(topic));
        return db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
    }
}

/// <summary>What a NOTIFY carries: the topic that changed (e.g. <c>run:42</c>, <c>target:population:7</c>).</summary>
public sealed record ChangeNotice(string Topic);

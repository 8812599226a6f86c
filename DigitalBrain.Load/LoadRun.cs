using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DigitalBrain.Core.Estimates;

namespace DigitalBrain.Load;

/// <summary>
/// Sets up one private model with <see cref="LoadOptions.Populations"/> populations and
/// <see cref="LoadOptions.Users"/> members (user 0 owns it, the rest curate), lets every user add
/// and edit <c>tau_m</c> entries until the time is up, then checks the outcome through the API:
/// every entry equals the last write the app acknowledged for it (no lost update), there are no
/// others, and every collective estimate equals <see cref="Aggregator"/> run from scratch on the
/// final entries.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter log)
{
    private static readonly string[] PopulationNames = ["L23E", "L23I", "L4E", "L4I"];
    private readonly ConcurrentDictionary<Guid, Tracked> _entries = new();
    private readonly LoadStats _stats = new() { Users = options.Users };
    private int _adds;
    private int _edits;

    /// <summary>What the app last acknowledged for an entry: its value, its time and version.</summary>
    private sealed class Tracked(Guid populationId, string doi)
    {
        public Guid PopulationId { get; } = populationId;
        public string Doi { get; } = doi;
        public double Value { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public uint Version { get; set; }
    }

    public async Task<LoadStats> RunAsync(CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        log.WriteLine($"registering {options.Users} users on {options.BaseAddress} …");
        var users = new LoadUser[options.Users];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Users), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) => users[i] = await LoadUser.RegisterAsync(options.BaseAddress, i, tag, token));
        var (modelId, populations) = await CreateModelAsync(users, tag, options.Populations, ct);
        log.WriteLine($"model {modelId}: {populations.Length} populations, {options.Users} members; loading for {options.Duration.TotalSeconds:0} s …");

        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + options.Duration;
        await Task.WhenAll(users.Select(u => CurateAsync(u, modelId, populations, deadline, ct)));
        _stats.Elapsed = clock.Elapsed;
        _stats.Adds = _adds;
        _stats.Edits = _edits;

        await VerifyAsync(users[0].Api, modelId, ct);
        log.WriteLine(_stats.Summary());
        if (options.Browsers > 0)
        {
            try
            {
                _stats.Browsers = await BrowserSessions.RunAsync(options, log, users.Skip(1).Take(options.Browsers).ToList(), users[0], modelId, populations[0], ct);
            }
            catch (Exception ex) when (ex is TimeoutException or Microsoft.Playwright.PlaywrightException)
            {
                _stats.Error($"browser sessions: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }
        }
        foreach (var user in users)
            user.Api.Dispose();
        return _stats;
    }

    private static async Task<(Guid, Guid[])> CreateModelAsync(LoadUser[] users, string tag, int count, CancellationToken ct)
    {
        var owner = users[0].Api;
        var model = await PostAsync(owner, "/api/v1/models", new { name = $"Load test {tag}", isPublic = false }, ct);
        var path = $"/api/v1/models/{model}";
        var region = await PostAsync(owner, $"{path}/regions", new { category = "Ctx", name = "M1" }, ct);
        var populations = new List<Guid>();
        foreach (var name in PopulationNames.Take(Math.Clamp(count, 1, PopulationNames.Length)))
            populations.Add(await PostAsync(owner, $"{path}/populations", new { regionId = region, name, cellType = "", neuronModel = "iaf_psc_exp" }, ct));
        foreach (var user in users.Skip(1))
        {
            using var added = await owner.PutAsJsonAsync($"{path}/members/{user.UserId}", new { role = "curator" }, ct);
            added.EnsureSuccessStatusCode();
        }
        return (model, populations.ToArray());
    }

    private static async Task<Guid> PostAsync(HttpClient client, string path, object body, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Curators add entries and edit their own; the owner (user 0) edits anyone's, which
    /// makes the authors' known versions stale: their next edit gets 409 and is retried.</summary>
    private async Task CurateAsync(LoadUser user, Guid modelId, Guid[] populations, DateTime deadline, CancellationToken ct)
    {
        var random = new Random(options.Seed * 7919 + user.Index);
        var mine = new List<Guid>();
        var doi = $"10.5555/load.{user.Index}";
        for (var writes = 0; (DateTime.UtcNow < deadline || writes < options.MinimumWrites) && !ct.IsCancellationRequested; writes++)
        {
            var value = Math.Round(5 + random.NextDouble() * 30, 3);
            try
            {
                if (user.Index == 0 && !_entries.IsEmpty && random.NextDouble() < 0.7)
                    await EditAsync(user, _entries.Keys.ElementAt(random.Next(_entries.Count)), value, ct);
                else if (mine.Count < 3 || random.NextDouble() < 0.4)
                    mine.Add(await AddAsync(user, modelId, populations[random.Next(populations.Length)], doi, value, ct));
                else
                    await EditAsync(user, mine[random.Next(mine.Count)], value, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException)
            {
                _stats.Error($"user {user.Index}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private async Task<Guid> AddAsync(LoadUser user, Guid modelId, Guid populationId, string doi, double value, CancellationToken ct)
    {
        var (status, body) = await SendAsync(user.Api, HttpMethod.Post, $"/api/v1/models/{modelId}/entries",
            Body(populationId, null, doi, value), ct);
        if (status != HttpStatusCode.Created)
            throw new InvalidOperationException($"add: {(int)status} {body.GetRawText()}");
        var id = body.GetProperty("id").GetGuid();
        var tracked = _entries.GetOrAdd(id, _ => new Tracked(populationId, doi));
        Acknowledge(tracked, body, value);
        Interlocked.Increment(ref _adds);
        return id;
    }

    /// <summary>An edit sends the version last seen; a 409 carries the entry as it is now, whose
    /// version the retry sends (the edit is a deliberate overwrite, made knowingly).</summary>
    private async Task EditAsync(LoadUser user, Guid entryId, double value, CancellationToken ct)
    {
        var tracked = _entries[entryId];
        uint version;
        lock (tracked)
            version = tracked.Version;
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var (status, body) = await SendAsync(user.Api, HttpMethod.Put, $"/api/v1/entries/{entryId}", Body(null, version, tracked.Doi, value), ct);
            if (status == HttpStatusCode.OK)
            {
                Acknowledge(tracked, body, value);
                Interlocked.Increment(ref _edits);
                return;
            }
            if (status != HttpStatusCode.Conflict)
                throw new InvalidOperationException($"edit: {(int)status} {body.GetRawText()}");
            _stats.Conflict();
            version = body.GetProperty("current").GetProperty("version").GetUInt32();
        }
        throw new InvalidOperationException($"edit of {entryId}: still conflicting after 20 attempts");
    }

    private static string Body(Guid? populationId, uint? version, string doi, double value)
    {
        var c = CultureInfo.InvariantCulture;
        var target = populationId is { } p ? $"\"populationId\":\"{p}\"," : "";
        var v = version is { } n ? $"\"version\":{n.ToString(c)}," : "";
        return $"{{{target}{v}\"parameterKey\":\"tau_m\",\"value\":{value.ToString("R", c)},\"doi\":\"{doi}\"}}";
    }

    private void Acknowledge(Tracked tracked, JsonElement body, double value)
    {
        var updatedAt = body.GetProperty("updatedAt").GetDateTimeOffset();
        lock (tracked)
        {
            // Writers of one entry are serialised by the app, and each takes its time inside
            // that lock: the latest acknowledged write is the one with the latest time.
            if (updatedAt >= tracked.UpdatedAt)
            {
                tracked.UpdatedAt = updatedAt;
                tracked.Value = value;
                tracked.Version = body.GetProperty("version").GetUInt32();
            }
        }
    }

    private async Task<(HttpStatusCode, JsonElement)> SendAsync(HttpClient client, HttpMethod method, string path, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        _stats.Write(clock.Elapsed.TotalMilliseconds);
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    private async Task VerifyAsync(HttpClient client, Guid modelId, CancellationToken ct)
    {
        var entries = await AllAsync(client, $"/api/v1/models/{modelId}/entries", ct);
        var byId = entries.ToDictionary(e => e.GetProperty("id").GetGuid());
        foreach (var (id, tracked) in _entries)
        {
            if (!byId.TryGetValue(id, out var entry))
                _stats.Mismatches.Add($"entry {id} is missing");
            else if (entry.GetProperty("value").GetDouble() != tracked.Value)
                _stats.Mismatches.Add($"entry {id}: {entry.GetProperty("value").GetDouble()} stored, {tracked.Value} last acknowledged");
        }
        foreach (var extra in byId.Keys.Where(id => !_entries.ContainsKey(id)))
            _stats.Mismatches.Add($"entry {extra} was never acknowledged");
        _stats.Entries = byId.Count;

        foreach (var estimate in await AllAsync(client, $"/api/v1/models/{modelId}/estimates", ct))
        {
            var populationId = estimate.GetProperty("target").GetProperty("populationId").GetGuid();
            var key = estimate.GetProperty("parameterKey").GetString();
            var method = Enum.Parse<AggregationMethod>(estimate.GetProperty("method").GetString()!, ignoreCase: true);
            var inputs = entries
                .Where(e => e.GetProperty("target").GetProperty("populationId").ValueKind == JsonValueKind.String
                            && e.GetProperty("target").GetProperty("populationId").GetGuid() == populationId && e.GetProperty("parameterKey").GetString() == key)
                .Select(e => new AggregationInput(e.GetProperty("id").GetGuid(), e.GetProperty("reference").GetProperty("id").GetGuid(), e.GetProperty("value").GetDouble()))
                .ToList();
            var fresh = Aggregator.Aggregate(inputs, method);
            var stored = estimate.GetProperty("value");
            var storedValue = stored.ValueKind == JsonValueKind.Number ? stored.GetDouble() : (double?)null;
            var sameValue = storedValue is { } s && fresh.Value is { } f ? Math.Abs(s - f) <= 1e-9 * Math.Max(1, Math.Abs(f)) : storedValue == fresh.Value;
            if (!sameValue || estimate.GetProperty("entryCount").GetInt32() != fresh.EntryCount || estimate.GetProperty("referenceCount").GetInt32() != fresh.ReferenceCount)
                _stats.Mismatches.Add($"estimate of {populationId}/{key}: stored {storedValue} over {estimate.GetProperty("entryCount").GetInt32()} entries, recomputed {fresh.Value} over {fresh.EntryCount}");
            _stats.Estimates++;
        }
        if (_stats.Estimates == 0 && !_entries.IsEmpty)
            _stats.Mismatches.Add("no estimates at all");
    }

    private static async Task<List<JsonElement>> AllAsync(HttpClient client, string path, CancellationToken ct)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"{path}?page={page}&pageSize=500", ct);
            var items = list.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            all.AddRange(items);
            if (items.Count < 500)
                return all;
        }
    }
}

using System.Net.Http.Headers;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Tokens;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace DigitalBrain.Tests.Security;

/// <summary>The real app in a child process in the <c>Production</c> environment (exception
/// handler, HSTS, no developer pages) with small rate limits, so that a test can reach them.
/// Each test makes its own users and tokens: limits are per token and per address.</summary>
public sealed class SecurityAppFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const int LoginLimit = 7;
    public const int ApiLimit = 6;
    private readonly List<HttpClient> _clients = [];
    private WebAppProcess? _app;

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The app is not started.");
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("security");
        _app = await WebAppProcess.StartAsync(ConnectionString, TestContext.Current.CancellationToken, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DigitalBrain:RateLimits:Login:PermitLimit"] = LoginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DigitalBrain:RateLimits:Login:Window"] = "00:10:00",
            ["DigitalBrain:RateLimits:Api:PermitLimit"] = ApiLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DigitalBrain:RateLimits:Api:Window"] = "00:10:00",
        });
    }

    /// <summary>A new user with a password (hashed as Identity does) and a Bearer client of its own.</summary>
    public async Task<(string UserId, string Email, HttpClient Client)> NewUserAsync(string password = "a long enough passphrase")
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "sec-" + Guid.NewGuid().ToString("N")[..12];
        var email = $"{id}@example.org";
        var user = new AppUser
        {
            Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), DisplayName = id, SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
        };
        user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, password);
        var factory = PostgresFixture.CreateFactory(ConnectionString);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
        }
        var token = await new ApiTokenService(factory).CreateAsync(new Actor(id), "security test", ct: ct);
        return (id, email, Client(token.Token));
    }

    public HttpClient Client(string? token, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = App.BaseAddress;
        client.Timeout = TimeSpan.FromMinutes(2);
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    /// <summary>Waits (briefly) for a line with <paramref name="text"/> in the app's output: the
    /// console logger writes from a background queue.</summary>
    public async Task<string> LogLineAsync(string text)
    {
        for (var i = 0; i < 50; i++)
        {
            var log = App.Log;
            var at = log.IndexOf(text, StringComparison.Ordinal);
            if (at >= 0)
            {
                var end = log.IndexOf('\n', at);
                return end < 0 ? log[at..] : log[at..end];
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new InvalidOperationException($"No log line with '{text}' in:\n{App.Log[Math.Max(0, App.Log.Length - 4000)..]}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        if (_app is null)
            return;
        await _app.SaveLogAsync("security-app.log");
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityAppCollection : ICollectionFixture<SecurityAppFixture>
{
    public const string Name = "Security app";
}

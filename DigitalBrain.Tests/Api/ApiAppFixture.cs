using System.Net.Http.Headers;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Tokens;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Api;

/// <summary>The real app in a child process on a throwaway database, with a first admin and four
/// more users (owner, curator, viewer, outsider), each with a personal API token created here
/// through <see cref="ApiTokenService"/> against the same database.</summary>
public sealed class ApiAppFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string AdminEmail = "api.admin@example.org";
    private readonly List<HttpClient> _clients = [];
    private WebAppProcess? _app;

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The app is not started.");
    public string ConnectionString { get; private set; } = "";
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Owner { get; private set; } = null!;
    public HttpClient Curator { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public HttpClient Outsider { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public string AdminId { get; private set; } = "";

    public const string OwnerId = "api-owner";
    public const string CuratorId = "api-curator";
    public const string ViewerId = "api-viewer";
    public const string OutsiderId = "api-outsider";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        ConnectionString = await postgres.CreateDatabaseAsync("api");
        _app = await WebAppProcess.StartAsync(ConnectionString, ct, new Dictionary<string, string>
        {
            ["DigitalBrain:Admin:Email"] = AdminEmail,
            ["DigitalBrain:Admin:Password"] = "api admin passphrase",
        });
        var factory = PostgresFixture.CreateFactory(ConnectionString);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            foreach (var id in new[] { OwnerId, CuratorId, ViewerId, OutsiderId })
            {
                db.Users.Add(new AppUser
                {
                    Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), Email = $"{id}@example.org",
                    NormalizedEmail = $"{id}@EXAMPLE.ORG", DisplayName = id, SecurityStamp = Guid.NewGuid().ToString(),
                });
            }
            await db.SaveChangesAsync(ct);
            AdminId = await db.Users.Where(u => u.NormalizedEmail == "API.ADMIN@EXAMPLE.ORG").Select(u => u.Id).SingleAsync(ct);
        }
        var tokens = new ApiTokenService(factory);
        Admin = Client((await tokens.CreateAsync(new Actor(AdminId), "test", ct: ct)).Token);
        Owner = Client((await tokens.CreateAsync(new Actor(OwnerId), "test", ct: ct)).Token);
        Curator = Client((await tokens.CreateAsync(new Actor(CuratorId), "test", ct: ct)).Token);
        Viewer = Client((await tokens.CreateAsync(new Actor(ViewerId), "test", ct: ct)).Token);
        Outsider = Client((await tokens.CreateAsync(new Actor(OutsiderId), "test", ct: ct)).Token);
        Anonymous = Client(null);
    }

    /// <summary>A client sending <paramref name="token"/> as Bearer (none: anonymous).</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        if (_app is null)
            return;
        await _app.SaveLogAsync("api-app.log");
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiAppCollection : ICollectionFixture<ApiAppFixture>
{
    public const string Name = "API app";
}

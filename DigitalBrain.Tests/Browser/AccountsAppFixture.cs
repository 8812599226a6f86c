using DigitalBrain.Tests.Infrastructure;

namespace DigitalBrain.Tests.Browser;

/// <summary>The real app in a child process on a throwaway database, with a first admin
/// configured: shared by the account browser tests (each uses its own accounts).</summary>
public sealed class AccountsAppFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string AdminEmail = "first.admin@example.org";
    public const string AdminPassword = "correct horse battery";
    public const string AdminDisplayName = "First Admin";

    private WebAppProcess? _app;

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The app is not started.");

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("ui");
        _app = await WebAppProcess.StartAsync(ConnectionString, TestContext.Current.CancellationToken, new Dictionary<string, string>
        {
            ["DigitalBrain:Admin:Email"] = AdminEmail,
            ["DigitalBrain:Admin:Password"] = AdminPassword,
            ["DigitalBrain:Admin:DisplayName"] = AdminDisplayName,
            // Every browser test here logs in from 127.0.0.1: the production limit (10 a minute per
            // address) refused them when the suite ran fast. SecurityAppFixture tests the limit itself.
            ["DigitalBrain:RateLimits:Login:PermitLimit"] = "100000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
            return;
        // The server's side of any browser failure: kept next to the screenshots.
        var logs = Path.Combine(Path.GetDirectoryName(BrowserFixture.ScreenshotDirectory)!, "logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, "accounts-app.log"), _app.Log);
        await _app.DisposeAsync();
    }
}

/// <summary>The classes that share one <see cref="AccountsAppFixture"/> (one app start for all).</summary>
[CollectionDefinition(Name)]
public sealed class AccountsAppCollection : ICollectionFixture<AccountsAppFixture>
{
    public const string Name = "Accounts app";
}

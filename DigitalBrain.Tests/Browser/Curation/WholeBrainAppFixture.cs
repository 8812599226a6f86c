using DigitalBrain.Core.Models;
using DigitalBrain.Core.SpecImport;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Browser.Curation;

/// <summary>
/// The app on its own database holding the whole-brain benchmark (65 populations, 1,233
/// projections, 6,945 entries) imported through <see cref="SpecImportService"/> as the admin's
/// "whole-brain benchmark" button does, and the admin signed in over plain HTTP.
/// </summary>
public sealed class WholeBrainAppFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string AdminEmail = "wholebrain.admin@example.org";
    public const string AdminPassword = "whole brain admin passphrase";

    private WebAppProcess? _app;

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The app is not started.");

    public string ConnectionString { get; private set; } = "";

    public SpecImportResult Import { get; private set; } = default!;

    public HttpClient Admin { get; private set; } = default!;

    public Guid FirstPopulationId { get; private set; }

    public Guid FirstProjectionId { get; private set; }

    /// <summary>Wall seconds of the import (for the README's figures, not asserted).</summary>
    public double ImportSeconds { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        ConnectionString = await postgres.CreateDatabaseAsync("wholebrain");
        _app = await WebAppProcess.StartAsync(ConnectionString, ct, new Dictionary<string, string>
        {
            ["DigitalBrain:Admin:Email"] = AdminEmail,
            ["DigitalBrain:Admin:Password"] = AdminPassword,
        });
        await using (var db = PostgresFixture.CreateContext(ConnectionString))
        {
            var adminId = await db.Users.Where(u => u.Email == AdminEmail).Select(u => u.Id).SingleAsync(ct);
            var started = System.Diagnostics.Stopwatch.StartNew();
            Import = await new SpecImportService(PostgresFixture.CreateFactory(ConnectionString))
                .ImportWholeBrainBenchmarkAsync(new Actor(adminId, IsAdmin: true), ct: ct);
            ImportSeconds = started.Elapsed.TotalSeconds;
            FirstPopulationId = await db.Populations.Where(p => p.ModelId == Import.ModelId).OrderBy(p => p.Name).Select(p => p.Id).FirstAsync(ct);
            FirstProjectionId = await db.Projections.Where(p => p.ModelId == Import.ModelId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(ct);
        }
        Admin = await LoginForm.SignedInAsync(App.BaseAddress, AdminEmail, AdminPassword);
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (_app is null)
            return;
        await _app.SaveLogAsync("wholebrain-app.log");
        await _app.DisposeAsync();
    }
}

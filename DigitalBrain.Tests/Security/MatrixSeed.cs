using System.Net;
using System.Net.Http.Headers;
using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Runs;
using DigitalBrain.Core.Tokens;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Spec;
using DigitalBrain.Tests.Api;
using DigitalBrain.Tests.Export;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace DigitalBrain.Tests.Security;

/// <summary>The roles of the access matrix.</summary>
internal enum Role { Anonymous, Outsider, Viewer, Curator, OtherCurator, Owner, Admin }

/// <summary>Set-up for the access matrix on the API app: a private model with one entry by the
/// curator, a frozen version and a run (written straight to the database: a version needs a
/// compilable model, which is not what these tests are about), and extra users.</summary>
internal static class MatrixSeed
{
    /// <summary>A user with a password (so it can log in through the form) and an API token.</summary>
    public static async Task<(string Id, string Email, string Token)> UserAsync(ApiAppFixture f, string password)
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "matrix-" + Guid.NewGuid().ToString("N")[..10];
        var email = $"{id}@example.org";
        var user = new AppUser
        {
            Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), DisplayName = id, SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
        };
        user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, password);
        var factory = PostgresFixture.CreateFactory(f.ConnectionString);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
        }
        return (id, email, (await new ApiTokenService(factory).CreateAsync(new Actor(id), "matrix", ct: ct)).Token);
    }

    public static HttpClient Bearer(ApiAppFixture f, string token) => f.Client(token);

    /// <summary>A fresh private model (owner api-owner; api-curator, api-viewer and
    /// <paramref name="otherCuratorId"/> members) and the placeholder substitution for its ids.</summary>
    public static async Task<(TestModel Model, Guid Entry, Func<string, string> Ids)> ModelAsync(ApiAppFixture f, string otherCuratorId)
    {
        var ct = TestContext.Current.CancellationToken;
        var m = await TestModel.CreateAsync(f, "Matrix " + Guid.NewGuid().ToString("N")[..8]);
        await f.Owner.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{m.Path}/members/{otherCuratorId}", new { role = "curator" });
        var entry = (await f.Curator.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{m.Path}/entries",
            new { populationId = m.Excitatory, parameterKey = "tau_m", value = 10.0, citation = "Matrix" })).Id();
        var versionId = Guid.NewGuid();
        var runId = Guid.NewGuid();
        await using (var db = PostgresFixture.CreateContext(f.ConnectionString))
        {
            var now = DateTimeOffset.UtcNow;
            db.Set<ModelVersion>().Add(new ModelVersion
            {
                Id = versionId, BrainModelId = m.ModelId, Number = 1, ContentHash = new string('a', 64), SpecJson = NetworkSpecJson.Serialize(TestSpecs.Network([TestSpecs.Population("E", 10)])),
                CreatedById = ApiAppFixture.OwnerId, CreatedAt = now, Note = "matrix",
            });
            db.Set<SimulationRun>().Add(new SimulationRun
            {
                Id = runId, ModelVersionId = versionId, BrainModelId = m.ModelId, CreatedById = ApiAppFixture.OwnerId, CreatedAt = now,
                SimulateMs = 100, Scale = 0.1, Seed = 1, Queue = "default", Status = RunStatus.Succeeded, Progress = 1, UpdatedAt = now,
            });
            await db.SaveChangesAsync(ct);
        }
        string Ids(string text) => text.Replace("{m}", m.ModelId.ToString(), StringComparison.Ordinal).Replace("{r}", m.RegionId.ToString(), StringComparison.Ordinal)
            .Replace("{l}", m.LayerId.ToString(), StringComparison.Ordinal).Replace("{p}", m.Excitatory.ToString(), StringComparison.Ordinal)
            .Replace("{j}", m.ProjectionId.ToString(), StringComparison.Ordinal).Replace("{e}", entry.ToString(), StringComparison.Ordinal)
            .Replace("{v}", versionId.ToString(), StringComparison.Ordinal).Replace("{run}", runId.ToString(), StringComparison.Ordinal)
            .Replace("{x}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        return (m, entry, Ids);
    }
}

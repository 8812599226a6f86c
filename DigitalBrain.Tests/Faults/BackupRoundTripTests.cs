using System.Diagnostics;
using DigitalBrain.Core.Runs;
using DigitalBrain.Tests.Curation;
using DigitalBrain.Tests.Infrastructure;
using DigitalBrain.Tests.Runs;
using DigitalBrain.Web.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DigitalBrain.Tests.Faults;

/// <summary>scripts/backup.sh then scripts/restore.sh into a new database gives back every table
/// row for row (curation with its audit trail, versions, runs with their binary spike chunks,
/// Hangfire's schema).</summary>
public sealed class BackupRoundTripTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_backup_restored_into_a_new_database_holds_the_same_rows_in_every_table()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await CurationTestBed.CreateAsync(postgres);
        for (var i = 0; i < 5; i++)
            await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 8 + i, $"10.1000/backup.{i}"), ct);
        var runId = await RunTestData.CreateRunAsync(bed.ConnectionString, RunTestData.SmallBrunel(), simulateMs: 50, modelId: bed.ModelId);
        await new SimulationJob(new RunLifecycle(bed.Factory), new RunAnalysis(), new ConfigurationBuilder().Build(), NullLogger<SimulationJob>.Instance)
            .ExecuteAsync(runId, ct);
        RunTestData.JobClient(bed.ConnectionString); // creates the hangfire schema, as the app does
        var file = Path.Combine(Path.GetTempPath(), $"digitalbrain-backup-{Guid.NewGuid():N}.dump");
        var restoredName = "restored_" + Guid.NewGuid().ToString("N")[..12];
        var restored = new NpgsqlConnectionStringBuilder(bed.ConnectionString) { Database = restoredName }.ConnectionString;
        try
        {
            await ScriptAsync("backup.sh", ["-c", bed.ConnectionString, "-o", file], ct);
            await ScriptAsync("restore.sh", ["-c", bed.ConnectionString, "-d", restoredName, file], ct);
            // A second restore over a database that has data is refused rather than merged.
            var refused = await ScriptAsync("restore.sh", ["-c", bed.ConnectionString, "-d", restoredName, file], ct, expectSuccess: false);
            Assert.Contains("--replace", refused, StringComparison.Ordinal);

            var before = await FingerprintAsync(bed.ConnectionString, ct);
            var after = await FingerprintAsync(restored, ct);
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            foreach (var (table, (rows, hash)) in before)
            {
                Assert.True(after[table] == (rows, hash), $"{table}: {rows} rows before, {after[table].Rows} after (content {(after[table].Hash == hash ? "equal" : "differs")})");
            }
            Assert.Equal(5, before["public.\"Entries\""].Rows);
            Assert.True(before["public.\"RunSpikeChunks\""].Rows > 0, "the run stored spike chunks");
            Assert.Contains(before.Keys, k => k.StartsWith("hangfire.", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Row count and an md5 over every row's text, in a fixed order, per table.</summary>
    private static async Task<Dictionary<string, (long Rows, string Hash)>> FingerprintAsync(string cs, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                tables.Add(reader.GetString(0));
        }
        var result = new Dictionary<string, (long, string)>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM {table} t", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            result[table] = (reader.GetInt64(0), reader.GetString(1));
        }
        return result;
    }

    private static async Task<string> ScriptAsync(string script, string[] args, CancellationToken ct, bool expectSuccess = true)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", script), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        Assert.True((process.ExitCode == 0) == expectSuccess, $"{script} exited {process.ExitCode}: {output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DigitalBrain.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("DigitalBrain.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Import;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Api;

/// <summary>Bulk entry import and export through the API: dry run, all-or-nothing commit,
/// units, duplicates, formula-safe CSV. The 10,000-row figure is a benchmark command,
/// <c>scripts/bench-import.sh</c>, not a test.</summary>
[Collection(ApiAppCollection.Name)]
public sealed class ApiImportTests(ApiAppFixture f)
{
    /// <summary>Rows alternate L23E tau_m (ms; every tenth row in s), L23I c_m (pF) and
    /// L23E->L23I synaptic_weight (pA, every tenth in nA); all values distinct.</summary>
    private static string GeneratedCsv(int rows, int badRow = -1)
    {
        var csv = new StringBuilder("target,parameter,value,unit,sd,n,doi,citation,set_as,notes\r\n");
        for (var i = 0; i < rows; i++)
        {
            var inSecondUnit = i % 10 == 0;
            var (target, key, value, unit) = (i % 3) switch
            {
                0 => ("L23E", "tau_m", 5 + i * 0.001, "ms"),
                1 => ("L23I", "c_m", 100 + i * 0.01, "pF"),
                _ => ("L23E->L23I", "synaptic_weight", 20 + i * 0.001, "pA"),
            };
            if (inSecondUnit && unit == "ms")
                (value, unit) = (value / 1000, "s");
            else if (inSecondUnit && unit == "pA")
                (value, unit) = (value / 1000, "nA");
            var text = i == badRow ? "1e400" : value.ToString("R", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{target},{key},{text},{unit},,3,10.5555/imp.{i % 50},,fixed,\"row {i}, generated\"\r\n");
        }
        return csv.ToString();
    }

    [Fact]
    public async Task A_dry_run_reports_the_one_bad_row_and_a_commit_writes_all_rows_or_none()
    {
        var m = await TestModel.CreateAsync(f, "Import 1000");
        var bad = GeneratedCsv(1000, badRow: 499);

        var dry = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{m.Path}/entries/import?format=csv", rawBody: bad, contentType: "text/csv");
        Assert.Equal(1000, dry.GetProperty("rows").GetInt32());
        Assert.Equal(999, dry.GetProperty("toCreate").GetArrayLength());
        var error = Assert.Single(dry.GetProperty("errors").EnumerateArray());
        Assert.Equal(501, error.GetProperty("row").GetInt32()); // data row 499 (from 0) is spreadsheet row 501
        Assert.Equal("value", error.GetProperty("field").GetString());
        Assert.Equal("finite", error.GetProperty("rule").GetString());
        var converted = dry.GetProperty("toCreate").EnumerateArray().First(r => r.GetProperty("row").GetInt32() == 2);
        Assert.Equal(5.0, converted.GetProperty("value").GetDouble()); // 0.005 s → 5 ms exactly
        Assert.Equal("s", converted.GetProperty("convertedFrom").GetString());

        var refused = await f.Curator.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{m.Path}/entries/import?dryRun=false", rawBody: bad, contentType: "text/csv");
        Assert.Equal("finite", Assert.Single(refused.GetProperty("rules").EnumerateArray()).GetProperty("rule").GetString());
        Assert.Equal(0, (await f.Viewer.GetJsonAsync($"{m.Path}/entries?pageSize=1")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await f.Viewer.GetJsonAsync($"{m.Path}/estimates")).GetProperty("total").GetInt32());

        var good = GeneratedCsv(1000);
        var committed = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{m.Path}/entries/import?dryRun=false", rawBody: good, contentType: "text/csv");
        Assert.True(committed.GetProperty("committed").GetBoolean());
        Assert.Equal(1000, committed.GetProperty("createdIds").GetArrayLength());
        Assert.Equal(1000, (await f.Viewer.GetJsonAsync($"{m.Path}/entries?pageSize=1")).GetProperty("total").GetInt32());
        var estimates = (await f.Viewer.GetJsonAsync($"{m.Path}/estimates")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(334, estimates.Single(e => e.GetProperty("parameterKey").GetString() == "tau_m").GetProperty("entryCount").GetInt32());
        Assert.Equal(333, estimates.Single(e => e.GetProperty("parameterKey").GetString() == "synaptic_weight").GetProperty("entryCount").GetInt32());
        var weights = await f.Viewer.GetJsonAsync($"{m.Path}/entries?projectionId={m.ProjectionId}&pageSize=500");
        Assert.Contains(weights.GetProperty("items").EnumerateArray(), e => e.GetProperty("value").GetDouble() == 20.02); // row 20: 0.02002 nA → 20.02 pA
        // Entries and audits go in by COPY: one audit per entry, each recording the version (xmin) the entry got.
        var ct = TestContext.Current.CancellationToken;
        await using (var db = PostgresFixture.CreateContext(f.ConnectionString))
        {
            var entries = await db.Entries.Where(e => e.ModelId == m.ModelId).ToDictionaryAsync(e => e.Id, ct);
            var audits = await db.EntryAudits.Where(a => a.ModelId == m.ModelId).ToListAsync(ct);
            Assert.Equal(1000, audits.Count);
            Assert.All(audits, a =>
            {
                Assert.Equal(AuditAction.Added, a.Action);
                var entry = entries[a.EntryId];
                Assert.Equal(entry.Version, JsonDocument.Parse(a.AfterJson!).RootElement.GetProperty("version").GetUInt32());
                // The activity log filters audits by target and parameter: COPY must fill those columns too.
                Assert.Equal((entry.ParameterDefinitionId, entry.PopulationId, entry.ProjectionId), (a.ParameterDefinitionId, a.PopulationId, a.ProjectionId));
            });
        }

        var again = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{m.Path}/entries/import", rawBody: good, contentType: "text/csv");
        Assert.Equal(1000, again.GetProperty("errors").EnumerateArray().Count(e => e.GetProperty("rule").GetString() == "duplicate"));
        var skipped = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{m.Path}/entries/import?duplicates=skip", rawBody: good, contentType: "text/csv");
        Assert.Equal(1000, skipped.GetProperty("skippedDuplicateRows").GetArrayLength());
        Assert.Equal(0, skipped.GetProperty("errors").GetArrayLength());

        // An imported entry's version is its real xmin: an edit with it goes through.
        var edited = weights.GetProperty("items")[0];
        await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/v1/entries/{edited.Id()}",
            new { parameterKey = "synaptic_weight", value = 21.5, doi = "10.5555/imp.7", version = edited.GetProperty("version").GetUInt32() });
    }

    [Fact]
    public async Task Json_import_and_csv_export_round_trip_with_formula_cells_neutralised()
    {
        var m = await TestModel.CreateAsync(f, "Import JSON");
        const string json = """
            [{"target":"L23E","parameter":"v_th","value":-0.05,"unit":"V","citation":"=HYPERLINK(\"http://evil\")","notes":"@SUM(A1)"},
             {"target":"L23E->L23I","parameter_key":"delay","min":1,"max":2,"unit":"ms","doi":"10.5555/json.1","setAs":"range"},
             {"target":"L23E","parameter":"v_th","value":"NaN","doi":"10.5555/json.1"},
             {"target":"Nowhere","parameter":"tau_m","value":10,"doi":"10.5555/json.1"}]
            """;
        var dry = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{m.Path}/entries/import", rawBody: json);
        var errors = dry.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("rule").GetString())).ToList();
        Assert.Equal([(3, "value", "finite"), (4, "target", "not-in-model")], errors);

        var fixedJson = json.Replace("\"NaN\"", "-55", StringComparison.Ordinal).Replace("Nowhere", "L23I", StringComparison.Ordinal);
        await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{m.Path}/entries/import?dryRun=false", rawBody: fixedJson);
        var (status, _, csv) = await f.Viewer.SendAsync(HttpMethod.Get, $"{m.Path}/export/entries.csv");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", csv, StringComparison.Ordinal);
        Assert.Contains("L23E,v_th,-50,,,mV", csv, StringComparison.Ordinal); // -0.05 V → -50 mV, a number, not neutralised
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);

        var copy = await TestModel.CreateAsync(f, "Import copy");
        var reimported = await f.Curator.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{copy.Path}/entries/import?dryRun=false", rawBody: csv, contentType: "text/csv");
        Assert.Equal(4, reimported.GetProperty("createdIds").GetArrayLength());
        var export = await f.Viewer.GetJsonAsync($"{copy.Path}/export.json");
        var notes = export.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entry").GetProperty("notes").GetString()).ToList();
        Assert.Contains("@SUM(A1)", notes); // the apostrophe added on export is removed on import
        Assert.Equal(3, export.GetProperty("estimates").GetArrayLength());
        var (estimatesStatus, _, estimatesCsv) = await f.Viewer.SendAsync(HttpMethod.Get, $"{copy.Path}/export/estimates.csv");
        Assert.Equal(HttpStatusCode.OK, estimatesStatus);
        Assert.Equal(4, estimatesCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Export_columns_are_read_back_by_the_importer()
    {
        var keys = ModelExportService.EntryColumns.Select(ImportRecords.ColumnKey).ToList();
        Assert.Contains("setas", keys);
        Assert.Contains("parameter", keys);
    }
}

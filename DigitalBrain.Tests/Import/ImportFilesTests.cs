using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Import;
using DigitalBrain.Web.Components.Import;

namespace DigitalBrain.Tests.Import;

/// <summary>The import page's files: the template, the entries JSON export, file-kind detection and the summary line.</summary>
public sealed class ImportFilesTests
{
    [Fact]
    public void The_template_has_the_importers_columns_and_one_example_row_for_the_named_target()
    {
        var records = ImportRecords.FromCsv(ImportTemplate.EntriesCsv("L4e"));

        var row = Assert.Single(records);
        Assert.Equal(2, row.Row);
        Assert.Equal(("L4e", "tau_m", "10", "ms", "10.1093/cercor/bhs358", "fixed"),
            (row["target"], row["parameter"], row["value"], row["unit"], row["doi"], row["setas"]));
        Assert.Equal(ImportTemplate.Columns.Select(ImportRecords.ColumnKey).Order(), row.Cells.Keys.Order());
    }

    [Fact]
    public void The_entries_json_export_reads_back_with_the_same_cells_as_the_csv_export()
    {
        var export = new ModelExport(Guid.NewGuid(), "M", DateTimeOffset.UnixEpoch,
        [
            new("L23E", Entry(value: -0.5, min: null, max: null, citation: "=HYPERLINK(\"x\")", notes: "@SUM(A1), \"quoted\"\nsecond line")),
            new("L23E->L23I", Entry(value: null, min: 1.25, max: 2, citation: "Smith 2001", notes: "")),
        ], []);

        var fromJson = ImportRecords.FromJson(ModelExportService.EntriesJson(export));
        var fromCsv = ImportRecords.FromCsv(ModelExportService.EntriesCsv(export));

        Assert.Equal(2, fromJson.Count);
        for (var i = 0; i < 2; i++)
        {
            foreach (var column in new[] { "target", "parameter", "value", "min", "max", "unit", "n", "citation", "setas", "notes" })
                Assert.Equal(fromCsv[i][column], fromJson[i][column]);
        }
        Assert.Equal("-0.5", fromJson[0]["value"]); // a number, not neutralised
        Assert.Equal("=HYPERLINK(\"x\")", fromJson[0]["citation"]); // the CSV's apostrophe is gone again on import
        Assert.Equal("range", fromJson[1]["setas"]);
    }

    [Theory]
    [InlineData("entries.json", "target,parameter", true)]
    [InlineData("entries.CSV", "[{}]", false)]
    [InlineData("entries.txt", "\uFEFF  [{\"target\":\"L4e\"}]", true)]
    [InlineData("entries.txt", "target,parameter", false)]
    public void A_file_is_json_by_its_extension_or_else_by_its_first_character(string name, string text, bool json) =>
        Assert.Equal(json, ImportFiles.IsJson(name, text));

    [Fact]
    public void The_summary_counts_errors_and_rows_in_invariant_numbers()
    {
        var errors = new[] { new ImportError(501, "value", "finite", "m"), new ImportError(501, "unit", "unit", "m"), new ImportError(7, "target", "required", "m") };
        var report = new EntryImportReport(10_000, [], [3], errors, false, []);

        Assert.Equal("10,000 rows checked in 1.5 s: 3 errors in 2 rows. Nothing was imported; fix the rows below and run again. 1 duplicate row skipped.",
            ImportFiles.Summary(report, TimeSpan.FromSeconds(1.5)));
        Assert.Equal("Imported 1 entry from 1,200 rows in 0.3 s.",
            ImportFiles.Summary(new EntryImportReport(1_200, [], [], [], true, [Guid.NewGuid()]), TimeSpan.FromSeconds(0.3)));
    }

    [Theory]
    [InlineData("Barrel cortex (rat)", "Barrel-cortex--rat")]
    [InlineData("../../etc", "etc")]
    [InlineData("Ωмега", "model")]
    public void Download_names_keep_only_safe_characters(string name, string stem) =>
        Assert.Equal(stem, ModelDownloads.FileStem(name));

    private static EntryView Entry(double? value, double? min, double? max, string citation, string notes) => new(
        Guid.NewGuid(), Guid.NewGuid(), EstimateTarget.ForPopulation(Guid.NewGuid()), "v_th", "mV", value, min, max, 0.5, null, 7,
        new ReferenceView(Guid.NewGuid(), null, null, citation), value is null ? SetAs.Range : SetAs.Fixed, "rat", "patch", notes,
        "u1", "Ada", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, ReviewState.Unreviewed, null, 42);
}

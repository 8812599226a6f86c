namespace DigitalBrain.Core.Import;

/// <summary>A CSV to start an entries file from: the columns the importer reads and one example row.</summary>
public static class ImportTemplate
{
    public static readonly string[] Columns =
        ["target", "parameter", "value", "min", "max", "unit", "sd", "sem", "n", "doi", "pmid", "citation", "set_as", "species", "method", "notes"];

    /// <param name="exampleTarget">A population (or SOURCE->TARGET, or region:NAME) of the model, for the example row.</param>
    public static string EntriesCsv(string exampleTarget) =>
        Csv.Line(Columns.Select(c => ((string?)c, true))) + "\r\n" +
        Csv.Line(new string?[]
        {
            exampleTarget, "tau_m", "10", "", "", "ms", "2", "", "12", "10.1093/cercor/bhs358", "", "", "fixed", "rat",
            "whole-cell patch, slice", "Example row: replace it with your values. A range: leave value empty, fill min and max, set_as range.",
        }.Select(c => (c, true))) + "\r\n";
}

using DigitalBrain.Core.Import;

namespace DigitalBrain.Tests.Import;

public sealed class ImportParsingTests
{
    [Fact]
    public void Csv_reads_quotes_doubled_quotes_embedded_line_breaks_and_crlf()
    {
        var records = Csv.Parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3");
        Assert.Equal(3, records.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1]);
        Assert.Equal(["1", "", "3"], records[2]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Formula_cells_get_an_apostrophe_that_import_removes(string cell, string expected)
    {
        Assert.Equal(expected, Csv.Protect(cell));
        Assert.Equal(cell, Csv.Unprotect(Csv.Protect(cell)));
    }

    [Fact]
    public void A_csv_line_protects_text_but_not_numbers_and_quotes_separators()
    {
        Assert.Equal("'=A1,-70,\"a,b\"", Csv.Line([("=A1", true), ("-70", false), ("a,b", true)]));
    }

    [Theory]
    [InlineData(0.07, "V", "mV", 70)]
    [InlineData(-0.05, "V", "mV", -50)]
    [InlineData(2, "nS", "µS", 0.002)]
    [InlineData(3, "uS", "nS", 3000)]
    [InlineData(1.5, "s", "ms", 1500)]
    [InlineData(100, "pA", "nA", 0.1)]
    [InlineData(0.02002, "nA", "pA", 20.02)]
    [InlineData(5, "kHz", "Hz", 5000)]
    [InlineData(12, "%", "1", 0.12)]
    [InlineData(250, "\u03BCm", "µm", 250)]
    public void Units_convert_exactly_within_a_dimension(double value, string from, string to, double expected)
    {
        var factor = UnitConversion.Factor(from, to);
        Assert.NotNull(factor);
        Assert.Equal(expected, UnitConversion.Convert(value, factor.Value));
    }

    [Theory]
    [InlineData("mV", "pA")]
    [InlineData("ms", "Hz")]
    [InlineData("furlongs", "m")]
    public void Units_of_different_dimensions_do_not_convert(string from, string to) => Assert.Null(UnitConversion.Factor(from, to));

    [Fact]
    public void Csv_records_number_rows_as_a_spreadsheet_does_and_skip_blank_lines()
    {
        var records = ImportRecords.FromCsv("Target,Parameter Key,Set_As\nL23E,tau_m,'=x\n\nL23I,c_m,range\n");
        Assert.Equal([2, 4], records.Select(r => r.Row));
        Assert.Equal("tau_m", records[0]["parameter"]);
        Assert.Equal("=x", records[0]["setas"]);
        Assert.Equal("range", records[1]["setas"]);
    }

    [Fact]
    public void Bibtex_entries_give_doi_and_a_citation()
    {
        var records = Bibliography.ParseBibTex("""
            @comment{ignored}
            @Article{b2000, author = "Brunel, Nicolas", title = {Dynamics of {Sparsely} Connected Networks}, journal = {J Comput Neurosci},
              year = 2000, volume = 8, pages = {183--208}, doi = {10.1023/A:1008925309027}}
            @misc{x, title = {No identifier}, url = {https://doi.org/10.5555/From.Url}}
            """);
        Assert.Equal(2, records.Count);
        Assert.Equal("10.1023/A:1008925309027", records[0].Doi);
        Assert.Equal("Brunel, Nicolas (2000). Dynamics of Sparsely Connected Networks. J Comput Neurosci 8, 183–208.", records[0].Citation);
        Assert.Equal("b2000", records[0].Key);
        Assert.Equal("https://doi.org/10.5555/From.Url", records[1].Doi);
    }

    [Fact]
    public void Ris_records_give_authors_year_doi_and_pmid()
    {
        var records = Bibliography.ParseRis("TY  - JOUR\nAU  - Potjans, T C\nAU  - Diesmann, M\nT1  - Microcircuit\nJF  - Cereb Cortex\nY1  - 2014/03/01\nSP  - 785\nEP  - 806\nDO  - 10.1093/cercor/bhs358\nAN  - 23203991\nER  - \nTY  - BOOK\nTI  - Second\nER  - \n");
        Assert.Equal(2, records.Count);
        Assert.Equal("10.1093/cercor/bhs358", records[0].Doi);
        Assert.Equal("23203991", records[0].Pmid);
        Assert.Equal("Potjans, T C; Diesmann, M (2014). Microcircuit. Cereb Cortex, 785-806.", records[0].Citation);
        Assert.Equal("Second.", records[1].Citation);
    }
}

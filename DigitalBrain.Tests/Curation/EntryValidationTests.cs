using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Validation;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalBrain.Tests.Curation;

/// <summary>Every bad input of the issue is refused with an error naming the field and the rule,
/// and leaves no row behind; the database refuses the same values on its own.</summary>
public sealed class EntryValidationTests(PostgresFixture postgres)
{
    // Rejected input writes nothing, so the cases can share one database (tests of one class run one at a time).
    private static readonly SemaphoreSlim BedLock = new(1, 1);
    private static CurationTestBed? _bed;

    private async Task<CurationTestBed> SharedBedAsync()
    {
        await BedLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _bed ??= await CurationTestBed.CreateAsync(postgres);
        }
        finally
        {
            BedLock.Release();
        }
    }

    public static TheoryData<string, EntryInput, string, string, bool> BadInputs() => new()
    {
        { "NaN", Good("tau_m", double.NaN), "value", "finite", false },
        { "+Infinity", Good("tau_m", double.PositiveInfinity), "value", "finite", false },
        { "-Infinity in a range", Good("tau_m", null) with { Min = double.NegativeInfinity, Max = 3 }, "min", "finite", false },
        { "NaN SD", Good("tau_m", 10) with { Sd = double.NaN }, "sd", "finite", false },
        { "negative count", Good("neuron_count", -5), "value", "range", false },
        { "non-integer count", Good("neuron_count", 12.5), "value", "integer", false },
        { "probability above 1", Good("connection_probability", 1.2), "value", "range", true },
        { "probability below 0", Good("connection_probability", -0.1), "value", "range", true },
        { "min > max", Good("tau_m", null) with { Min = 20, Max = 10 }, "min", "min-le-max", false },
        { "unknown parameter", Good("no_such_parameter", 1), "parameterKey", "unknown-parameter", false },
        { "unknown unit", Good("tau_m", 10) with { Unit = "s" }, "unit", "unit", false },
        { "delay below resolution", Good("delay", 0.05), "value", "resolution", true },
        { "malformed DOI", Good("tau_m", 10) with { Doi = "10.12/not a doi" }, "doi", "doi-format", false },
        { "malformed PMID", Good("tau_m", 10) with { Pmid = "PMID: 12ab" }, "pmid", "pmid-format", false },
        { "no reference", Good("tau_m", 10) with { Doi = null }, "reference", "required", false },
        { "value and range", Good("tau_m", 10) with { Min = 1, Max = 2 }, "value", "value-or-range", false },
        { "negative SD", Good("tau_m", 10) with { Sd = -1 }, "sd", "non-negative", false },
        { "zero n", Good("tau_m", 10) with { N = 0 }, "n", "positive", false },
        { "parameter of another target kind", Good("connection_probability", 0.1), "target", "target-kind", false },
    };

    private static EntryInput Good(string key, double? value) => CurationTestBed.Input(key, value);

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_names_field_and_rule_and_writes_nothing(string _, EntryInput input, string field, string rule, bool onProjection)
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await SharedBedAsync();
        var before = await bed.CountsAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            bed.Entries.AddAsync(bed.Curator, bed.ModelId, onProjection ? bed.Projection : bed.Population, input, ct));

        Assert.Contains(error.Errors, e => e.Field == field && e.Rule == rule);
        Assert.Contains(field, error.Message);
        Assert.Equal(before, await bed.CountsAsync());
    }

    [Theory]
    [InlineData("""{"parameterKey":"tau_m","value":"NaN","doi":"10.1000/x"}""")]
    [InlineData("""{"parameterKey":"tau_m","value":1e400,"doi":"10.1000/x"}""")]
    [InlineData("""{"parameterKey":"tau_m","value":-1e400,"doi":"10.1000/x"}""")]
    [InlineData("""{"parameterKey":"tau_m","value":"Infinity","doi":"10.1000/x"}""")]
    public async Task Non_finite_numbers_in_json_reach_the_validator_and_are_refused(string json)
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await SharedBedAsync();
        var input = EntryInputJson.Parse(json);
        var before = await bed.CountsAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, input, ct));

        Assert.Equal(("value", "finite"), (error.Errors.Single().Field, error.Errors.Single().Rule));
        Assert.Equal(before, await bed.CountsAsync());
    }

    [Fact]
    public void Json_that_is_not_a_number_is_named_by_field()
    {
        var error = Assert.Throws<ValidationException>(() => EntryInputJson.Parse("""{"parameterKey":"tau_m","value":"ten"}"""));
        Assert.Equal(("value", "number"), (error.Errors.Single().Field, error.Errors.Single().Rule));
    }

    [Theory]
    [InlineData("'NaN'::float8", "NULL", "NULL", "CK_Entries_Finite")]
    [InlineData("'Infinity'::float8", "NULL", "NULL", "CK_Entries_Finite")]
    [InlineData("NULL", "5", "1", "CK_Entries_MinLeMax")]
    [InlineData("1", "0", "2", "CK_Entries_ValueOrRange")]
    public async Task The_database_refuses_the_same_values_by_check_constraint(string value, string min, string max, string constraint)
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await SharedBedAsync();
        var good = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10), ct);
        await using var db = await bed.Factory.CreateDbContextAsync(ct);
        // Copy the valid row with the bad numbers, bypassing the application entirely.
        var sql = $"""
            INSERT INTO "Entries" ("Id", "ModelId", "PopulationId", "ParameterDefinitionId", "Value", "Min", "Max", "ReferenceId", "SetAs", "Species", "Method", "Notes", "AuthorId", "CreatedAt", "UpdatedAt", "ReviewState")
            SELECT gen_random_uuid(), "ModelId", "PopulationId", "ParameterDefinitionId", {value}, {min}, {max}, "ReferenceId", 1, '', '', '', "AuthorId", now(), now(), 1
            FROM "Entries" WHERE "Id" = '{good.Id}'
            """;

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql, ct));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
    }

    [Theory]
    [InlineData("tau_m", "-5", "CK_Entries_ParameterRange")]
    [InlineData("connection_probability", "1.5", "CK_Entries_ParameterRange")]
    [InlineData("neuron_count", "-3", "CK_Entries_ParameterRange")]
    [InlineData("neuron_count", "12.5", "CK_Entries_WholeNumber")]
    public async Task The_database_refuses_values_outside_the_parameters_rules(string key, string value, string constraint)
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await SharedBedAsync();
        var good = await bed.Entries.AddAsync(bed.Curator, bed.ModelId, bed.Population, CurationTestBed.Input("tau_m", 10), ct);
        await using var db = await bed.Factory.CreateDbContextAsync(ct);
        var sql = $"""
            INSERT INTO "Entries" ("Id", "ModelId", "PopulationId", "ParameterDefinitionId", "Value", "ReferenceId", "SetAs", "Species", "Method", "Notes", "AuthorId", "CreatedAt", "UpdatedAt", "ReviewState")
            SELECT gen_random_uuid(), "ModelId", "PopulationId", (SELECT "Id" FROM "ParameterDefinitions" WHERE "Key" = '{key}'), {value}, "ReferenceId", 1, '', '', '', "AuthorId", now(), now(), 1
            FROM "Entries" WHERE "Id" = '{good.Id}'
            """;

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql, ct));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
        Assert.Contains(key, error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_a_malformed_doi()
    {
        var ct = TestContext.Current.CancellationToken;
        var bed = await SharedBedAsync();
        await using var db = await bed.Factory.CreateDbContextAsync(ct);

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "References" ("Id", "Doi", "Citation", "CitationKey", "CreatedAt") VALUES (gen_random_uuid(), 'not-a-doi', '', '', now())""", ct));

        Assert.Equal("CK_References_Doi", error.ConstraintName);
    }
}

using System.Diagnostics;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.SpecImport;
using DigitalBrain.Core.Validation;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;
using DigitalBrain.Tests.Export;
using DigitalBrain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Tests.Versions;

public sealed class SpecImportTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_imported_brunel_network_compiles_back_to_the_same_spec()
    {
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        var spec = Brunel.Create(0.1);

        var (import, compiled) = await bed.RoundTripAsync(spec);

        Assert.Null(DeepEquality.FirstDifference(SpecRoundTrip.Comparable(spec), SpecRoundTrip.Comparable(compiled)));
        Assert.Equal(4, import.Projections);
        // Documented difference: NEST's Brunel example allows autapses; the compiler forbids them for
        // fixed_indegree within a population (there is no catalogue value for it).
        Assert.All(SpecRoundTrip.SelfAutapses(compiled), a => Assert.False(a.Allowed));
    }

    [Fact]
    public async Task An_imported_microcircuit_at_a_tenth_compiles_back_to_the_same_spec_with_its_dc_compensation()
    {
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        var spec = Microcircuit.Create(0.1);
        Assert.Contains(spec.Populations, p => p.Parameters.ExternalCurrentPa != 0); // so i_e is really exercised

        var (_, compiled) = await bed.RoundTripAsync(spec);

        Assert.Null(DeepEquality.FirstDifference(SpecRoundTrip.Comparable(spec), SpecRoundTrip.Comparable(compiled)));
        Assert.Equal(SpecRoundTrip.SelfAutapses(spec), SpecRoundTrip.SelfAutapses(compiled));
    }

    [Fact]
    public async Task The_whole_brain_benchmark_imports_fast_in_one_batch_and_compiles_back_to_the_same_spec()
    {
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        // Full size: the row count does not depend on the scale, only the neuron counts do.
        var spec = WholeBrain.Create(1.0);
        var json = NetworkSpecJson.Serialize(spec);
        var ct = TestContext.Current.CancellationToken;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var import = await bed.Imports.ImportJsonAsync(SpecImportTestBed.Importer, json, ct);
        var importSeconds = clock.Elapsed.TotalSeconds;
        var importCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        clock.Restart();
        var (version, _) = await bed.Versions.CreateAsync(SpecImportTestBed.Importer, import.ModelId, ct: ct);
        var versionSeconds = clock.Elapsed.TotalSeconds;
        var (_, compiled) = await bed.Versions.GetAsync(SpecImportTestBed.Importer, version.Id, ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"whole-brain import: {import.Populations} populations, {import.Projections} projections, {import.Entries} entries: "
            + $"{importSeconds:F2} s wall, {importCpu:F2} s CPU (test process); version {versionSeconds:F2} s wall");

        Assert.Equal(65, import.Populations);
        Assert.Equal(1_010_001, version.NeuronCount);
        Assert.Null(DeepEquality.FirstDifference(SpecRoundTrip.Comparable(spec), SpecRoundTrip.Comparable(compiled)));
        Assert.Equal(SpecRoundTrip.SelfAutapses(spec), SpecRoundTrip.SelfAutapses(compiled));
        Assert.Equal(import.Entries, await bed.CountAsync<Entry>());
        Assert.Equal(import.Entries, await bed.CountAsync<EntryAudit>());
        // Generous for a loaded 2-core CI machine; on an idle one it is a few seconds.
        Assert.True(importSeconds < 60, $"import took {importSeconds:F1} s");
    }

    [Fact]
    public async Task Imported_values_are_fixed_entries_of_the_importer_citing_the_spec_and_its_hash()
    {
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        var ct = TestContext.Current.CancellationToken;
        var import = await bed.Imports.ImportJsonAsync(SpecImportTestBed.Importer, NetworkSpecJson.Serialize(Brunel.Create(0.1)), ct);

        await using var db = await bed.Factory.CreateDbContextAsync(ct);
        var entries = await db.Entries.Include(e => e.Reference).Where(e => e.ModelId == import.ModelId).ToListAsync(ct);
        var model = await db.BrainModels.Include(m => m.Members).SingleAsync(m => m.Id == import.ModelId, ct);
        Assert.Equal(import.Entries, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("importer", e.AuthorId);
            Assert.Equal(SetAs.Fixed, e.SetAs);
            Assert.Equal($"NetworkSpec import 'brunel (scale 0.1)', sha256 {import.SpecSha256}", e.Reference!.Citation);
        });
        Assert.Equal(ModelRole.Owner, Assert.Single(model.Members).Role);
        Assert.DoesNotContain("Structural benchmark", model.Description, StringComparison.Ordinal);
        Assert.Contains("Brunel 2000 model A", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_refused_naming_the_field_and_writes_nothing()
    {
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        var json = NetworkSpecJson.Serialize(Brunel.Create(0.1)).Replace("\"size\": 1000", "\"size\": \"many\"", StringComparison.Ordinal);
        Assert.Contains("\"many\"", json, StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            bed.Imports.ImportJsonAsync(SpecImportTestBed.Importer, json, TestContext.Current.CancellationToken));

        Assert.Equal("$.populations[0].size", Assert.Single(ex.Errors).Field);
        Assert.Equal(0, await bed.CountAsync<BrainModel>());
    }

    [Fact]
    public async Task A_value_outside_the_catalogue_or_a_feature_the_compiler_lacks_is_refused_by_field_and_nothing_is_written()
    {
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        var spec = Brunel.Create(0.1);
        var broken = spec with
        {
            Projections = [spec.Projections[0] with { Synapse = spec.Projections[0].Synapse with { DelayMs = Distribution.Constant(0.05) } }, .. spec.Projections.Skip(1)],
            Stimuli = [.. spec.Stimuli, new DcInput("E", 10)],
        };

        var dc = await Assert.ThrowsAsync<ValidationException>(() =>
            bed.Imports.ImportJsonAsync(SpecImportTestBed.Importer, NetworkSpecJson.Serialize(broken), TestContext.Current.CancellationToken));
        var delay = await Assert.ThrowsAsync<ValidationException>(() =>
            bed.Imports.ImportJsonAsync(SpecImportTestBed.Importer, NetworkSpecJson.Serialize(broken with { Stimuli = spec.Stimuli }), TestContext.Current.CancellationToken));

        Assert.Equal("stimuli[2].kind", Assert.Single(dc.Errors).Field);
        var error = Assert.Single(delay.Errors);
        Assert.Equal(("projections[0].synapse.delayMs.mean", "resolution"), (error.Field, error.Rule));
        Assert.Equal(0, await bed.CountAsync<BrainModel>());
        Assert.Equal(0, await bed.CountAsync<Entry>());
    }

    [Fact]
    public async Task The_whole_brain_benchmark_is_imported_once_by_an_admin_and_labelled_as_a_benchmark()
    {
        var bed = await SpecImportTestBed.CreateAsync(postgres);
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<AccessDeniedException>(() => bed.Imports.ImportWholeBrainBenchmarkAsync(SpecImportTestBed.Importer, 0.01, ct));
        var first = await bed.Imports.ImportWholeBrainBenchmarkAsync(SpecImportTestBed.Admin, 0.01, ct);
        var second = await bed.Imports.ImportWholeBrainBenchmarkAsync(SpecImportTestBed.Admin, 0.01, ct);

        Assert.Equal(first.ModelId, second.ModelId);
        var model = await new BrainModelService(bed.Factory).GetAsync(SpecImportTestBed.Importer, first.ModelId, ct);
        Assert.StartsWith(SpecImportService.BenchmarkLabel, model.Description, StringComparison.Ordinal);
        Assert.True(model.IsPublic);
        Assert.Equal(1, await bed.CountAsync<BrainModel>());
    }
}

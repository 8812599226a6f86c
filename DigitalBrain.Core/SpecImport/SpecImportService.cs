using System.Globalization;
using System.Text.Json;
using DigitalBrain.Core.Data;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Validation;
using DigitalBrain.Core.Versions;
using DigitalBrain.Simulation.Builtins;
using DigitalBrain.Simulation.Spec;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.SpecImport;

/// <summary>What an import created.</summary>
public sealed record SpecImportResult(Guid ModelId, string ModelName, int Populations, int Projections, int Entries, string SpecSha256);

/// <summary>
/// Creates a BrainModel from a <see cref="NetworkSpec"/>: its structure, and every value the
/// compiler reads as a fixed entry by the importing user citing "NetworkSpec import …, sha256 …",
/// so that the collective estimates are the spec's values and a version compiles back to the spec
/// (see <see cref="SpecImportPlan"/> for what does not round-trip). One transaction: a spec with a
/// single bad value writes nothing.
/// </summary>
public sealed class SpecImportService(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>Seed key of the whole-brain benchmark model, so that it is imported once.</summary>
    public const string WholeBrainSeedKey = "builtin-wholebrain";
    public const string WholeBrainModelName = "Whole-brain structural benchmark (builtin:wholebrain)";
    public const string BenchmarkLabel = "Structural benchmark, not a curated model.";

    /// <summary>Reads a spec document; a malformed one fails naming the JSON path of the problem.</summary>
    public static NetworkSpec Parse(string json)
    {
        try
        {
            return NetworkSpecJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path;
            throw new ValidationException([new(field, "json", $"Not a NetworkSpec document at {field}: {FirstLine(ex.Message)}")]);
        }
    }

    /// <summary>Any signed-in user may import; they become the owner of a new private model.</summary>
    public Task<SpecImportResult> ImportJsonAsync(Actor actor, string json, CancellationToken ct = default) =>
        ImportAsync(actor, Parse(json), modelName: null, seedKey: null, isPublic: false, ct);

    /// <summary>Admins: imports <c>builtin:wholebrain</c> at full size as a public model beside the
    /// curated skeleton, once; a second call returns the model already there.</summary>
    public async Task<SpecImportResult> ImportWholeBrainBenchmarkAsync(Actor actor, double scale = 1.0, CancellationToken ct = default)
    {
        if (!actor.IsAdmin)
            throw new AccessDeniedException("Only administrators can import the whole-brain benchmark.");
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var existing = await db.BrainModels.AsNoTracking().FirstOrDefaultAsync(m => m.SeedKey == WholeBrainSeedKey, ct);
            if (existing is not null)
                return new SpecImportResult(existing.Id, existing.Name, 0, 0, 0, "");
        }
        return await ImportAsync(actor, WholeBrain.Create(scale), WholeBrainModelName, WholeBrainSeedKey, isPublic: true, ct);
    }

    private async Task<SpecImportResult> ImportAsync(Actor actor, NetworkSpec spec, string? modelName, string? seedKey, bool isPublic, CancellationToken ct)
    {
        var plan = SpecImportPlan.Build(spec);
        var hash = ContentHash.Of(NetworkSpecJson.Serialize(spec));
        return await WriteTransaction.RunAsync(factory, async db =>
        {
            var author = await db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct)
                         ?? throw new AccessDeniedException("The importing user does not exist.");
            // Tracked: the entries point at these rows, which must stay unchanged, not be inserted again.
            var catalogue = await db.ParameterDefinitions.ToDictionaryAsync(p => p.Key, ct);
            var now = DateTimeOffset.UtcNow;
            var reference = await ReferenceAsync(db, $"NetworkSpec import '{plan.Name}', sha256 {hash}", now, ct);
            var model = new BrainModel
            {
                Id = Guid.NewGuid(), Name = modelName ?? plan.Name, Description = Describe(spec, plan, hash), IsPublic = isPublic,
                SeedKey = seedKey, CreatedAt = now,
            };
            model.Members.Add(new ModelMember { ModelId = model.Id, UserId = actor.UserId, Role = ModelRole.Owner, AddedAt = now });
            db.BrainModels.Add(model);
            // Tens of thousands of new rows: one change scan before the save instead of one per add.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var writer = new SpecModelWriter(db, model, author, reference, catalogue, now);
            writer.Write(plan);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return new SpecImportResult(model.Id, model.Name, plan.Populations.Count, plan.Projections.Count, writer.EntryCount, hash);
        }, ct);
    }

    private static async Task<Curation.Reference> ReferenceAsync(AppDbContext db, string citation, DateTimeOffset now, CancellationToken ct)
    {
        var key = Curation.ReferenceIdentity.CitationKey(citation);
        var reference = await db.References.FirstOrDefaultAsync(r => r.Doi == null && r.Pmid == null && r.CitationKey == key, ct);
        if (reference is not null)
            return reference;
        reference = new Curation.Reference { Id = Guid.NewGuid(), Citation = citation, CitationKey = key, CreatedAt = now };
        db.References.Add(reference);
        return reference;
    }

    /// <summary>Says what the model is: a benchmark says so first, then where the values came from.</summary>
    internal static string Describe(NetworkSpec spec, SpecImportPlan plan, string hash)
    {
        var provenance = spec.Populations.Select(p => p.Provenance).OfType<string>().Distinct(StringComparer.Ordinal).Take(3).ToList();
        var benchmark = provenance.Any(p => p.Contains("structural benchmark", StringComparison.OrdinalIgnoreCase));
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{plan.Populations.Count} populations, {spec.NeuronCount:N0} neurons, {plan.Projections.Count} projections");
        var text = $"Imported from the NetworkSpec JSON '{plan.Name}' (sha256 {hash[..12]}…): {counts}. Every value is a fixed entry "
                   + "citing the import, so the collective estimates are the spec's values.";
        if (provenance.Count > 0)
            text += " The spec describes its values as: " + string.Join(" / ", provenance) + ".";
        return benchmark ? $"{BenchmarkLabel} {text}" : text;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}

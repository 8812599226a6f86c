using DigitalBrain.Core.Accounts;
using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Estimates;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using DigitalBrain.Core.Runs;
using DigitalBrain.Core.Versions;
using DigitalBrain.Core.Structure;
using DigitalBrain.Core.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DigitalBrain.Core.Data;

/// <summary>The one database context. Each entity is configured by its own
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in its feature folder.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<BrainModel> BrainModels => Set<BrainModel>();
    public DbSet<ModelMember> ModelMembers => Set<ModelMember>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Layer> Layers => Set<Layer>();
    public DbSet<Population> Populations => Set<Population>();
    public DbSet<Projection> Projections => Set<Projection>();
    public DbSet<ParameterDefinition> ParameterDefinitions => Set<ParameterDefinition>();
    public DbSet<Reference> References => Set<Reference>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<EntryAudit> EntryAudits => Set<EntryAudit>();
    /// <summary>Append-only: notes, pins and method choices as they happened.</summary>
    public DbSet<CurationEvent> CurationEvents => Set<CurationEvent>();
    public DbSet<CollectiveEstimate> CollectiveEstimates => Set<CollectiveEstimate>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<SimulationRun> SimulationRuns => Set<SimulationRun>();
    public DbSet<RunPopulationResult> RunPopulationResults => Set<RunPopulationResult>();
    public DbSet<RunSpikeChunk> RunSpikeChunks => Set<RunSpikeChunk>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    /// <summary>ASP.NET Core Data Protection keys, so cookies survive restarts and work across web nodes.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Runs;

public sealed class SimulationRunConfiguration : IEntityTypeConfiguration<SimulationRun>
{
    public void Configure(EntityTypeBuilder<SimulationRun> builder)
    {
        builder.ToTable("SimulationRuns", t =>
        {
            t.HasCheckConstraint("CK_SimulationRuns_SimulateMs", "\"SimulateMs\" > 0 AND \"SimulateMs\" <= 3600000");
            t.HasCheckConstraint("CK_SimulationRuns_PresimMs", "\"PresimMs\" >= 0 AND \"PresimMs\" <= 3600000");
            t.HasCheckConstraint("CK_SimulationRuns_Scale", "\"Scale\" > 0 AND \"Scale\" <= 1");
            t.HasCheckConstraint("CK_SimulationRuns_Progress", "\"Progress\" >= 0 AND \"Progress\" <= 1");
        });
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Backend).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Seed).HasConversion<decimal>();
        builder.Property(r => r.Queue).HasMaxLength(40);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Property(r => r.JobId).HasMaxLength(100);
        builder.Property(r => r.BackendUsed).HasMaxLength(40);
        builder.Property(r => r.CreatedById).HasMaxLength(450);
        builder.Property(r => r.LiveRates).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.BrainModelId, r.CreatedAt });
        builder.HasOne<Models.BrainModel>().WithMany().HasForeignKey(r => r.BrainModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Versions.ModelVersion>().WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<RunPopulationResult>().WithOne().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<RunSpikeChunk>().WithOne().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RunPopulationResultConfiguration : IEntityTypeConfiguration<RunPopulationResult>
{
    public void Configure(EntityTypeBuilder<RunPopulationResult> builder)
    {
        builder.ToTable("RunPopulationResults");
        builder.HasKey(p => new { p.RunId, p.Population });
        builder.Property(p => p.Population).HasMaxLength(200);
    }
}

public sealed class RunSpikeChunkConfiguration : IEntityTypeConfiguration<RunSpikeChunk>
{
    public void Configure(EntityTypeBuilder<RunSpikeChunk> builder)
    {
        builder.ToTable("RunSpikeChunks");
        builder.HasKey(c => new { c.RunId, c.Population, c.Index });
        builder.Property(c => c.Population).HasMaxLength(200);
    }
}

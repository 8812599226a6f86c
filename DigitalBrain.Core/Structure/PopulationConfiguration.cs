using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Structure;

public sealed class PopulationConfiguration : IEntityTypeConfiguration<Population>
{
    public void Configure(EntityTypeBuilder<Population> builder)
    {
        builder.ToTable("Populations", t => t.HasCheckConstraint("CK_Populations_Name", "length(btrim(\"Name\")) > 0"));
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.CellType).HasMaxLength(100);
        builder.Property(p => p.NeuronModel).HasMaxLength(50);
        builder.HasIndex(p => new { p.ModelId, p.Name }).IsUnique();
        builder.HasOne<BrainModel>().WithMany().HasForeignKey(p => p.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Region>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Layer>().WithMany().HasForeignKey(p => p.LayerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProjectionConfiguration : IEntityTypeConfiguration<Projection>
{
    public void Configure(EntityTypeBuilder<Projection> builder)
    {
        builder.ToTable("Projections", t => t.HasCheckConstraint("CK_Projections_Receptor", "\"Receptor\" IN (1, 2)"));
        builder.Property(p => p.SynapseType).HasMaxLength(50);
        builder.Property(p => p.ConnectionRule).HasMaxLength(50);
        builder.HasIndex(p => new { p.SourcePopulationId, p.TargetPopulationId, p.Receptor }).IsUnique();
        builder.HasIndex(p => p.ModelId);
        builder.HasIndex(p => p.TargetPopulationId);
        builder.HasOne<BrainModel>().WithMany().HasForeignKey(p => p.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Population>().WithMany().HasForeignKey(p => p.SourcePopulationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Population>().WithMany().HasForeignKey(p => p.TargetPopulationId).OnDelete(DeleteBehavior.Cascade);
    }
}

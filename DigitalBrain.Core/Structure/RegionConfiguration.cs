using DigitalBrain.Core.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Structure;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("Regions", t =>
        {
            t.HasCheckConstraint("CK_Regions_Name", "length(btrim(\"Name\")) > 0");
            t.HasCheckConstraint("CK_Regions_DeclaredCounts", "(\"DeclaredLayerCount\" IS NULL OR \"DeclaredLayerCount\" >= 0) AND (\"DeclaredCellTypeCount\" IS NULL OR \"DeclaredCellTypeCount\" >= 0)");
        });
        builder.Property(r => r.Category).HasMaxLength(20);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Description).HasMaxLength(4000);
        builder.HasIndex(r => new { r.ModelId, r.Name }).IsUnique();
        builder.HasOne<BrainModel>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Layers).WithOne().HasForeignKey(l => l.RegionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LayerConfiguration : IEntityTypeConfiguration<Layer>
{
    public void Configure(EntityTypeBuilder<Layer> builder)
    {
        builder.ToTable("Layers", t => t.HasCheckConstraint("CK_Layers_Name", "length(btrim(\"Name\")) > 0"));
        builder.Property(l => l.Name).HasMaxLength(50);
        builder.HasIndex(l => new { l.RegionId, l.Name }).IsUnique();
    }
}

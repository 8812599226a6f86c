using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Models;

public sealed class BrainModelConfiguration : IEntityTypeConfiguration<BrainModel>
{
    public void Configure(EntityTypeBuilder<BrainModel> builder)
    {
        builder.ToTable("BrainModels", t => t.HasCheckConstraint("CK_BrainModels_Name", "length(btrim(\"Name\")) > 0"));
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Description).HasMaxLength(20_000);
        builder.Property(m => m.SeedKey).HasMaxLength(100);
        builder.HasIndex(m => m.SeedKey).IsUnique();
        builder.HasMany(m => m.Members).WithOne().HasForeignKey(m => m.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}

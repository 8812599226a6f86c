using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Versions;

public sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.ToTable("ModelVersions", t => t.HasCheckConstraint("CK_ModelVersions_Number", "\"Number\" >= 1"));
        builder.Property(v => v.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(v => v.SpecJson).HasColumnType("text");
        builder.Property(v => v.CreatedById).HasMaxLength(450);
        builder.Property(v => v.Note).HasMaxLength(2000);
        builder.HasOne<Models.BrainModel>().WithMany().HasForeignKey(v => v.BrainModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.BrainModelId, v.Number }).IsUnique();
        builder.HasIndex(v => new { v.BrainModelId, v.ContentHash });
    }
}

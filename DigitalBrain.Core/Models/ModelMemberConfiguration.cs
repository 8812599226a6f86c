using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Models;

public sealed class ModelMemberConfiguration : IEntityTypeConfiguration<ModelMember>
{
    public void Configure(EntityTypeBuilder<ModelMember> builder)
    {
        builder.ToTable("ModelMembers", t => t.HasCheckConstraint("CK_ModelMembers_Role", "\"Role\" IN (1, 2, 3)"));
        builder.HasKey(m => new { m.ModelId, m.UserId });
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.UserId);
    }
}

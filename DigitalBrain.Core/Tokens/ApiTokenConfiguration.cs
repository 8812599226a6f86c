using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Tokens;

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens", t =>
        {
            t.HasCheckConstraint("CK_ApiTokens_Hash", "octet_length(\"Hash\") = 32");
            t.HasCheckConstraint("CK_ApiTokens_Name", "length(btrim(\"Name\")) > 0");
        });
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.HasIndex(t => t.Prefix).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

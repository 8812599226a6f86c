using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Curation;

public sealed class ReferenceConfiguration : IEntityTypeConfiguration<Reference>
{
    public void Configure(EntityTypeBuilder<Reference> builder)
    {
        builder.ToTable("References", t =>
        {
            t.HasCheckConstraint("CK_References_Doi", "\"Doi\" IS NULL OR (\"Doi\" ~ '^10\\.[0-9]{4,9}/\\S+$' AND \"Doi\" = lower(\"Doi\"))");
            t.HasCheckConstraint("CK_References_Pmid", "\"Pmid\" IS NULL OR \"Pmid\" ~ '^[1-9][0-9]{0,8}$'");
            t.HasCheckConstraint("CK_References_Identified", "\"Doi\" IS NOT NULL OR \"Pmid\" IS NOT NULL OR length(btrim(\"Citation\")) > 0");
        });
        builder.Property(r => r.Doi).HasMaxLength(300);
        builder.Property(r => r.Pmid).HasMaxLength(12);
        builder.Property(r => r.Citation).HasMaxLength(2000);
        builder.Property(r => r.CitationKey).HasMaxLength(2000);
        builder.HasIndex(r => r.Doi).IsUnique().HasFilter("\"Doi\" IS NOT NULL");
        builder.HasIndex(r => r.Pmid).IsUnique().HasFilter("\"Pmid\" IS NOT NULL");
        builder.HasIndex(r => r.CitationKey).IsUnique().HasFilter("\"Doi\" IS NULL AND \"Pmid\" IS NULL");
    }
}

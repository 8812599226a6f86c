using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Catalogue;

public sealed class ParameterDefinitionConfiguration : IEntityTypeConfiguration<ParameterDefinition>
{
    public void Configure(EntityTypeBuilder<ParameterDefinition> builder)
    {
        builder.ToTable("ParameterDefinitions", t =>
        {
            t.HasCheckConstraint("CK_ParameterDefinitions_Key", "\"Key\" ~ '^[a-z][a-z0-9_]*$'");
            t.HasCheckConstraint("CK_ParameterDefinitions_Range", "\"MinValue\" > '-Infinity'::float8 AND \"MaxValue\" < 'Infinity'::float8 AND \"MinValue\" <= \"MaxValue\"");
            t.HasCheckConstraint("CK_ParameterDefinitions_ValueKind", "\"ValueKind\" IN (1, 2, 3)");
            t.HasCheckConstraint("CK_ParameterDefinitions_AppliesTo", "\"AppliesTo\" BETWEEN 1 AND 7");
            t.HasCheckConstraint("CK_ParameterDefinitions_DefaultMethod", "\"DefaultMethod\" BETWEEN 1 AND 7");
            t.HasCheckConstraint("CK_ParameterDefinitions_Unit", "length(btrim(\"Unit\")) > 0");
        });
        builder.Property(p => p.Key).HasMaxLength(64);
        builder.Property(p => p.Group).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Unit).HasMaxLength(20);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.HasIndex(p => p.Key).IsUnique();
    }
}

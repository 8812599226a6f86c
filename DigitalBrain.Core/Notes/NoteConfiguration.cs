using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Notes;

public sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.ToTable("Notes", t =>
        {
            t.HasCheckConstraint("CK_Notes_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
            t.HasCheckConstraint("CK_Notes_NotBlank", "length(btrim(\"Markdown\")) > 0");
        });
        builder.Property(n => n.Markdown).HasMaxLength(NoteService.MaxLength);
        builder.Ignore(n => n.Target);
        builder.HasIndex(n => new { n.RegionId, n.PopulationId, n.ProjectionId, n.ParameterDefinitionId, n.CreatedAt });
        builder.HasIndex(n => new { n.ModelId, n.CreatedAt });
        builder.HasOne<BrainModel>().WithMany().HasForeignKey(n => n.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Region>().WithMany().HasForeignKey(n => n.RegionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Population>().WithMany().HasForeignKey(n => n.PopulationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Projection>().WithMany().HasForeignKey(n => n.ProjectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ParameterDefinition>().WithMany().HasForeignKey(n => n.ParameterDefinitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(n => n.Author).WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

using DigitalBrain.Core.Models;
using DigitalBrain.Core.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Curation;

public sealed class CurationEventConfiguration : IEntityTypeConfiguration<CurationEvent>
{
    public void Configure(EntityTypeBuilder<CurationEvent> builder)
    {
        builder.ToTable("CurationEvents", t =>
        {
            t.HasCheckConstraint("CK_CurationEvents_Action", $"\"Action\" BETWEEN {(int)ActivityAction.NotePosted} AND {(int)ActivityAction.ValueUnpinned}");
            t.HasCheckConstraint("CK_CurationEvents_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
            t.HasCheckConstraint("CK_CurationEvents_OldValue", EntryConfiguration.Finite("OldValue"));
            t.HasCheckConstraint("CK_CurationEvents_NewValue", EntryConfiguration.Finite("NewValue"));
        });
        builder.Property(e => e.OldText).HasMaxLength(NoteService.MaxLength);
        builder.Property(e => e.NewText).HasMaxLength(NoteService.MaxLength);
        builder.HasIndex(e => new { e.ModelId, e.At });
        builder.HasIndex(e => new { e.ModelId, e.ParameterDefinitionId });
        builder.HasIndex(e => e.SubjectId);
        builder.HasOne<BrainModel>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}

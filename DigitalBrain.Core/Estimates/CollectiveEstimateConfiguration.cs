using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Estimates;

public sealed class CollectiveEstimateConfiguration : IEntityTypeConfiguration<CollectiveEstimate>
{
    private static readonly string[] FiniteColumns = ["Value", "RangeMin", "RangeMax", "Sd", "Min", "Max", "CiLow", "CiHigh", "PinnedValue"];

    public void Configure(EntityTypeBuilder<CollectiveEstimate> builder)
    {
        builder.ToTable("CollectiveEstimates", t =>
        {
            t.HasCheckConstraint("CK_CollectiveEstimates_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
            t.HasCheckConstraint("CK_CollectiveEstimates_Method", "\"Method\" BETWEEN 1 AND 7");
            t.HasCheckConstraint("CK_CollectiveEstimates_Counts", "\"EntryCount\" >= 0 AND \"ReferenceCount\" >= 0 AND \"ReferenceCount\" <= \"EntryCount\"");
            t.HasCheckConstraint("CK_CollectiveEstimates_Finite", string.Join(" AND ", FiniteColumns.Select(EntryConfiguration.Finite)));
            t.HasCheckConstraint("CK_CollectiveEstimates_PinHasReason", "(\"PinnedValue\" IS NULL) = (\"PinReason\" IS NULL)");
        });
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.Property(e => e.PinReason).HasMaxLength(2000);
        builder.Ignore(e => e.EffectiveValue);
        // One estimate per (target, parameter); NULLS NOT DISTINCT because two of the three target columns are always null.
        builder.HasIndex(e => new { e.RegionId, e.PopulationId, e.ProjectionId, e.ParameterDefinitionId }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(e => e.ModelId);
        builder.HasOne<BrainModel>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Region>().WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Population>().WithMany().HasForeignKey(e => e.PopulationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Projection>().WithMany().HasForeignKey(e => e.ProjectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ParameterDefinition>().WithMany().HasForeignKey(e => e.ParameterDefinitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

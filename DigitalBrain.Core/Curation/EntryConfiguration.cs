using DigitalBrain.Core.Catalogue;
using DigitalBrain.Core.Models;
using DigitalBrain.Core.Structure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Curation;

public sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    /// <summary>NaN compares greater than every number in PostgreSQL, so one open interval rejects NaN and ±Infinity.</summary>
    internal static string Finite(string column) => $"(\"{column}\" IS NULL OR (\"{column}\" > '-Infinity'::float8 AND \"{column}\" < 'Infinity'::float8))";

    private static readonly string[] FiniteColumns = ["Value", "Min", "Max", "Sd", "Sem"];

    public void Configure(EntityTypeBuilder<Entry> builder)
    {
        builder.ToTable("Entries", t =>
        {
            t.HasCheckConstraint("CK_Entries_OneTarget", "num_nonnulls(\"RegionId\", \"PopulationId\", \"ProjectionId\") = 1");
            t.HasCheckConstraint("CK_Entries_ValueOrRange", "(\"Value\" IS NOT NULL AND \"Min\" IS NULL AND \"Max\" IS NULL) OR (\"Value\" IS NULL AND \"Min\" IS NOT NULL AND \"Max\" IS NOT NULL)");
            t.HasCheckConstraint("CK_Entries_MinLeMax", "\"Min\" IS NULL OR \"Max\" IS NULL OR \"Min\" <= \"Max\"");
            t.HasCheckConstraint("CK_Entries_Finite", string.Join(" AND ", FiniteColumns.Select(Finite)));
            t.HasCheckConstraint("CK_Entries_Spread", "(\"Sd\" IS NULL OR \"Sd\" >= 0) AND (\"Sem\" IS NULL OR \"Sem\" >= 0) AND (\"N\" IS NULL OR \"N\" >= 1)");
            t.HasCheckConstraint("CK_Entries_SetAs", "\"SetAs\" IN (1, 2, 3)");
            t.HasCheckConstraint("CK_Entries_ReviewState", "\"ReviewState\" IN (1, 2, 3)");
        });
        builder.Property(e => e.Version).IsRowVersion();
        builder.Property(e => e.Species).HasMaxLength(100);
        builder.Property(e => e.Method).HasMaxLength(300);
        builder.Property(e => e.Notes).HasMaxLength(20_000);
        builder.Ignore(e => e.Target);
        builder.HasIndex(e => new { e.ModelId, e.ParameterDefinitionId });
        builder.HasIndex(e => new { e.RegionId, e.PopulationId, e.ProjectionId, e.ParameterDefinitionId });
        builder.HasIndex(e => e.ReferenceId);
        builder.HasOne<BrainModel>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Region>().WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Population>().WithMany().HasForeignKey(e => e.PopulationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Projection>().WithMany().HasForeignKey(e => e.ProjectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Parameter).WithMany().HasForeignKey(e => e.ParameterDefinitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Reference).WithMany().HasForeignKey(e => e.ReferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Author).WithMany().HasForeignKey(e => e.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalBrain.Core.Curation;

public enum AuditAction
{
    Added = 1,
    Edited = 2,
    Deleted = 3,
    Reviewed = 4,
}

/// <summary>One change to one entry: who, when, and the entry as JSON before and after. No foreign
/// key to the entry, so the history outlives a deleted entry.</summary>
public sealed class EntryAudit
{
    public long Id { get; set; }
    public Guid EntryId { get; set; }
    public Guid ModelId { get; set; }
    /// <summary>What the entry is about, copied out of the snapshots so the activity log can be
    /// filtered and linked by parameter and target; no foreign keys, as for the entry.</summary>
    public int? ParameterDefinitionId { get; set; }
    public Guid? RegionId { get; set; }
    public Guid? PopulationId { get; set; }
    public Guid? ProjectionId { get; set; }
    public AuditAction Action { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }

    /// <summary>An audit row of one change to <paramref name="entry"/>, carrying its target and parameter so
    /// that the activity log can filter without reading the JSON snapshots.</summary>
    public static EntryAudit Of(Entry entry, AuditAction action, string userId, DateTimeOffset at, string? beforeJson, string? afterJson) => new()
    {
        EntryId = entry.Id, ModelId = entry.ModelId, Action = action, UserId = userId, At = at,
        ParameterDefinitionId = entry.ParameterDefinitionId,
        RegionId = entry.RegionId, PopulationId = entry.PopulationId, ProjectionId = entry.ProjectionId,
        BeforeJson = beforeJson, AfterJson = afterJson,
    };
}

public sealed class EntryAuditConfiguration : IEntityTypeConfiguration<EntryAudit>
{
    public void Configure(EntityTypeBuilder<EntryAudit> builder)
    {
        builder.ToTable("EntryAudits", t =>
        {
            t.HasCheckConstraint("CK_EntryAudits_Action", "\"Action\" BETWEEN 1 AND 4");
            t.HasCheckConstraint("CK_EntryAudits_Snapshots", "\"BeforeJson\" IS NOT NULL OR \"AfterJson\" IS NOT NULL");
        });
        builder.Property(a => a.BeforeJson).HasColumnType("jsonb");
        builder.Property(a => a.AfterJson).HasColumnType("jsonb");
        builder.HasIndex(a => a.EntryId);
        builder.HasIndex(a => new { a.ModelId, a.At });
        builder.HasIndex(a => new { a.ModelId, a.ParameterDefinitionId });
        builder.HasOne<Models.BrainModel>().WithMany().HasForeignKey(a => a.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}

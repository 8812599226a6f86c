using DigitalBrain.Core.Curation;
using DigitalBrain.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DigitalBrain.Core.Import;

/// <summary>
/// Writes many new entries and their audit rows with PostgreSQL's binary COPY on the context's
/// connection, inside its transaction. Tracking 10,000 entries and as many audits in EF's change
/// tracker and saving them as batched INSERTs cost most of an import's time; COPY does the same
/// work in one statement per table. The table's CHECK constraints and its parameter-rule trigger
/// still run for every row.
/// </summary>
internal static class EntryBulkWriter
{
    public static async Task WriteEntriesAsync(AppDbContext db, IReadOnlyList<Entry> entries, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY "Entries" ("Id", "ModelId", "RegionId", "PopulationId", "ProjectionId", "ParameterDefinitionId",
                "Value", "Min", "Max", "Sd", "Sem", "N", "ReferenceId", "SetAs", "Species", "Method", "Notes",
                "AuthorId", "CreatedAt", "UpdatedAt", "ReviewState", "ReviewedById", "ReviewedAt") FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var e in entries)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(e.ModelId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, e.RegionId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, e.PopulationId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, e.ProjectionId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(e.ParameterDefinitionId, NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, e.Value, NpgsqlDbType.Double, ct);
            await WriteAsync(copy, e.Min, NpgsqlDbType.Double, ct);
            await WriteAsync(copy, e.Max, NpgsqlDbType.Double, ct);
            await WriteAsync(copy, e.Sd, NpgsqlDbType.Double, ct);
            await WriteAsync(copy, e.Sem, NpgsqlDbType.Double, ct);
            await WriteAsync(copy, e.N, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(e.ReferenceId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync((int)e.SetAs, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(e.Species, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.Method, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.Notes, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.AuthorId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(e.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(e.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync((int)e.ReviewState, NpgsqlDbType.Integer, ct);
            await WriteTextAsync(copy, e.ReviewedById, ct);
            await WriteAsync(copy, e.ReviewedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await copy.CompleteAsync(ct);
    }

    public static async Task WriteAuditsAsync(AppDbContext db, IReadOnlyList<EntryAudit> audits, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY "EntryAudits" ("EntryId", "ModelId", "ParameterDefinitionId", "RegionId", "PopulationId", "ProjectionId",
                "Action", "UserId", "At", "BeforeJson", "AfterJson") FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var a in audits)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(a.EntryId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(a.ModelId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, a.ParameterDefinitionId, NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, a.RegionId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, a.PopulationId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, a.ProjectionId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync((int)a.Action, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(a.UserId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.At, NpgsqlDbType.TimestampTz, ct);
            await WriteJsonAsync(copy, a.BeforeJson, ct);
            await WriteJsonAsync(copy, a.AfterJson, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>The xmin (concurrency token) each new entry got, which its audit snapshot records.</summary>
    public static async Task<Dictionary<Guid, uint>> VersionsAsync(AppDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct) =>
        await db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Version })
            .ToDictionaryAsync(e => e.Id, e => e.Version, ct);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is not null ? copy.WriteAsync(value, NpgsqlDbType.Text, ct) : copy.WriteNullAsync(ct);

    private static Task WriteJsonAsync(NpgsqlBinaryImporter copy, string? json, CancellationToken ct) =>
        json is not null ? copy.WriteAsync(json, NpgsqlDbType.Jsonb, ct) : copy.WriteNullAsync(ct);
}

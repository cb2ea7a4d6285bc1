using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Probity.Database;
using Probity.Kernel;

namespace Probity.AuditTrail;

/// <summary>
/// Appends entries to the trail inside the caller's transaction, so an entry commits with the change it records or
/// not at all. The head row is locked first (a row lock on PostgreSQL, the write lock on SQLite): every writer in
/// every process takes it before anything else it writes, so entries are numbered by the database, never by a
/// process's memory, and no two writers wait on each other in a cycle.
/// </summary>
internal static class AuditAppender
{
    /// <summary>Takes the trail's lock for the rest of the transaction. Re-entrant within one transaction.</summary>
    public static Task LockAsync(ProbityDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET \"Sequence\" = \"Sequence\" WHERE \"Id\" = 1", ct);

    /// <summary>
    /// A day-only entry keeps the force's own date (what the record it describes stores as "today"), written as that
    /// date's midnight: the UTC date would differ from it for the first hour of a summer day and so tell that hour.
    /// </summary>
    private static DateTimeOffset ForceDay(DateTimeOffset now) =>
        new(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.Local).Date, TimeSpan.Zero);

    /// <summary>
    /// Chains <paramref name="records"/> after the head, inserts them and moves the head; the lock must be held. Returns
    /// the new head, for the witness to record once the transaction commits. A head found behind its witness (the
    /// newest entries deleted and the head moved back) is recorded first, as a <c>trail_truncated</c> entry; a witness lost
    /// after a checkpoint saw it (deleted, or an older copy put back), as <c>trail_witness_missing</c> or <c>trail_witness_rolled_back</c>.
    /// </summary>
    public static async Task<(long Sequence, string Hash)?> AppendAsync(ProbityDb db, IReadOnlyList<AuditRecord> records, AuditSealing sealing, CancellationToken ct)
    {
        if (records.Count == 0) return null;
        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct)
            ?? throw new InvalidOperationException("The audit trail's head row is missing: run `probity migrate`.");
        // A truncation found while appending an anonymous reporter's act is kept to the day, like the act (ADR 0014).
        if (sealing.Witness is { } witness && await witness.CheckAsync(head.Sequence, head.Hash) is { } truncation)
            records = [new AuditRecord(CaseAccessScope.System.Actor, truncation.Lost switch
            {
                TrailHeadWitness.Missing => "trail_witness_missing",
                TrailHeadWitness.RolledBack => "trail_witness_rolled_back",
                _ => "trail_truncated",
            }, "audit:trail", $"Found on append: {truncation.Describe()}.", DayOnly: records.Any(r => r.DayOnly)), .. records];
        var (chain, at) = (sealing.Chain, sealing.Time.GetUtcNow());
        // Whole microseconds: PostgreSQL keeps no finer, and the hash must survive the round trip.
        var ticks = at.UtcTicks;
        var now = new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
        var (sequence, previous) = (head.Sequence, head.Hash);
        var entries = new List<AuditEntry>(records.Count);
        foreach (var raw in records)
        {
            var record = raw.Bounded();
            sequence++;
            var entry = new AuditEntry
            {
                Sequence = sequence, At = record.DayOnly ? ForceDay(now) : now, Actor = record.Actor, Action = record.Action, Target = record.Target,
                Detail = record.Detail, Client = record.Client, PreviousHash = previous, Hash = "",
            };
            entry.Hash = chain.HashOf(entry);
            previous = entry.Hash;
            entries.Add(entry);
        }
        // In chunks well under either provider's parameter limit.
        foreach (var chunk in entries.Chunk(500)) await InsertAsync(db, chunk, ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET \"Sequence\" = {0}, \"Hash\" = {1} WHERE \"Id\" = 1", [sequence, previous], ct);
        return (sequence, previous);
    }

    // Written with SQL rather than through the change tracker, so the caller's own changes are saved exactly once;
    // parameters come from the EF type mappings, so values are stored exactly as EF itself would store them.
    private static async Task InsertAsync(ProbityDb db, AuditEntry[] entries, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(store)!, Mapping: (RelationalTypeMapping)p.GetTypeMapping())).ToList();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder("INSERT INTO \"").Append(entity.GetTableName()).Append("\" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c.Column}\"")).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < entries.Length; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "@a" + n++;
                sql.Append(c == 0 ? "" : ", ").Append(name);
                var value = columns[c].Property.PropertyInfo!.GetValue(entries[r]);
                if (value is not null && columns[c].Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, value ?? DBNull.Value, nullable: true));
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }
}

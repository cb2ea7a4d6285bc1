using System.Globalization;
using DuckDB.NET.Data;

namespace Probity.AccessMonitoring.EventStore;

internal sealed partial class DuckDbEventStore
{
    private const string EventColumns = "event_time, staff_id, system, action, record_type, record_id, subject_person_id, workstation_id, reason_ref";

    public async Task<IReadOnlyList<AccessEvent>> WhoAccessedAsync(WhoAccessedQuery query, CancellationToken ct)
    {
        query.Validate();
        using var lease = Reading();
        using var connection = await OpenAsync(ct);
        var segments = SegmentsOverlapping(connection, query.From, query.To);
        if (segments.Count == 0) return [];
        List<string> files;
        string predicate;
        if (!string.IsNullOrWhiteSpace(query.SubjectPersonId))
        {
            files = SubjectFiles(connection, segments, query.SubjectPersonId);
            predicate = $"subject_person_id = {Literal(query.SubjectPersonId)}";
        }
        else
        {
            files = RecordFiles(connection, segments, query.RecordId!);
            predicate = $"record_id = {Literal(query.RecordId)}";
        }
        if (files.Count == 0) return [];
        return ReadEvents(connection, $"""
            SELECT {EventColumns} FROM {ReadParquet(files)}
            WHERE {predicate} AND event_time >= {TimeLiteral(query.From)} AND event_time < {TimeLiteral(query.To)}
            ORDER BY event_time, staff_id LIMIT {query.Limit}
            """);
    }

    public async Task<IReadOnlyList<AccessEvent>> AccessesByAsync(string staffId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        using var lease = Reading();
        using var connection = await OpenAsync(ct);
        var files = WindowFiles(connection, from, to);
        if (files.Count == 0) return [];
        return ReadEvents(connection, $"""
            SELECT {EventColumns} FROM {ReadParquet(files)}
            WHERE staff_id = {Literal(staffId)} AND event_time >= {TimeLiteral(from)} AND event_time < {TimeLiteral(to)}
            ORDER BY event_time DESC LIMIT {limit}
            """);
    }

    public async Task<IReadOnlyList<AccessEvent>> SampleAsync(IReadOnlyCollection<string> staffIds, DateTimeOffset from, DateTimeOffset to, int perUser, int seed, CancellationToken ct)
    {
        if (staffIds.Count == 0) return [];
        using var lease = Reading();
        using var connection = await OpenAsync(ct);
        var files = WindowFiles(connection, from, to);
        if (files.Count == 0) return [];
        // The draw is a hash of the seed and the event itself, so it does not depend on file order or thread timing:
        // the same seed over the same events always picks the same ones.
        return ReadEvents(connection, $"""
            SELECT {EventColumns} FROM (
                SELECT *, row_number() OVER (PARTITION BY staff_id ORDER BY hash({seed.ToString(CultureInfo.InvariantCulture)}, staff_id, event_time, system, action, record_id, subject_person_id), event_time, record_id) AS pick
                FROM {ReadParquet(files)}
                WHERE staff_id IN ({string.Join(", ", staffIds.Select(Literal))}) AND event_time >= {TimeLiteral(from)} AND event_time < {TimeLiteral(to)}
            ) WHERE pick <= {perUser}
            ORDER BY staff_id, event_time
            """);
    }

    /// <summary>
    /// A stored folder of events overlapping a window: a partitioned segment (64 subject buckets and a record index), or
    /// a small one (one Parquet file, <c>events.parquet</c>) that a batch landed as and compaction has not merged yet.
    /// Several ingests share one folder once compacted.
    /// </summary>
    internal readonly record struct Part(long Folder, bool Small);

    internal static List<Part> SegmentsOverlapping(DuckDBConnection connection, DateTimeOffset from, DateTimeOffset to)
    {
        using var command = Command(connection, $"""
            SELECT DISTINCT coalesce(folder, id) AS f, NOT record_indexed FROM segments
            WHERE events > 0 AND first_event < {TimeLiteral(to)} AND last_event >= {TimeLiteral(from)} ORDER BY f
            """);
        using var reader = command.ExecuteReader();
        var parts = new List<Part>();
        while (reader.Read()) parts.Add(new Part(reader.GetInt64(0), reader.GetBoolean(1)));
        return parts;
    }

    /// <summary>Every Parquet file of the segments overlapping a window (time pruning happens per segment, from the catalog).</summary>
    internal List<string> WindowFiles(DuckDBConnection connection, DateTimeOffset from, DateTimeOffset to) =>
        SegmentsOverlapping(connection, from, to).Select(p => p.Small ? SmallFile(p.Folder) : Path.Combine(SegmentPath(p.Folder), "sb=*", "*.parquet")).ToList();

    internal string SmallFile(long folder) => Path.Combine(SegmentPath(folder), SmallFileName);

    /// <summary>A subject's bucket of each partitioned segment, and each small segment whole.</summary>
    internal List<string> SubjectFiles(DuckDBConnection connection, IReadOnlyList<Part> segments, string subject)
    {
        var bucket = Scalar<long>(connection, $"SELECT hash({Literal(subject)}) % {Buckets}");
        return segments.Select(p => p.Small ? SmallFile(p.Folder) : BucketGlob(p.Folder, bucket)).OfType<string>().ToList();
    }

    private string? BucketGlob(long segment, long bucket)
    {
        var folder = Path.Combine(SegmentPath(segment), $"sb={bucket}");
        return Directory.Exists(folder) ? Path.Combine(folder, "*.parquet") : null;
    }

    /// <summary>Through each partitioned segment's sorted record index to the few buckets that hold the record; small segments are read whole.</summary>
    private List<string> RecordFiles(DuckDBConnection connection, IReadOnlyList<Part> segments, string recordId)
    {
        var files = segments.Where(p => p.Small).Select(p => SmallFile(p.Folder)).ToList();
        var indexes = segments.Where(p => !p.Small).Select(p => Path.Combine(SegmentPath(p.Folder), "records.parquet")).Where(File.Exists).ToList();
        if (indexes.Count == 0) return files;
        using var command = Command(connection, $"SELECT DISTINCT filename, sb FROM read_parquet({ListLiteral(indexes)}, filename = true) WHERE record_key = hash({Literal(recordId)})");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var segmentFolder = Path.GetDirectoryName(reader.GetString(0))!;
            var id = long.Parse(Path.GetFileName(segmentFolder), CultureInfo.InvariantCulture);
            if (BucketGlob(id, reader.GetInt16(1)) is { } glob) files.Add(glob);
        }
        return files;
    }

    /// <summary>
    /// Events from a list of files that may mix partitioned buckets and small segments: read by column name, without
    /// the bucket that partitioned paths would add as a column.
    /// </summary>
    internal static string ReadParquet(IEnumerable<string> files) => $"read_parquet({ListLiteral(files)}, hive_partitioning = false)";

    /// <summary>Marks a lookup in flight for its length (see <see cref="_readers"/>).</summary>
    private ReadLease Reading() => new(this);

    private readonly struct ReadLease : IDisposable
    {
        private readonly DuckDbEventStore _store;

        public ReadLease(DuckDbEventStore store)
        {
            _store = store;
            Interlocked.Increment(ref store._readers);
        }

        public void Dispose() => Interlocked.Decrement(ref _store._readers);
    }

    internal static List<AccessEvent> ReadEvents(DuckDBConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        using var reader = command.ExecuteReader();
        var list = new List<AccessEvent>();
        string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (reader.Read())
            list.Add(new AccessEvent(Time(reader, 0)!.Value, reader.GetString(1), reader.GetString(2), reader.GetString(3), S(4), S(5), S(6), S(7), S(8)));
        return list;
    }
}

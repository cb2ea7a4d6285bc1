using System.Globalization;
using DuckDB.NET.Data;

namespace Probity.AccessMonitoring.EventStore;

internal sealed partial class DuckDbEventStore
{
    private const string EventColumns = "event_time, staff_id, system, action, record_type, record_id, subject_person_id, workstation_id, reason_ref";

    public async Task<IReadOnlyList<AccessEvent>> WhoAccessedAsync(WhoAccessedQuery query, CancellationToken ct)
    {
        query.Validate();
        using var connection = await OpenAsync(ct);
        var segments = SegmentsOverlapping(connection, query.From, query.To);
        if (segments.Count == 0) return [];
        List<string> files;
        string predicate;
        if (!string.IsNullOrWhiteSpace(query.SubjectPersonId))
        {
            var bucket = Scalar<long>(connection, $"SELECT hash({Literal(query.SubjectPersonId)}) % {Buckets}");
            files = segments.Select(id => BucketGlob(id, bucket)).Where(g => g is not null).Select(g => g!).ToList();
            predicate = $"subject_person_id = {Literal(query.SubjectPersonId)}";
        }
        else
        {
            files = RecordFiles(connection, segments, query.RecordId!);
            predicate = $"record_id = {Literal(query.RecordId)}";
        }
        if (files.Count == 0) return [];
        return ReadEvents(connection, $"""
            SELECT {EventColumns} FROM read_parquet({ListLiteral(files)})
            WHERE {predicate} AND event_time >= {TimeLiteral(query.From)} AND event_time < {TimeLiteral(query.To)}
            ORDER BY event_time, staff_id LIMIT {query.Limit}
            """);
    }

    public async Task<IReadOnlyList<AccessEvent>> AccessesByAsync(string staffId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        using var connection = await OpenAsync(ct);
        var files = WindowFiles(connection, from, to);
        if (files.Count == 0) return [];
        return ReadEvents(connection, $"""
            SELECT {EventColumns} FROM read_parquet({ListLiteral(files)})
            WHERE staff_id = {Literal(staffId)} AND event_time >= {TimeLiteral(from)} AND event_time < {TimeLiteral(to)}
            ORDER BY event_time DESC LIMIT {limit}
            """);
    }

    public async Task<IReadOnlyList<AccessEvent>> SampleAsync(IReadOnlyCollection<string> staffIds, DateTimeOffset from, DateTimeOffset to, int perUser, int seed, CancellationToken ct)
    {
        if (staffIds.Count == 0) return [];
        using var connection = await OpenAsync(ct);
        var files = WindowFiles(connection, from, to);
        if (files.Count == 0) return [];
        // The draw is a hash of the seed and the event itself, so it does not depend on file order or thread timing:
        // the same seed over the same events always picks the same ones.
        return ReadEvents(connection, $"""
            SELECT {EventColumns} FROM (
                SELECT *, row_number() OVER (PARTITION BY staff_id ORDER BY hash({seed.ToString(CultureInfo.InvariantCulture)}, staff_id, event_time, system, action, record_id, subject_person_id), event_time, record_id) AS pick
                FROM read_parquet({ListLiteral(files)})
                WHERE staff_id IN ({string.Join(", ", staffIds.Select(Literal))}) AND event_time >= {TimeLiteral(from)} AND event_time < {TimeLiteral(to)}
            ) WHERE pick <= {perUser}
            ORDER BY staff_id, event_time
            """);
    }

    internal static List<long> SegmentsOverlapping(DuckDBConnection connection, DateTimeOffset from, DateTimeOffset to)
    {
        using var command = Command(connection, $"SELECT id FROM segments WHERE events > 0 AND first_event < {TimeLiteral(to)} AND last_event >= {TimeLiteral(from)} ORDER BY id");
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>Every Parquet file of the segments overlapping a window (time pruning happens per segment, from the catalog).</summary>
    internal List<string> WindowFiles(DuckDBConnection connection, DateTimeOffset from, DateTimeOffset to) =>
        SegmentsOverlapping(connection, from, to).Select(id => Path.Combine(SegmentPath(id), "sb=*", "*.parquet")).ToList();

    private string? BucketGlob(long segment, long bucket)
    {
        var folder = Path.Combine(SegmentPath(segment), $"sb={bucket}");
        return Directory.Exists(folder) ? Path.Combine(folder, "*.parquet") : null;
    }

    /// <summary>Through each segment's sorted record index to the few buckets that hold the record.</summary>
    private List<string> RecordFiles(DuckDBConnection connection, IReadOnlyList<long> segments, string recordId)
    {
        var indexes = segments.Select(id => Path.Combine(SegmentPath(id), "records.parquet")).Where(File.Exists).ToList();
        var files = new List<string>();
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

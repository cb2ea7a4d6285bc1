using System.Diagnostics;
using System.IO.Compression;
using System.IO.Hashing;
using DuckDB.NET.Data;
using Probity.Interchange;
using Probity.Interchange.Pif;

namespace Probity.AccessMonitoring.EventStore;

public sealed partial class DuckDbEventStore
{
    /// <summary>access_events.csv columns. The first six must be present in the header; the rest may be absent (then empty).</summary>
    internal static readonly string[] Columns = ["event_time", "staff_id", "system", "action", "record_type", "record_id", "subject_person_id", "workstation_id", "reason_ref"];
    private static readonly HashSet<string> RequiredColumns = new(Columns[..6], StringComparer.Ordinal);

    public async Task<IngestResult> IngestBatchAsync(string source, Stream csv, bool gzip, CancellationToken ct)
    {
        await Ready().WaitAsync(ct);
        var temp = Path.Combine(StagingRoot, $"batch-{Guid.NewGuid():N}.csv{(gzip ? ".gz" : "")}");
        try
        {
            await using (var file = File.Create(temp)) await csv.CopyToAsync(file, ct);
            return await IngestAsync(temp, source, null, ct);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<IngestResult> IngestFileAsync(string path, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{path}: no such file", path);
        return IngestAsync(full, Path.GetFileName(full), progress, ct);
    }

    public async Task<IReadOnlyList<IngestResult>> IngestFilesAsync(IReadOnlyList<string> paths, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var full = paths.Select(Path.GetFullPath).ToList();
        foreach (var (path, given) in full.Zip(paths))
            if (!File.Exists(path)) throw new FileNotFoundException($"{given}: no such file", given);
        // Several files: one DuckDB thread each, side by side (a single-threaded load wastes nothing on coordination);
        // one file: every thread on it.
        var parallel = Math.Min(full.Count, _options.Threads ?? Environment.ProcessorCount);
        var threadsEach = parallel > 1 ? 1 : _options.Threads ?? Environment.ProcessorCount;
        var results = new IngestResult[full.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, full.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = ct },
            async (i, token) => results[i] = await IngestAsync(full[i], Path.GetFileName(full[i]), progress, token, threadsEach));
        return results;
    }

    private async Task<IngestResult> IngestAsync(string path, string source, IProgress<IngestProgress>? progress, CancellationToken ct, int? threads = null)
    {
        await Ready().WaitAsync(ct);
        var clock = Stopwatch.StartNew();
        var gzip = IsGzip(path);
        progress?.Report(new IngestProgress(source, "checking", 0));
        var contentHash = await ContentHashAsync(path, ct);
        var (header, warnings) = ReadHeader(path, gzip, source);
        if (await FindDuplicateAsync(contentHash, source, clock, ct) is { } duplicate) return duplicate;

        var stage = Path.Combine(StagingRoot, Guid.NewGuid().ToString("N"));
        var quarantineFile = stage + "-quarantine.parquet";
        var rejectsFile = stage + "-rejects.parquet";
        try
        {
            // The heavy work runs in a private in-memory DuckDB: it needs nothing from the catalog, so the catalog
            // (and its file lock) is held only for the short commit below, and several files can load at once.
            long events = 0;
            DateTimeOffset? first = null, last = null;
            var indexElapsed = TimeSpan.Zero;
            var hasData = false;
            using (var work = OpenWork(threads ?? _options.Threads))
            {
                progress?.Report(new IngestProgress(source, "loading", 0));
                await RunWithProgressAsync(work, CopyStatement(path, gzip, header, stage), f => progress?.Report(new IngestProgress(source, "loading", f)), ct);
                // Lines DuckDB could not split into the header's columns (wrong field count, broken quoting), with their line
                // numbers. DuckDB reports a short line once per missing column: it is still one line, with its first problem.
                if (Scalar<long>(work, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'reject_errors'") > 0
                    && Scalar<long>(work, "SELECT count(*) FROM reject_errors") > 0)
                    Execute(work, $"""
                        COPY (SELECT line, 'line ' || line || min_by(coalesce(', column ' || column_name, '') || ': ' || error_message, column_idx) AS reason, any_value(csv_line) AS raw
                              FROM reject_errors GROUP BY scan_id, file_id, line) TO {Literal(rejectsFile)} (FORMAT parquet)
                        """);
                // Rows that failed validation were written to the sb=-1 partition; their reasons come from a second look.
                var quarantinePartition = Path.Combine(stage, "sb=-1");
                if (Directory.Exists(quarantinePartition))
                {
                    Directory.Delete(quarantinePartition, recursive: true);
                    Execute(work, QuarantineStatement(path, gzip, header, quarantineFile));
                }
                hasData = Directory.Exists(stage) && Directory.EnumerateFiles(stage, "*.parquet", SearchOption.AllDirectories).Any();
                if (hasData)
                {
                    var files = Literal(Path.Combine(stage, "sb=*", "*.parquet"));
                    // From the Parquet footers (row counts and column statistics), not by reading the events again.
                    using (var command = Command(work, $"SELECT sum(row_group_num_rows)::BIGINT, min(stats_min_value::TIMESTAMPTZ), max(stats_max_value::TIMESTAMPTZ) FROM parquet_metadata({files}) WHERE path_in_schema = 'event_time'"))
                    using (var reader = command.ExecuteReader())
                    {
                        reader.Read();
                        events = reader.GetInt64(0);
                        first = Time(reader, 1);
                        last = Time(reader, 2);
                    }
                    progress?.Report(new IngestProgress(source, "indexing", 0));
                    var indexClock = Stopwatch.StartNew();
                    BuildRecordIndex(work, stage);
                    indexElapsed = indexClock.Elapsed;
                }
            }

            await _writer.WaitAsync(ct);
            try
            {
                using var connection = OpenRaw();
                // Another file with the same bytes may have been committed while this one loaded.
                if (await FindDuplicateAsync(contentHash, source, clock, ct) is { } late) return late;
                var id = Scalar<long>(connection, "SELECT coalesce(max(id), 0) + 1 FROM segments");
                var target = SegmentPath(id);
                if (hasData) Directory.Move(stage, target);
                else Directory.CreateDirectory(target);
                try
                {
                    using var tx = connection.BeginTransaction();
                    var bytes = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                    if (File.Exists(quarantineFile))
                        Execute(connection, $"INSERT INTO quarantine SELECT {id}, {Literal(source)}, NULL, problem, raw FROM read_parquet({Literal(quarantineFile)})");
                    if (File.Exists(rejectsFile))
                        Execute(connection, $"INSERT INTO quarantine SELECT {id}, {Literal(source)}, line, reason, raw FROM read_parquet({Literal(rejectsFile)})");
                    var quarantined = Scalar<long>(connection, $"SELECT count(*) FROM quarantine WHERE segment_id = {id}");
                    Execute(connection, $"""
                        INSERT INTO segments VALUES ({id}, {Literal(source)}, {Literal(contentHash)}, {events}, {quarantined},
                            {(first is { } f ? TimeLiteral(f) : "NULL")}, {(last is { } l ? TimeLiteral(l) : "NULL")}, now(), true, {bytes})
                        """);
                    tx.Commit();
                    if (quarantined > 0) warnings.Add($"{source}: {quarantined:N0} line(s) quarantined with their reasons (see the quarantine list)");
                    return new IngestResult(source, id, events, quarantined, Duplicate: false, first, last, clock.Elapsed, indexElapsed, warnings);
                }
                catch
                {
                    Directory.Delete(target, recursive: true);
                    throw;
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        finally
        {
            if (Directory.Exists(stage)) Directory.Delete(stage, recursive: true);
            File.Delete(quarantineFile);
            File.Delete(rejectsFile);
        }
    }

    private async Task<IngestResult?> FindDuplicateAsync(string contentHash, string source, Stopwatch clock, CancellationToken ct)
    {
        using var connection = await OpenAsync(ct);
        using var command = Command(connection, $"SELECT id, events, quarantined, first_event, last_event FROM segments WHERE content_hash = {Literal(contentHash)}");
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new IngestResult(source, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Duplicate: true, Time(reader, 3), Time(reader, 4), clock.Elapsed, TimeSpan.Zero,
            [$"{source}: this content was ingested before (segment {reader.GetInt64(0)}); nothing was added"]);
    }

    /// <summary>A private in-memory DuckDB for one file's load: its own threads and a share of the memory.</summary>
    private DuckDBConnection OpenWork(int? threads)
    {
        var work = new DuckDBConnection("Data Source=:memory:");
        work.Open();
        Execute(work, "SET TimeZone = 'UTC'");
        // Order inside a segment does not matter (readers filter), and not keeping it lets threads write at once.
        Execute(work, "SET preserve_insertion_order = false");
        if (threads is int t) Execute(work, $"SET threads = {t}");
        var memory = _options.MemoryLimit ?? $"{Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / (1L << 30))}GB";
        Execute(work, $"SET memory_limit = {Literal(memory)}");
        return work;
    }

    /// <summary>
    /// One pass over the CSV: parse, validate, hash-partition by subject and write Parquet. Invalid rows go to
    /// partition -1, which is dropped; only when it exists (rare) does a second pass collect their reasons.
    /// </summary>
    private static string CopyStatement(string path, bool gzip, IReadOnlyList<string> header, string stage) => $"""
        COPY (
            SELECT t AS event_time, staff_id, system, action, record_type, record_id, subject_person_id, workstation_id, reason_ref,
                   CASE WHEN problem IS NULL THEN hash(coalesce(subject_person_id, record_id)) % {Buckets} ELSE -1 END AS sb
            FROM ({Validated(path, gzip, header, firstPass: true)})
        ) TO {Literal(stage)} (FORMAT parquet, PARTITION_BY (sb), COMPRESSION snappy)
        """;

    /// <summary>The rows that failed validation, with the reason and the fields as they were in the file.</summary>
    private static string QuarantineStatement(string path, bool gzip, IReadOnlyList<string> header, string target)
    {
        var raw = string.Join(", ", Columns.Select(c => $"coalesce({c}, '')"));
        return $"""
            COPY (SELECT problem, concat_ws(',', {raw}) AS raw FROM ({Validated(path, gzip, header, firstPass: false)}) WHERE problem IS NOT NULL)
            TO {Literal(target)} (FORMAT parquet)
            """;
    }

    /// <summary>
    /// The file's rows as text, with the parsed time (t) and the first problem found (NULL when the row is good).
    /// The first pass records lines DuckDB cannot split in its reject table; the second only skips them.
    /// </summary>
    private static string Validated(string path, bool gzip, IReadOnlyList<string> header, bool firstPass)
    {
        var columns = "{" + string.Join(", ", header.Select((h, i) => $"{Literal(ColumnAlias(h, i))}: 'VARCHAR'")) + "}";
        string Col(string name) => header.Contains(name, StringComparer.Ordinal) ? name : $"NULL::VARCHAR";
        var actions = string.Join(", ", Vocabulary.AccessActions.Order(StringComparer.Ordinal).Select(Literal));
        var recordTypes = string.Join(", ", Vocabulary.RecordTypes.Order(StringComparer.Ordinal).Select(Literal));
        var select = string.Join(", ", Columns.Select(c => $"{Col(c)} AS {c}"));
        var errors = firstPass ? "store_rejects = true" : "ignore_errors = true";
        return $"""
                    SELECT *,
                        CASE
                            WHEN event_time IS NULL THEN 'event_time is empty'
                            WHEN t IS NULL THEN 'event_time "' || event_time || '" is not an ISO 8601 timestamp'
                            WHEN strpos(event_time, ':') = 0
                                 -- An offset is a final Z or a sign in the last six characters (+01, +0100, +01:00); the date's own
                                 -- hyphens are further left once a time (with its colon) is present.
                                 OR NOT (suffix(event_time, 'Z') OR suffix(event_time, 'z') OR contains(right(event_time, 6), '+') OR contains(right(event_time, 6), '-'))
                                THEN 'event_time "' || event_time || '" has no offset (ISO 8601 with an offset or Z is required)'
                            WHEN staff_id IS NULL OR ((prefix(staff_id, ' ') OR prefix(staff_id, chr(9))) AND trim(staff_id) = '') THEN 'staff_id is empty'
                            WHEN system IS NULL THEN 'system is empty'
                            WHEN action IS NULL THEN 'action is empty'
                            WHEN action NOT IN ({actions}) THEN 'action "' || action || '" is not one of {string.Join(" | ", Vocabulary.AccessActions.Order(StringComparer.Ordinal))}'
                            WHEN record_type NOT IN ({recordTypes}) THEN 'record_type "' || record_type || '" is not one of {string.Join(" | ", Vocabulary.RecordTypes.Order(StringComparer.Ordinal))}'
                            WHEN record_id IS NULL AND action <> 'search' THEN 'record_id is empty (only a search may have no record)'
                            -- strlen (bytes) is free; length (characters) is only counted for the rare long value.
                            WHEN (strlen(staff_id) > 64 AND length(staff_id) > 64) OR (strlen(system) > 64 AND length(system) > 64)
                              OR (strlen(record_id) > 64 AND length(record_id) > 64) OR (strlen(subject_person_id) > 64 AND length(subject_person_id) > 64)
                              OR (strlen(workstation_id) > 64 AND length(workstation_id) > 64) OR (strlen(reason_ref) > 64 AND length(reason_ref) > 64)
                                THEN 'an identifier is longer than 64 characters'
                        END AS problem
                    FROM (
                        SELECT {select}, TRY_CAST({Col("event_time")} AS TIMESTAMPTZ) AS t
                        FROM read_csv({Literal(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                                      columns = {columns}, compression = {(gzip ? "'gzip'" : "'none'")}, {errors}, null_padding = false)
                    )
            """;
    }

    /// <summary>A header name as a DuckDB column: unknown or duplicated columns get a harmless placeholder.</summary>
    private static string ColumnAlias(string name, int index) =>
        Columns.Contains(name, StringComparer.Ordinal) ? name : $"ignored_{index}";

    /// <summary>Per segment, the sorted distinct record keys and the buckets holding them: a record lookup reads one row group per segment.</summary>
    private static void BuildRecordIndex(DuckDBConnection connection, string segmentFolder) =>
        Execute(connection, $"""
            COPY (SELECT DISTINCT hash(record_id) AS record_key, sb::SMALLINT AS sb
                  FROM read_parquet({Literal(Path.Combine(segmentFolder, "sb=*", "*.parquet"))}, hive_partitioning = true)
                  WHERE record_id IS NOT NULL ORDER BY record_key)
            TO {Literal(Path.Combine(segmentFolder, "records.parquet"))} (FORMAT parquet)
            """);

    private static (List<string> Header, List<string> Warnings) ReadHeader(string path, bool gzip, string source)
    {
        using var stream = OpenMaybeGzip(path, gzip);
        using var text = new StreamReader(stream, System.Text.Encoding.UTF8);
        var csv = new CsvRecordReader(text);
        if (!csv.Read()) throw new InvalidDataException($"{source}: the file is empty (a header row is required: {string.Join(",", Columns)})");
        var header = new List<string>();
        for (var i = 0; i < csv.FieldCount; i++) header.Add(csv[i].ToString().Trim());
        var warnings = new List<string>();
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{source}, line 1: required column(s) {string.Join(", ", missing)} missing from the header (found: {string.Join(",", header)})");
        foreach (var unknown in header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)))
            warnings.Add($"{source}, line 1: unknown column '{unknown}' ignored");
        var duplicated = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicated.Count > 0) throw new InvalidDataException($"{source}, line 1: column(s) {string.Join(", ", duplicated)} appear more than once");
        return (header, warnings);
    }

    private static bool IsGzip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return stream.Read(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static Stream OpenMaybeGzip(string path, bool gzip)
    {
        var file = File.OpenRead(path);
        return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The file's identity for idempotency: XxHash128 of its bytes (several GB/s, so it costs little beside the load).</summary>
    private static async Task<string> ContentHashAsync(string path, CancellationToken ct)
    {
        var hash = new XxHash128();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0) hash.Append(buffer.AsSpan(0, read));
        return "xxh128:" + Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private static async Task RunWithProgressAsync(DuckDBConnection connection, string sql, Action<double> report, CancellationToken ct)
    {
        var work = Task.Run(() => Execute(connection, sql), ct);
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(250, ct));
            if (work.IsCompleted) break;
            var progress = connection.GetQueryProgress();
            if (progress.Percentage >= 0) report(progress.Percentage / 100.0);
        }
        await work;
        report(1);
    }
}

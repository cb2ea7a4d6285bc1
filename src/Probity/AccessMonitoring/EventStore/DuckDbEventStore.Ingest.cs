using System.Diagnostics;
using System.IO.Compression;
using System.IO.Hashing;
using DuckDB.NET.Data;
using Probity.Kernel;

namespace Probity.AccessMonitoring.EventStore;

internal sealed partial class DuckDbEventStore
{
    /// <summary>access_events.csv columns. The first six must be present in the header; the rest may be absent (then empty).</summary>
    internal static readonly string[] Columns = ["event_time", "staff_id", "system", "action", "record_type", "record_id", "subject_person_id", "workstation_id", "reason_ref"];
    private static readonly HashSet<string> RequiredColumns = new(Columns[..6], StringComparer.Ordinal);

    /// <summary>For the bench: each stage of an ingest as it ends, with the time since the ingest began.</summary>
    internal Action<string, TimeSpan>? StageEnded { get; set; }

    public async Task<IngestResult> IngestBatchAsync(string source, Stream csv, bool gzip, CancellationToken ct)
    {
        await Ready().WaitAsync(ct);
        var clock = Stopwatch.StartNew();
        await HoldCatalogAsync(ct);
        // The batch is read once, as it arrives: hashed as sent (the same bytes as a file of it), decompressed,
        // split and counted against the limits, and its sound lines written out as plain CSV for DuckDB. A bomb or a
        // flood of broken lines is refused here, in fixed memory, before DuckDB or the catalog sees any of it.
        var clean = Path.Combine(StagingRoot, $"batch-{Guid.NewGuid():N}.csv");
        try
        {
            var hash = new XxHash128();
            var scan = new AccessLogScan(_options.BatchLimits, source);
            await using (var output = new FileStream(clean, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            await using (var hashed = new HashingStream(csv, hash))
            await using (var text = gzip ? new GZipStream(hashed, CompressionMode.Decompress, leaveOpen: true) : (Stream)hashed)
                await scan.RunAsync(text, output, ct);
            var contentHash = "xxh128:" + Convert.ToHexStringLower(hash.GetCurrentHash());
            StageEnded?.Invoke("scan", clock.Elapsed);
            // A small batch goes straight to its load: the commit looks for the same content anyway, and opening the
            // catalog one more time costs more than loading a small batch that turns out to be a duplicate.
            if (scan.Records > _options.Compaction.SmallSegmentMaxEvents && await FindDuplicateAsync(contentHash, source, clock, ct) is { } duplicate) return duplicate;
            var result = await LoadAsync(clean, gzip: false, source, contentHash, scan, _options.BatchLimits, clock, null, ct);
            StageEnded?.Invoke("catalog closed", clock.Elapsed);
            return result;
        }
        finally
        {
            File.Delete(clean);
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
            async (i, token) =>
            {
                var source = Path.GetFileName(full[i]);
                try
                {
                    results[i] = await IngestAsync(full[i], source, progress, token, threadsEach);
                }
                catch (IngestRefusedException ex)
                {
                    // One file over a limit is refused whole; the others still load (and are reported and audited).
                    results[i] = new IngestResult(source, 0, 0, 0, Duplicate: false, null, null, TimeSpan.Zero, TimeSpan.Zero, [ex.Message]) { Refused = ex.Message };
                }
            });
        return results;
    }

    /// <summary>Files above this size are looked up by content hash before they are read.</summary>
    private const long LookFirstForFilesOver = 64L << 20;

    private async Task<IngestResult> IngestAsync(string path, string source, IProgress<IngestProgress>? progress, CancellationToken ct, int? threads = null)
    {
        await Ready().WaitAsync(ct);
        var clock = Stopwatch.StartNew();
        var gzip = IsGzip(path);
        progress?.Report(new IngestProgress(source, "checking", 0));
        var contentHash = await ContentHashAsync(path, ct);
        // A large file sent twice costs only its hash; a small one goes straight to its load, as a small batch does
        // (the commit looks for the same content anyway, and opening the catalog once more costs more than the load).
        if (new FileInfo(path).Length > LookFirstForFilesOver && await FindDuplicateAsync(contentHash, source, clock, ct) is { } duplicate) return duplicate;
        var limits = _options.FileLimits;
        var scan = new AccessLogScan(limits, source);
        if (new FileInfo(path).Length > _options.ScanBesideLoadOverBytes)
        {
            // A large file: DuckDB loads it while the scan reads it; null when the scan says the load cannot be kept.
            if (await ScanBesideLoadAsync(path, gzip, source, scan, progress, threads, ct) is { } loaded)
                return await LoadAsync(path, gzip, source, contentHash, scan, limits, clock, progress, ct, threads, loaded);
        }
        else
            await using (var input = OpenMaybeGzip(path, gzip)) await scan.RunAsync(input, null, ct);
        if (!scan.NeedsCleanCopy) return await LoadAsync(path, gzip, source, contentHash, scan, limits, clock, progress, ct, threads);
        // Rare: lines DuckDB must not see (or mixed line ends). Its reader gets a copy without them; they go to the quarantine from the scan.
        var clean = Path.Combine(StagingRoot, $"file-{Guid.NewGuid():N}.csv");
        try
        {
            scan = new AccessLogScan(limits, source);
            await using (var input = OpenMaybeGzip(path, gzip))
            await using (var output = new FileStream(clean, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                await scan.RunAsync(input, output, ct);
            return await LoadAsync(clean, gzip: false, source, contentHash, scan, limits, clock, progress, ct, threads);
        }
        finally
        {
            File.Delete(clean);
        }
    }

    /// <summary>A partitioned load already written to its staging folder by the private DuckDB that wrote it.</summary>
    private sealed record PartitionedLoad(DuckDBConnection Work, string Stage);

    /// <summary>
    /// Scans a large file (runs <paramref name="scan"/> to its end) while DuckDB already loads it into a partitioned
    /// staging folder, which it starts as soon as the scan has read a header it accepts. The load is kept only when the
    /// scan finds what it would have allowed beforehand: every line sound (DuckDB read the file as it is) and more lines
    /// than a small segment holds. Otherwise (rare: a file with lines to quarantine, mixed line ends, or few long lines)
    /// it is interrupted and thrown away, null is returned, and the caller loads as before with the finished scan. Any
    /// failure of the scan (a limit, an unreadable header) stops the load and is thrown as it would have been.
    /// </summary>
    private async Task<PartitionedLoad?> ScanBesideLoadAsync(string path, bool gzip, string source, AccessLogScan scan, IProgress<IngestProgress>? progress,
        int? threads, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var scanning = Task.Run(async () =>
        {
            await using var input = OpenMaybeGzip(path, gzip);
            await scan.RunAsync(input, null, stop.Token);
        }, CancellationToken.None);
        Task<PartitionedLoad>? loading = null;
        await Task.WhenAny(scan.HeaderRead, scanning);
        if (scan.HeaderRead.IsCompletedSuccessfully && await scan.HeaderRead && HeaderProblem(scan.Header!, source) is null)
        {
            var header = scan.Header!.ToList();
            progress?.Report(new IngestProgress(source, "loading", 0));
            loading = Task.Run(async () =>
            {
                var stage = Path.Combine(StagingRoot, Guid.NewGuid().ToString("N"));
                var work = OpenWork(threads ?? _options.Threads);
                try
                {
                    await RunWithProgressAsync(work, CopyStatement(path, gzip, header, stage), f => progress?.Report(new IngestProgress(source, "loading", f)), stop.Token);
                    return new PartitionedLoad(work, stage);
                }
                catch
                {
                    work.Dispose();
                    if (Directory.Exists(stage)) Directory.Delete(stage, recursive: true);
                    throw;
                }
            }, CancellationToken.None);
        }
        try
        {
            await scanning;
        }
        catch
        {
            await DiscardAsync(loading, stop);
            throw;
        }
        if (loading is null || scan.NeedsCleanCopy || scan.Records <= _options.Compaction.SmallSegmentMaxEvents)
        {
            await DiscardAsync(loading, stop);
            return null;
        }
        return await loading;
    }

    /// <summary>Interrupts a load begun beside the scan and deletes what it wrote; its failure, if any, no longer matters.</summary>
    private static async Task DiscardAsync(Task<PartitionedLoad>? loading, CancellationTokenSource stop)
    {
        if (loading is null) return;
        await stop.CancelAsync();
        try
        {
            var load = await loading;
            load.Work.Dispose();
            if (Directory.Exists(load.Stage)) Directory.Delete(load.Stage, recursive: true);
        }
        catch
        {
            // Interrupted, or DuckDB could not read what the scan set aside: the caller loads again without it.
        }
    }

    /// <summary>Loads a CSV that <paramref name="scan"/> found sound (every line DuckDB reads splits into the header's fields) into a new segment.</summary>
    private async Task<IngestResult> LoadAsync(string path, bool gzip, string source, string contentHash, AccessLogScan scan, IngestLimits limits, Stopwatch clock,
        IProgress<IngestProgress>? progress, CancellationToken ct, int? threads = null, PartitionedLoad? loaded = null)
    {
        var (header, warnings) = CheckHeader(scan.Header!, source);
        var stage = loaded?.Stage ?? Path.Combine(StagingRoot, Guid.NewGuid().ToString("N"));
        var quarantineFile = stage + "-quarantine.parquet";
        try
        {
            // The heavy work runs in a private in-memory DuckDB: it needs nothing from the catalog, so the catalog
            // (and its file lock) is held only for the short commit below, and several files can load at once.
            long events = 0, invalid = 0;
            DateTimeOffset? first = null, last = null;
            var indexElapsed = TimeSpan.Zero;
            var hasData = false;
            // A batch of at most SmallSegmentMaxEvents lines lands as one small file; compaction partitions it later.
            var small = loaded is null && scan.Records <= _options.Compaction.SmallSegmentMaxEvents;
            if (small)
            {
                // A small batch's load is a few milliseconds of work: a fresh in-memory DuckDB for each would cost more
                // than the load, so small loads take one from a pool (a load that fails does not return its own).
                var work = RentSmallWork();
                try
                {
                    (events, invalid, first, last) = LoadSmall(work, path, gzip, header, stage, quarantineFile, scan, limits, source);
                }
                catch
                {
                    // Not back to the pool, and not left to the finalizer: each holds a DuckDB with its threads and memory.
                    work.Dispose();
                    throw;
                }
                ReturnSmallWork(work);
                hasData = events > 0;
            }
            else
            {
                using var work = loaded?.Work ?? OpenWork(threads ?? _options.Threads);
                if (loaded is null)
                {
                    progress?.Report(new IngestProgress(source, "loading", 0));
                    await RunWithProgressAsync(work, CopyStatement(path, gzip, header, stage), f => progress?.Report(new IngestProgress(source, "loading", f)), ct);
                }
                // Rows that failed validation were written to the sb=-1 partition; their reasons come from a second look.
                var quarantinePartition = Path.Combine(stage, "sb=-1");
                if (Directory.Exists(quarantinePartition))
                {
                    invalid = RowCount(work, Path.Combine(quarantinePartition, "*.parquet"));
                    if (scan.Rejected.Count + invalid > limits.MaxQuarantined) throw AccessLogScan.TooManyBadLines(limits, source, scan.Rejected.Count + invalid);
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
            StageEnded?.Invoke("loaded", clock.Elapsed);
            // Every line the scan passed is an event or a quarantined row; anything else would be a line lost without a word.
            if (events + invalid + scan.Rejected.Count != scan.Records)
                throw new InvalidOperationException($"{source}: {scan.Records:N0} lines read, but {events:N0} stored and {invalid + scan.Rejected.Count:N0} quarantined; nothing was stored.");

            await _writer.WaitAsync(ct);
            try
            {
                using var connection = await OpenCatalogAsync(ct);
                StageEnded?.Invoke("catalog opened", clock.Elapsed);
                // Another file with the same bytes may have been committed while this one loaded.
                if (FindDuplicate(connection, contentHash, source, clock) is { } late) return late;
                var id = NextFolder(connection);
                var target = SegmentPath(id);
                if (hasData) Directory.Move(stage, target);
                else Directory.CreateDirectory(target);
                try
                {
                    using var tx = connection.BeginTransaction();
                    var bytes = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                    if (File.Exists(quarantineFile))
                        Execute(connection, $"INSERT INTO quarantine SELECT {id}, {Literal(source)}, NULL, problem, raw FROM read_parquet({Literal(quarantineFile)})");
                    if (scan.Rejected.Count > 0)
                        using (var appender = connection.CreateAppender("quarantine"))
                            foreach (var line in scan.Rejected)
                                appender.CreateRow().AppendValue(id).AppendValue(source).AppendValue(line.Line).AppendValue(line.Reason).AppendValue(line.Raw).EndRow();
                    var quarantined = Scalar<long>(connection, $"SELECT count(*) FROM quarantine WHERE segment_id = {id}");
                    Execute(connection, $"""
                        INSERT INTO segments VALUES ({id}, {Literal(source)}, {Literal(contentHash)}, {events}, {quarantined},
                            {(first is { } f ? TimeLiteral(f) : "NULL")}, {(last is { } l ? TimeLiteral(l) : "NULL")}, now(), {(small ? "false" : "true")}, {bytes}, NULL)
                        """);
                    tx.Commit();
                    StageEnded?.Invoke("committed", clock.Elapsed);
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
        }
    }

    /// <summary>
    /// A small batch in one pass over its CSV, as a partitioned load but to a single Parquet file: no 64 partition
    /// writers and files, no record index (their fixed cost is what made small batches slow). The count and time range
    /// come from the file's footer; only when some rows failed validation (rare) does a second look collect their reasons.
    /// </summary>
    private static (long Events, long Invalid, DateTimeOffset? First, DateTimeOffset? Last) LoadSmall(DuckDBConnection work, string path, bool gzip,
        IReadOnlyList<string> header, string stage, string quarantineFile, AccessLogScan scan, IngestLimits limits, string source)
    {
        Directory.CreateDirectory(stage);
        var file = Path.Combine(stage, SmallFileName);
        Execute(work, $"""
            COPY (SELECT t AS event_time, staff_id, system, action, record_type, record_id, subject_person_id, workstation_id, reason_ref
                  FROM ({Validated(path, gzip, header)}) WHERE problem IS NULL)
            TO {Literal(file)} (FORMAT parquet, COMPRESSION snappy)
            """);
        long events;
        DateTimeOffset? first, last;
        using (var command = Command(work, $"SELECT coalesce(sum(row_group_num_rows), 0)::BIGINT, min(stats_min_value::TIMESTAMPTZ), max(stats_max_value::TIMESTAMPTZ) FROM parquet_metadata({Literal(file)}) WHERE path_in_schema = 'event_time'"))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            events = reader.GetInt64(0);
            first = Time(reader, 1);
            last = Time(reader, 2);
        }
        // Lines DuckDB read and did not store failed validation; they are counted from the quarantine file itself, so
        // the caller's check (events + quarantined = lines) still compares two counts.
        long invalid = 0;
        if (scan.Records - scan.Rejected.Count != events)
        {
            if (scan.Records - events > limits.MaxQuarantined) throw AccessLogScan.TooManyBadLines(limits, source, scan.Records - events);
            Execute(work, QuarantineStatement(path, gzip, header, quarantineFile));
            invalid = RowCount(work, quarantineFile);
        }
        if (events == 0) Directory.Delete(stage, recursive: true);
        return (events, invalid, first, last);
    }

    /// <summary>The next folder number: above every segment id and every merged folder, so neither is ever reused.</summary>
    private static long NextFolder(DuckDBConnection connection) =>
        Scalar<long>(connection, "SELECT greatest(coalesce(max(id), 0), coalesce(max(folder), 0)) + 1 FROM segments");

    private static long RowCount(DuckDBConnection connection, string files) =>
        Scalar<long>(connection, $"SELECT coalesce(sum(num_rows), 0)::BIGINT FROM parquet_file_metadata({Literal(files)})");

    private async Task<IngestResult?> FindDuplicateAsync(string contentHash, string source, Stopwatch clock, CancellationToken ct)
    {
        using var connection = await OpenAsync(ct);
        return FindDuplicate(connection, contentHash, source, clock);
    }

    private static IngestResult? FindDuplicate(DuckDBConnection connection, string contentHash, string source, Stopwatch clock)
    {
        using var command = Command(connection, $"SELECT id, events, quarantined, first_event, last_event FROM segments WHERE content_hash = {Literal(contentHash)}");
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new IngestResult(source, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Duplicate: true, Time(reader, 3), Time(reader, 4), clock.Elapsed, TimeSpan.Zero,
            [$"{source}: this content was ingested before (segment {reader.GetInt64(0)}); nothing was added"]);
    }

    /// <summary>An in-memory DuckDB for a small batch's load, from the pool when one is free.</summary>
    private DuckDBConnection RentSmallWork() => _smallWork.TryTake(out var work) ? work : OpenWork(_options.Threads);

    /// <summary>Back to the pool after a load that succeeded; the pool keeps one per core, and none once the store is disposed.</summary>
    private void ReturnSmallWork(DuckDBConnection work)
    {
        lock (_gate)
        {
            if (!_disposed && _smallWork.Count < Environment.ProcessorCount)
            {
                _smallWork.Add(work);
                return;
            }
        }
        work.Dispose();
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
            FROM ({Validated(path, gzip, header)})
        ) TO {Literal(stage)} (FORMAT parquet, PARTITION_BY (sb), COMPRESSION snappy)
        """;

    /// <summary>The rows that failed validation, with the reason and the fields as they were in the file.</summary>
    private static string QuarantineStatement(string path, bool gzip, IReadOnlyList<string> header, string target)
    {
        var raw = string.Join(", ", Columns.Select(c => $"coalesce({c}, '')"));
        return $"""
            COPY (SELECT problem, concat_ws(',', {raw}) AS raw FROM ({Validated(path, gzip, header)}) WHERE problem IS NOT NULL)
            TO {Literal(target)} (FORMAT parquet)
            """;
    }

    /// <summary>
    /// The file's rows as text, with the parsed time (t) and the first problem found (NULL when the row is good).
    /// DuckDB reads only files the scan (<see cref="AccessLogScan"/>) found sound, so any line it cannot split is an error, not a reject.
    /// </summary>
    private static string Validated(string path, bool gzip, IReadOnlyList<string> header)
    {
        var columns = "{" + string.Join(", ", header.Select((h, i) => $"{Literal(ColumnAlias(h, i))}: 'VARCHAR'")) + "}";
        string Col(string name) => header.Contains(name, StringComparer.Ordinal) ? name : $"NULL::VARCHAR";
        var actions = string.Join(", ", Vocabulary.AccessActions.Order(StringComparer.Ordinal).Select(Literal));
        var recordTypes = string.Join(", ", Vocabulary.RecordTypes.Order(StringComparer.Ordinal).Select(Literal));
        var select = string.Join(", ", Columns.Select(c => $"{Col(c)} AS {c}"));
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
                                      columns = {columns}, compression = {(gzip ? "'gzip'" : "'none'")}, strict_mode = true, null_padding = false)
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

    private static (List<string> Header, List<string> Warnings) CheckHeader(IReadOnlyList<string> found, string source)
    {
        if (HeaderProblem(found, source) is { } problem) throw new InvalidDataException(problem);
        var header = found.ToList();
        var warnings = new List<string>();
        foreach (var unknown in header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)))
            warnings.Add($"{source}, line 1: unknown column '{unknown}' ignored");
        return (header, warnings);
    }

    /// <summary>Why a header cannot be loaded (a required column missing, or one twice), or null.</summary>
    private static string? HeaderProblem(IReadOnlyList<string> header, string source)
    {
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            return $"{source}, line 1: required column(s) {string.Join(", ", missing)} missing from the header (found: {string.Join(",", header)})";
        var duplicated = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return duplicated.Count > 0 ? $"{source}, line 1: column(s) {string.Join(", ", duplicated)} appear more than once" : null;
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

    /// <summary>Runs a long statement, reporting progress; cancelling (the client gone, the host stopping) interrupts DuckDB, which otherwise runs to the end.</summary>
    private static async Task RunWithProgressAsync(DuckDBConnection connection, string sql, Action<double> report, CancellationToken ct)
    {
        using var command = Command(connection, sql);
        using var interrupt = ct.Register(command.Cancel);
        var work = Task.Run(() => command.ExecuteNonQuery(), CancellationToken.None);
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(250, CancellationToken.None));
            if (work.IsCompleted) break;
            var progress = connection.GetQueryProgress();
            if (progress.Percentage >= 0) report(progress.Percentage / 100.0);
        }
        try
        {
            await work;
        }
        catch (DuckDBException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        report(1);
    }

    /// <summary>Counts what flows through (into a hash) on the way to its reader: the content hash of a streamed batch as it was sent.</summary>
    private sealed class HashingStream(Stream inner, XxHash128 hash) : Stream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            hash.Append(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            hash.Append(buffer.AsSpan(offset, read));
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Probity.AccessMonitoring.Detection;

namespace Probity.AccessMonitoring.EventStore;

/// <summary>Where the embedded event store lives and how hard it may work.</summary>
internal sealed record EventStoreOptions(string Root, int? Threads = null, string? MemoryLimit = null)
{
    public const string DefaultRoot = "data/access-events";

    /// <summary>Caps on one streamed batch (<see cref="IAccessEventStore.IngestBatchAsync"/>).</summary>
    public IngestLimits BatchLimits { get; init; } = IngestLimits.DefaultBatches;

    /// <summary>Caps on one file (<see cref="IAccessEventStore.IngestFileAsync"/>): the quarantine only, files being legitimately large.</summary>
    public IngestLimits FileLimits { get; init; } = IngestLimits.DefaultFiles;

    /// <summary>How small segments land and when they are merged (ADR 0008 addendum: small segments and compaction).</summary>
    public CompactionSettings Compaction { get; init; } = CompactionSettings.Default;

    /// <summary>
    /// How long the catalog stays open after a streamed batch, so the next batch of a burst neither opens nor
    /// checkpoints it (ADR 0008 addendum: the catalog held across a burst). Zero opens and closes it per batch.
    /// </summary>
    public TimeSpan HoldCatalogAfterBatch { get; init; } = DefaultHoldCatalogAfterBatch;

    /// <summary>How long an open waits for another process to let go of the catalog before it reports the store busy.</summary>
    public TimeSpan WaitWhenBusy { get; init; } = DefaultWaitWhenBusy;

    /// <summary>
    /// A file larger than this is scanned while DuckDB already loads it (ADR 0008 addendum: the scan beside the load),
    /// rather than before; the load is thrown away in the rare case the scan finds lines DuckDB must not read.
    /// </summary>
    public long ScanBesideLoadOverBytes { get; init; } = DefaultScanBesideLoadOverBytes;

    public const long DefaultScanBesideLoadOverBytes = 64L << 20;

    public static readonly TimeSpan DefaultHoldCatalogAfterBatch = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultWaitWhenBusy = TimeSpan.FromSeconds(5);

    public static EventStoreOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Probity:AccessMonitoring");
        var threads = section.GetValue<int?>("Threads");
        return new EventStoreOptions(Path.GetFullPath(section["Store"] ?? DefaultRoot), threads, section["MemoryLimit"])
        {
            BatchLimits = IngestLimits.ForBatches(configuration),
            FileLimits = IngestLimits.ForFiles(configuration),
            Compaction = CompactionSettings.From(configuration),
            HoldCatalogAfterBatch = Seconds(section, "HoldCatalogSeconds", DefaultHoldCatalogAfterBatch),
            WaitWhenBusy = Seconds(section, "WaitWhenBusySeconds", DefaultWaitWhenBusy),
        };
    }

    private static TimeSpan Seconds(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var value = section.GetValue<double?>(key);
        if (value is null) return fallback;
        return value is >= 0 and <= 3600 ? TimeSpan.FromSeconds(value.Value)
            : throw new InvalidOperationException($"Probity:AccessMonitoring:{key} must be between 0 and 3600 seconds (it is {value}).");
    }
}

/// <summary>
/// The embedded event store. Each ingest (a file or a streamed batch) becomes one immutable <em>segment</em>: a folder of
/// Parquet files hash-partitioned by subject (<c>sb=0..63</c>) plus a sorted record index. A small DuckDB catalog
/// lists the segments (with their time range), the quarantine, the reference data and the per-user baselines.
/// Readers only ever see segments the catalog lists, so a crash mid-ingest leaves nothing half-visible.
/// See docs/adr/0008-access-event-store.md for the layout and the alternatives measured.
/// </summary>
internal sealed partial class DuckDbEventStore : IAccessEventStore, IDisposable
{
    /// <summary>Subject buckets per segment: a subject lookup reads 1/64th of each segment it overlaps.</summary>
    internal const int Buckets = 64;
    private const string Canary = "probity-bucket-canary";

    private readonly EventStoreOptions _options;
    private readonly string _catalog;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SemaphoreSlim _compactor = new(1, 1);
    // Lookups in flight: a compaction deletes the small segments it merged only when none is reading (else the next sweep does).
    private int _readers;
    private readonly Lock _gate = new();
    private Task? _ready;
    // The catalog held open across a burst of streamed batches, and the timer that lets it go once the burst is over.
    private DuckDBConnection? _held;
    private Timer? _release;
    private bool _disposed;
    private readonly System.Collections.Concurrent.ConcurrentBag<DuckDBConnection> _smallWork = [];

    public DuckDbEventStore(EventStoreOptions options)
    {
        _options = options;
        Directory.CreateDirectory(options.Root);
        _catalog = Path.Combine(options.Root, "catalog.duckdb");
    }

    public string Root => _options.Root;
    private string SegmentsRoot => Path.Combine(_options.Root, "segments");
    private string StagingRoot => Path.Combine(_options.Root, "staging");
    internal string SegmentPath(long id) => Path.Combine(SegmentsRoot, id.ToString("D8", CultureInfo.InvariantCulture));

    internal async Task<DuckDBConnection> OpenAsync(CancellationToken ct)
    {
        await Ready().WaitAsync(ct);
        return await OpenCatalogAsync(ct);
    }

    /// <summary>Opens (and tidies) the store once; a failed attempt (the store busy in another process) is retried next time.</summary>
    private Task Ready()
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled) _ready = Task.Run(InitialiseAsync);
            return _ready;
        }
    }

    private async Task<DuckDBConnection> OpenCatalogAsync(CancellationToken ct)
    {
        // Another process holding the catalog (the web application between the batches of a burst, or a command) lets
        // go soon as a rule; an open waits a little for it before reporting the store busy. It waits without a thread:
        // in the web application a burst of requests waiting on a command would otherwise block the thread pool.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(50);
        DuckDBConnection connection;
        while (true)
        {
            connection = new DuckDBConnection($"Data Source={_catalog}");
            try
            {
                connection.Open();
                break;
            }
            catch (DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
            {
                connection.Dispose();
                if (waited.Elapsed + pause <= _options.WaitWhenBusy)
                {
                    await Task.Delay(pause, ct);
                    pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 500));
                    continue;
                }
                throw new Probity.Kernel.StoreBusyException(
                    $"The access-event store at {_options.Root} is in use by another process (the web application, or another command) for the moment. Try again when it has finished, or send the events to the web application's HTTP endpoint.", ex);
            }
        }
        Execute(connection, "SET TimeZone = 'UTC'");
        if (_options.Threads is int threads) Execute(connection, $"SET threads = {threads}");
        if (_options.MemoryLimit is { } memory) Execute(connection, $"SET memory_limit = {Literal(memory)}");
        return connection;
    }

    /// <summary>
    /// Keeps the catalog open until <see cref="EventStoreOptions.HoldCatalogAfterBatch"/> after the latest streamed batch.
    /// DuckDB shares one database per file among a process's connections and closes it (with a checkpoint) when the last
    /// one goes; holding one connection spares the next batch of a burst that open and close, about half of a small
    /// batch's cost. Another process that wants the store meanwhile waits for the hold to lapse (<see cref="OpenCatalogAsync"/>).
    /// </summary>
    private async Task HoldCatalogAsync(CancellationToken ct)
    {
        if (_options.HoldCatalogAfterBatch <= TimeSpan.Zero) return;
        lock (_gate)
        {
            if (_disposed) return;
            if (_held is not null)
            {
                _release!.Change(_options.HoldCatalogAfterBatch, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        // Opened outside the gate: the open may wait seconds for another process, and neither Ready, the pool, the
        // timer nor the other batches of the burst (each then waiting in turn) may wait behind it.
        var opened = await OpenCatalogAsync(ct);
        lock (_gate)
        {
            if (!_disposed)
            {
                if (_held is null)
                {
                    _held = opened;
                    opened = null;
                }
                _release ??= new Timer(_ => LetGoOfCatalog(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _release.Change(_options.HoldCatalogAfterBatch, Timeout.InfiniteTimeSpan);
            }
        }
        // Disposed meanwhile, or another batch of the burst got there first.
        opened?.Dispose();
    }

    private void LetGoOfCatalog()
    {
        DuckDBConnection? held;
        lock (_gate)
        {
            held = _held;
            _held = null;
        }
        // Outside the lock: the last connection's close checkpoints the catalog, and a batch arriving meanwhile opens its own.
        held?.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _release?.Dispose();
            _release = null;
        }
        LetGoOfCatalog();
        while (_smallWork.TryTake(out var work)) work.Dispose();
    }

    private async Task InitialiseAsync()
    {
        Directory.CreateDirectory(SegmentsRoot);
        // The catalog's file lock first: another process ingesting holds it, so its staging folder is never swept away.
        using var connection = await OpenCatalogAsync(CancellationToken.None);
        // Whatever a crash left half-written is discarded: staging folders, and segment folders the catalog never listed.
        if (Directory.Exists(StagingRoot)) Directory.Delete(StagingRoot, recursive: true);
        Directory.CreateDirectory(StagingRoot);
        foreach (var statement in Schema) Execute(connection, statement);
        var canary = Scalar<string>(connection, $"SELECT (hash({Literal(Canary)}) % {Buckets})::VARCHAR");
        var stored = Scalar<string?>(connection, "SELECT value FROM store_meta WHERE key = 'bucket_canary'");
        if (stored is null) Execute(connection, $"INSERT INTO store_meta VALUES ('bucket_canary', {Literal(canary)})");
        else if (stored != canary)
            throw new InvalidOperationException(
                $"The access-event store at {_options.Root} was partitioned by a different hash function (this DuckDB version hashes differently). Rebuild the store by re-ingesting the source files into an empty folder.");
        SweepUnlisted(connection);
    }

    /// <summary>
    /// Deletes every segment folder the catalog does not list: a load or a compaction a crash interrupted before its
    /// commit, and small segments a compaction merged (their rows now name the merged folder). Called at start and,
    /// holding the writer, after a compaction.
    /// </summary>
    private void SweepUnlisted(DuckDBConnection connection)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        using (var command = Command(connection, "SELECT DISTINCT coalesce(folder, id) FROM segments"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) listed.Add(reader.GetInt64(0).ToString("D8", CultureInfo.InvariantCulture));
        foreach (var folder in Directory.EnumerateDirectories(SegmentsRoot))
            if (!listed.Contains(Path.GetFileName(folder))) Directory.Delete(folder, recursive: true);
    }

    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS segments (
            id BIGINT PRIMARY KEY, source VARCHAR NOT NULL, content_hash VARCHAR NOT NULL UNIQUE,
            events BIGINT NOT NULL, quarantined BIGINT NOT NULL, first_event TIMESTAMPTZ, last_event TIMESTAMPTZ,
            ingested_at TIMESTAMPTZ NOT NULL, record_indexed BOOLEAN NOT NULL, bytes BIGINT NOT NULL)
        """,
        // Where a segment's events are: NULL, its own folder; after a compaction, the merged folder (ADR 0008 addendum).
        "ALTER TABLE segments ADD COLUMN IF NOT EXISTS folder BIGINT",
        "CREATE TABLE IF NOT EXISTS quarantine (segment_id BIGINT NOT NULL, source VARCHAR NOT NULL, line BIGINT, reason VARCHAR NOT NULL, raw VARCHAR)",
        "CREATE TABLE IF NOT EXISTS user_day (staff_id VARCHAR NOT NULL, day DATE NOT NULL, events BIGINT NOT NULL, subjects BIGINT NOT NULL, ooh_searches BIGINT NOT NULL, PRIMARY KEY (staff_id, day))",
        "CREATE TABLE IF NOT EXISTS user_seen (staff_id VARCHAR NOT NULL, system VARCHAR NOT NULL, record_type VARCHAR NOT NULL, first_day DATE NOT NULL, last_day DATE NOT NULL, PRIMARY KEY (staff_id, system, record_type))",
        "CREATE TABLE IF NOT EXISTS explanation (from_day DATE NOT NULL, to_day DATE NOT NULL, system VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, total BIGINT NOT NULL, by_assignment BIGINT NOT NULL, by_reason BIGINT NOT NULL, by_unit_norm BIGINT NOT NULL)",
        // Accesses explained by a record the user made about the person (ADR 0030); stores from before it count none.
        "ALTER TABLE explanation ADD COLUMN IF NOT EXISTS by_own_record BIGINT DEFAULT 0",
        // Records each user made (action create), kept so they explain later days' accesses (ADR 0030). '' where the log gave none.
        "CREATE TABLE IF NOT EXISTS made_about (staff_id VARCHAR NOT NULL, record_type VARCHAR NOT NULL, record_id VARCHAR NOT NULL, subject_person_id VARCHAR NOT NULL, first_at TIMESTAMPTZ NOT NULL, last_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (staff_id, record_type, record_id, subject_person_id))",
        "CREATE TABLE IF NOT EXISTS ref_staff (staff_id VARCHAR NOT NULL, unit_id VARCHAR, peer_group VARCHAR)",
        "CREATE TABLE IF NOT EXISTS ref_persons (person_id VARCHAR NOT NULL, flag VARCHAR NOT NULL)",
        "CREATE TABLE IF NOT EXISTS ref_associations (staff_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL, relation VARCHAR NOT NULL, source VARCHAR, from_date DATE, to_date DATE)",
        "CREATE TABLE IF NOT EXISTS ref_assignments (staff_id VARCHAR NOT NULL, reason_ref VARCHAR, record_type VARCHAR, record_id VARCHAR, subject_person_id VARCHAR, from_time TIMESTAMPTZ, to_time TIMESTAMPTZ)",
        "CREATE TABLE IF NOT EXISTS ref_leaks (leak_id VARCHAR NOT NULL, record_id VARCHAR, subject_person_id VARCHAR, leaked_at TIMESTAMPTZ NOT NULL, window_days INTEGER NOT NULL)",
    ];

    public async Task<StoreSummary> SummaryAsync(CancellationToken ct)
    {
        using var connection = await OpenAsync(ct);
        using var command = Command(connection, "SELECT count(*), coalesce(sum(events), 0), coalesce(sum(quarantined), 0), min(first_event), max(last_event), coalesce(sum(bytes), 0) FROM segments");
        using var reader = command.ExecuteReader();
        reader.Read();
        return new StoreSummary(reader.GetInt64(0), ToLong(reader.GetValue(1)), ToLong(reader.GetValue(2)), Time(reader, 3), Time(reader, 4), ToLong(reader.GetValue(5)));
    }

    public async Task<IReadOnlyList<SegmentInfo>> SegmentsAsync(int limit, CancellationToken ct)
    {
        using var connection = await OpenAsync(ct);
        using var command = Command(connection, $"SELECT id, source, events, quarantined, first_event, last_event, ingested_at, record_indexed FROM segments ORDER BY id DESC LIMIT {limit}");
        using var reader = command.ExecuteReader();
        var list = new List<SegmentInfo>();
        while (reader.Read())
            list.Add(new SegmentInfo(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), Time(reader, 4), Time(reader, 5), Time(reader, 6)!.Value, reader.GetBoolean(7)));
        return list;
    }

    public async Task<IReadOnlyList<QuarantinedLine>> QuarantineAsync(int limit, CancellationToken ct)
    {
        using var connection = await OpenAsync(ct);
        using var command = Command(connection, $"SELECT segment_id, source, line, reason, raw FROM quarantine ORDER BY segment_id DESC, line NULLS LAST LIMIT {limit}");
        using var reader = command.ExecuteReader();
        var list = new List<QuarantinedLine>();
        while (reader.Read())
            list.Add(new QuarantinedLine(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return list;
    }

    public async Task<IReadOnlyList<ExplanationShare>> ExplanationSharesAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        using var connection = await OpenAsync(ct);
        using var command = Command(connection, $"""
            SELECT system, unit_id, sum(total), sum(by_assignment), sum(by_reason), sum(by_own_record), sum(by_unit_norm) FROM explanation
            WHERE from_day >= DATE '{from:yyyy-MM-dd}' AND to_day <= DATE '{to:yyyy-MM-dd}' GROUP BY ALL ORDER BY system, unit_id
            """);
        using var reader = command.ExecuteReader();
        var list = new List<ExplanationShare>();
        while (reader.Read())
            list.Add(new ExplanationShare(reader.GetString(0), reader.GetString(1), ToLong(reader.GetValue(2)), ToLong(reader.GetValue(3)), ToLong(reader.GetValue(4)), ToLong(reader.GetValue(5)), ToLong(reader.GetValue(6))));
        return list;
    }

    /// <summary>How long a detection run waits for another to finish before it gives up and says why.</summary>
    internal static readonly TimeSpan DetectionWaitLimit = TimeSpan.FromMinutes(30);

    public async Task<IDisposable> HoldDetectionAsync(IProgress<string>? progress, CancellationToken ct)
    {
        // An exclusive open of a file beside the catalog: .NET takes an advisory lock (flock) on it, which the system
        // releases when the holder's process ends, so a run that crashed leaves nothing to clear by hand.
        var path = Path.Combine(_options.Root, "detection.lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var told = false; ; told = true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException e) when (waited.Elapsed < DetectionWaitLimit)
            {
                if (!told) progress?.Report($"waiting for another detection run over this store to finish ({e.Message})");
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException(
                    $"Another detection run has held the event store at {_options.Root} for over {DetectionWaitLimit.TotalMinutes:0} minutes, or its lock file {path} cannot be opened: {e.Message}", e);
            }
        }
    }

    public async Task ReplaceReferenceAsync(ReferenceData reference, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            using var connection = await OpenAsync(ct);
            using var tx = connection.BeginTransaction();
            foreach (var table in new[] { "ref_staff", "ref_persons", "ref_associations", "ref_assignments", "ref_leaks" })
                Execute(connection, $"DELETE FROM {table}");
            using (var appender = connection.CreateAppender("ref_staff"))
                foreach (var s in reference.Staff)
                    appender.CreateRow().AppendValue(s.StaffId).AppendValue(s.UnitId).AppendValue(s.PeerGroup).EndRow();
            using (var appender = connection.CreateAppender("ref_persons"))
                foreach (var p in reference.FlaggedPersons)
                    foreach (var flag in p.Flags)
                        appender.CreateRow().AppendValue(p.PersonId).AppendValue(flag).EndRow();
            using (var appender = connection.CreateAppender("ref_associations"))
                foreach (var a in reference.Associations)
                    appender.CreateRow().AppendValue(a.StaffId).AppendValue(a.PersonId).AppendValue(a.Relation).AppendValue(a.Source)
                        .AppendValue(a.From?.ToDateTime(TimeOnly.MinValue)).AppendValue(a.To?.ToDateTime(TimeOnly.MinValue)).EndRow();
            using (var appender = connection.CreateAppender("ref_assignments"))
                foreach (var a in reference.Assignments)
                    appender.CreateRow().AppendValue(a.StaffId).AppendValue(a.ReasonRef).AppendValue(a.RecordType).AppendValue(a.RecordId).AppendValue(a.SubjectPersonId)
                        .AppendValue(a.From).AppendValue(a.To).EndRow();
            using (var appender = connection.CreateAppender("ref_leaks"))
                foreach (var l in reference.Leaks)
                    appender.CreateRow().AppendValue(l.LeakId).AppendValue(l.RecordId).AppendValue(l.SubjectPersonId).AppendValue(l.LeakedAt).AppendValue(l.WindowDays).EndRow();
            tx.Commit();
        }
        finally
        {
            _writer.Release();
        }
    }

    // ---- small ADO helpers: DuckDB SQL is written in this class only ----

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    internal static DuckDBCommand Command(DuckDBConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>A SQL string literal. Every value spliced into DuckDB SQL goes through here or <see cref="TimeLiteral"/>.</summary>
    internal static string Literal(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string TimeLiteral(DateTimeOffset value) =>
        "TIMESTAMPTZ '" + value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00'";

    internal static string ListLiteral(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";

    internal static long ToLong(object value) => value is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    internal static DateTimeOffset? Time(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal)) return null;
        return reader.GetValue(ordinal) switch
        {
            DateTimeOffset o => o.ToUniversalTime(),
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            var other => throw new InvalidCastException($"Unexpected timestamp value {other.GetType()}"),
        };
    }
}

using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.AccessMonitoring.Simulation;

/// <summary>
/// Information-misuse monitoring at force scale, on event streams from the simulation (planted misuse of every kind).
///   audit-ingest  [--events 20000000]           CSV → event store (2 threads and 1 thread) against COPY into an indexed PostgreSQL table
///   audit-detect  [--users 50000] [--rate 2000]  one day of a large force (~100 M events): ingest, then detection
///   audit-who     [--days 10]                    builds (or reuses) a store of --days such days (~1 B events), then who-accessed
///   audit-quality [--users 10000] [--days 14] [--warm-up 6] [--rate 300]   recall on planted misuse, false alerts per 1,000 users per day
///   audit-worlds  [--users 2000] [--days 7] [--rate 300] [--only NAME,NAME] [--contacts] [--dump DIR] [--keep] [--team C [--max-shift X]]   for each independent world: recall at one false alert per 1,000 user-days, queue in score order
///                 (--keep: leave the last world's store for audit-sql; --team C: a team deciding the top C alerts a day, scored with its decisions)
///   audit-sql     --query "SQL"                  a query against the store audit-worlds --keep left; {events} reads its events
///                 (--contacts: who else touched the person of each top false and each planted alert, that day and in the window)
///                 (--dump DIR: each world's queue as DIR/WORLD.tsv, in score order, with the plant each alert matches)
///   audit-batches [--batches 200] [--sizes 500,5000,50000] [--small-max 250000]   small HTTP-style batches: time per batch, its fixed part, reads and detection before and after compaction
///   audit-foreign [--sizes 50000,5000000] [--repeat 9]   files in shapes the simulation never writes (ForeignAuditLog): one core, end to end, against COPY
/// Common: --work DIR (default /tmp/probity-audit-bench). PostgreSQL: PROBITY_BENCH_POSTGRES=&lt;connection string&gt;.
/// </summary>
internal static class AuditBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateOnly FirstDay = new(2026, 10, 5);

    public static async Task<int> RunAsync(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? args[i + 1] : null;
        long Arg(string name, long fallback) => Text(name) is { } v ? long.Parse(v, Inv) : fallback;
        var work = Text("--work") ?? Path.Combine(Path.GetTempPath(), "probity-audit-bench");
        Directory.CreateDirectory(work);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; work folder {work}");
        return args[0] switch
        {
            "audit-ingest" => await Ingest(work, Arg("--events", 20_000_000)),
            "audit-detect" => await Detect(work, (int)Arg("--users", 50_000), Arg("--rate", 2_000), args.Contains("--reuse")),
            "audit-who" => await Who(work, (int)Arg("--days", 10), (int)Arg("--users", 50_000), Arg("--rate", 2_000)),
            "audit-quality" => await Quality(work, (int)Arg("--users", 10_000), (int)Arg("--days", 14), (int)Arg("--warm-up", 6), Arg("--rate", 300)),
            "audit-worlds" => await Worlds(work, (int)Arg("--users", 2_000), (int)Arg("--days", 7), Arg("--rate", 300), Text("--only"), args.Contains("--contacts"), Text("--dump"), args.Contains("--returns"), args.Contains("--keep"), (int)Arg("--team", 0), Text("--max-shift") is { } shift ? double.Parse(shift, Inv) : null),
            "audit-sql" => Sql(work, Text("--query") ?? throw new ArgumentException("audit-sql needs --query \"SQL\" ({events} stands for the kept world's events)")),
            "audit-foreign-parts" => await ForeignParts(work, Arg("--events", 2_000_000)),
            "audit-foreign" => await Foreign(work, (Text("--sizes") ?? "50000,5000000").Split(',').Select(x => long.Parse(x, Inv)).ToArray(), (int)Arg("--repeat", 9)),
            "audit-batches" => await Batches(work, (int)Arg("--batches", 200), (Text("--sizes") ?? "500,5000,50000").Split(',').Select(x => int.Parse(x, Inv)).ToArray(), Arg("--small-max", CompactionSettings.Default.SmallSegmentMaxEvents)),
            _ => 2,
        };
    }

    // ------------------------------------------------------------------ ingest against PostgreSQL COPY

    private static async Task<int> Ingest(string work, long events)
    {
        var users = (int)Math.Max(1_000, events / 400);
        var simulation = new AccessSimulation(new AccessSimulationOptions(7, FirstDay, 1, users, 400.0 * events / (users * 400.0)));
        var csv = Path.Combine(work, "ingest.csv");
        var clock = Stopwatch.StartNew();
        long rows;
        await using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 20)) rows = simulation.WriteCsv(writer, 0);
        var bytes = new FileInfo(csv).Length;
        Console.WriteLine($"Generated {rows:N0} events ({bytes / 1e9:F2} GB CSV, {bytes / (double)rows:F0} bytes/event) in {clock.Elapsed.TotalSeconds:F1} s");

        var results = new List<(string Run, double Seconds)>();
        foreach (var threads in new int?[] { null, 1 })
        {
            var root = Path.Combine(work, $"ingest-store-{threads ?? 0}");
            if (Directory.Exists(root)) Directory.Delete(root, true);
            var store = new DuckDbEventStore(new EventStoreOptions(root, threads));
            await store.SummaryAsync(CancellationToken.None); // open before timing
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await store.IngestFileAsync(csv, null, CancellationToken.None);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var cores = threads ?? Environment.ProcessorCount;
            var label = $"DuckDB event store, {cores} thread(s)";
            results.Add((label, result.Elapsed.TotalSeconds));
            Console.WriteLine($"{label}: {result.Events:N0} events in {result.Elapsed.TotalSeconds:F2} s (of which record index {result.IndexElapsed.TotalSeconds:F2} s) " +
                              $"= {result.Events / result.Elapsed.TotalSeconds:N0} events/s = {result.Events / result.Elapsed.TotalSeconds / cores:N0} events/s per core (wall clock × cores); " +
                              $"{cpu:F1} CPU-seconds = {result.Events / cpu:N0} events per CPU-second; {DirSize(root) / 1e6:F0} MB on disk");
            var again = await store.IngestFileAsync(csv, null, CancellationToken.None);
            Console.WriteLine($"  re-ingest of the same file: duplicate={again.Duplicate} in {again.Elapsed.TotalSeconds:F2} s (content hash only)");
            Directory.Delete(root, true);
        }

        // The usual shape of audit logs: several files (a system's day each). They load side by side, one core each.
        var halves = new[] { Path.Combine(work, "ingest-a.csv"), Path.Combine(work, "ingest-b.csv") };
        await using (var writer = new StreamWriter(halves[0], false, new System.Text.UTF8Encoding(false), 1 << 20)) simulation.WriteCsv(writer, 0, 0, users / 2);
        await using (var writer = new StreamWriter(halves[1], false, new System.Text.UTF8Encoding(false), 1 << 20)) simulation.WriteCsv(writer, 0, users / 2, users);
        {
            var root = Path.Combine(work, "ingest-store-files");
            if (Directory.Exists(root)) Directory.Delete(root, true);
            var store = new DuckDbEventStore(new EventStoreOptions(root));
            await store.SummaryAsync(CancellationToken.None);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var both = await store.IngestFilesAsync(halves, null, CancellationToken.None);
            var wall = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var n = both.Sum(r => r.Events);
            var label = $"DuckDB event store, {halves.Length} files side by side";
            results.Add((label, wall));
            Console.WriteLine($"{label}: {n:N0} events in {wall:F2} s = {n / wall:N0} events/s = {n / wall / Environment.ProcessorCount:N0} events/s per core (wall clock × cores); " +
                              $"{cpu:F1} CPU-seconds = {n / cpu:N0} events per CPU-second");
            Directory.Delete(root, true);
            foreach (var half in halves) File.Delete(half);
        }

        var postgres = Environment.GetEnvironmentVariable("PROBITY_BENCH_POSTGRES");
        if (postgres is null)
        {
            Console.WriteLine("PostgreSQL: set PROBITY_BENCH_POSTGRES to compare with COPY into an indexed table.");
            return 0;
        }
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await Exec(connection, "DROP TABLE IF EXISTS bench_access_events");
        await Exec(connection, """
            CREATE TABLE bench_access_events (event_time timestamptz NOT NULL, staff_id text NOT NULL, system text NOT NULL, action text NOT NULL,
                record_type text, record_id text, subject_person_id text, workstation_id text, reason_ref text);
            CREATE INDEX ON bench_access_events (subject_person_id, event_time);
            CREATE INDEX ON bench_access_events (record_id, event_time);
            CREATE INDEX ON bench_access_events (staff_id, event_time);
            """);
        clock.Restart();
        await using (var import = await connection.BeginTextImportAsync("COPY bench_access_events FROM STDIN (FORMAT csv, HEADER true)"))
        using (var reader = new StreamReader(csv))
        {
            var buffer = new char[1 << 20];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0) await import.WriteAsync(buffer, 0, read);
        }
        var pg = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"PostgreSQL COPY into an indexed table (3 indexes, as who-accessed needs): {rows:N0} events in {pg:F2} s = {rows / pg:N0} events/s");
        foreach (var (run, seconds) in results) Console.WriteLine($"  {run}: {pg / seconds:F1}× faster than COPY");
        await Exec(connection, "DROP TABLE bench_access_events");
        File.Delete(csv);
        return 0;
    }

    // ------------------------------------------------------------------ foreign-shaped files (issue 12: files the generator did not shape)

    /// <summary>
    /// For each size, <paramref name="repeat"/> files from <see cref="ForeignAuditLog"/> (different seeds) go through the
    /// event store on one DuckDB thread (the whole path: hash, scan, parse, validate, write, commit), a batch of the same
    /// bytes through the HTTP endpoint's path, and the same files through PostgreSQL <c>COPY</c> into a table with the
    /// three indexes who-accessed needs (appending, as a live table would). Medians; then the two stores' counts and
    /// time ranges are compared, so a fast reader that misread the times or the quoting would show.
    /// </summary>
    private static async Task<int> Foreign(string work, long[] sizes, int repeat)
    {
        var postgres = Environment.GetEnvironmentVariable("PROBITY_BENCH_POSTGRES");
        NpgsqlConnection? connection = null;
        if (postgres is null) Console.WriteLine("PostgreSQL: set PROBITY_BENCH_POSTGRES to compare with COPY into an indexed table.");
        else
        {
            connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
        }
        var start = new DateTimeOffset(2026, 3, 20, 6, 0, 0, TimeSpan.Zero); // across the change to BST
        Console.WriteLine($"{"events",10} {"file MB",8} {"B/event",8} {"store: file, 1 thread",22} {"per CPU-s",11} {"store: HTTP batch",18} {"COPY (indexed)",15} {"file ÷ COPY",11} {"batch ÷ COPY",12}");
        foreach (var size in sizes)
        {
            var runs = size >= 1_000_000 ? Math.Max(1, repeat / 3) : repeat;
            var files = new List<string>();
            long bytes = 0;
            for (var r = 0; r < runs; r++)
            {
                var path = Path.Combine(work, $"foreign-{size}-{r}.csv");
                bytes = ForeignAuditLog.Write(path, size, seed: (int)(size % 100_000) + r, start.AddDays(r * 8));
                files.Add(path);
            }
            var root = Path.Combine(work, $"foreign-store-{size}");
            if (Directory.Exists(root)) Directory.Delete(root, true);
            using var store = new DuckDbEventStore(new EventStoreOptions(root, Threads: 1));
            await store.SummaryAsync(CancellationToken.None);
            var fileSeconds = new List<double>();
            var cpuSeconds = new List<double>();
            foreach (var path in files)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var result = await store.IngestFileAsync(path, null, CancellationToken.None);
                fileSeconds.Add(clock.Elapsed.TotalSeconds);
                cpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                if (result.Events != size || result.Quarantined != 0)
                    throw new InvalidOperationException($"{Path.GetFileName(path)}: {result.Events:N0} stored and {result.Quarantined:N0} quarantined of {size:N0}: {string.Join("; ", result.Warnings)}");
            }
            // The HTTP endpoint's path: the same bytes as a streamed body (a second store, so no batch is a duplicate).
            var batchSeconds = new List<double>();
            if (size <= IngestLimits.DefaultMaxLines && bytes <= IngestLimits.DefaultMaxDecompressedBytes)
            {
                var batchRoot = root + "-batches";
                if (Directory.Exists(batchRoot)) Directory.Delete(batchRoot, true);
                using var batches = new DuckDbEventStore(new EventStoreOptions(batchRoot, Threads: 1));
                await batches.SummaryAsync(CancellationToken.None);
                // Where a batch's time goes (each stage since the one before, in ms), printed as medians below.
                var stages = new Dictionary<string, List<double>>();
                var previous = TimeSpan.Zero;
                batches.StageEnded = (stage, at) =>
                {
                    if (stage == "scan") previous = TimeSpan.Zero;
                    if (!stages.TryGetValue(stage, out var list)) stages[stage] = list = [];
                    list.Add((at - previous).TotalMilliseconds);
                    previous = at;
                };
                foreach (var path in files)
                {
                    var body = await File.ReadAllBytesAsync(path);
                    var clock = Stopwatch.StartNew();
                    var result = await batches.IngestBatchAsync(Path.GetFileName(path), new MemoryStream(body), gzip: false, CancellationToken.None);
                    batchSeconds.Add(clock.Elapsed.TotalSeconds);
                    if (result.Events != size) throw new InvalidOperationException($"batch {Path.GetFileName(path)}: {result.Events:N0} stored of {size:N0}");
                }
                Console.WriteLine($"           stages of a {size:N0}-event batch (median ms): " + string.Join(", ", stages.Select(s => $"{s.Key} {Median(s.Value):F1}")));
            }
            var copySeconds = new List<double>();
            if (connection is not null)
            {
                await Exec(connection, "DROP TABLE IF EXISTS bench_foreign_events");
                await Exec(connection, """
                    CREATE TABLE bench_foreign_events (staff_id text NOT NULL, event_time timestamptz NOT NULL, action text NOT NULL, system text NOT NULL,
                        record_type text, record_id text, subject_person_id text, reason_ref text, workstation_id text, session_id text);
                    CREATE INDEX ON bench_foreign_events (subject_person_id, event_time);
                    CREATE INDEX ON bench_foreign_events (record_id, event_time);
                    CREATE INDEX ON bench_foreign_events (staff_id, event_time);
                    """);
                foreach (var path in files)
                {
                    var clock = Stopwatch.StartNew();
                    await using (var import = await connection.BeginTextImportAsync("COPY bench_foreign_events FROM STDIN (FORMAT csv, HEADER true)"))
                    using (var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true))
                    {
                        var buffer = new char[1 << 20];
                        int read;
                        while ((read = await reader.ReadAsync(buffer)) > 0) await import.WriteAsync(buffer, 0, read);
                    }
                    copySeconds.Add(clock.Elapsed.TotalSeconds);
                }
                // The same events, read the same way: counts and the time range in both stores.
                long pgCount;
                DateTimeOffset pgFirst, pgLast;
                await using (var check = new NpgsqlCommand("SELECT count(*), min(event_time), max(event_time) FROM bench_foreign_events", connection))
                await using (var rows = await check.ExecuteReaderAsync())
                {
                    await rows.ReadAsync();
                    (pgCount, pgFirst, pgLast) = (rows.GetInt64(0), rows.GetFieldValue<DateTimeOffset>(1), rows.GetFieldValue<DateTimeOffset>(2));
                }
                var summary = await store.SummaryAsync(CancellationToken.None);
                if (pgCount != summary.Events || pgFirst != summary.FirstEvent || pgLast != summary.LastEvent)
                    throw new InvalidOperationException($"The stores disagree: PostgreSQL {pgCount:N0} events {pgFirst:O}..{pgLast:O}, event store {summary.Events:N0} {summary.FirstEvent:O}..{summary.LastEvent:O}");
                Console.WriteLine($"{"",10} both stores hold {pgCount:N0} events from {pgFirst:O} to {pgLast:O}");
                await Exec(connection, "DROP TABLE bench_foreign_events");
            }
            static double Median(List<double> xs) => xs.Count == 0 ? double.NaN : xs.Order().ElementAt(xs.Count / 2);
            static string Rate(long n, double seconds) => double.IsNaN(seconds) ? "—" : $"{n / seconds / 1e6:F2} M/s";
            var (file, cpu, batch, copy) = (Median(fileSeconds), Median(cpuSeconds), Median(batchSeconds), Median(copySeconds));
            Console.WriteLine($"{size,10:N0} {bytes / 1e6,8:F1} {bytes / (double)size,8:F0} {$"{file * 1000:F0} ms = {Rate(size, file)}",22} {Rate(size, cpu),11} " +
                              $"{(double.IsNaN(batch) ? "—" : $"{batch * 1000:F0} ms = {Rate(size, batch)}"),18} {(double.IsNaN(copy) ? "—" : $"{copy * 1000:F0} ms = {Rate(size, copy)}"),15} " +
                              $"{(double.IsNaN(copy) ? "—" : $"{copy / file:F1}×"),11} {(double.IsNaN(copy) || double.IsNaN(batch) ? "—" : $"{copy / batch:F1}×"),12}   ({files.Count} files each)");
            foreach (var path in files) File.Delete(path);
            Directory.Delete(root, true);
        }
        if (connection is not null) await connection.DisposeAsync();
        return 0;
    }

    /// <summary>Where a foreign file's CPU time goes, one DuckDB thread: the scan in C#, DuckDB reading the CSV as text, casting the times, and the whole load; then the same file parsed in C# and appended as typed columns (<see cref="TypedLoadProbe"/>).</summary>
    private static async Task<int> ForeignParts(string work, long events)
    {
        var path = Path.Combine(work, "foreign-parts.csv");
        ForeignAuditLog.Write(path, events, seed: 1, new DateTimeOffset(2026, 3, 20, 6, 0, 0, TimeSpan.Zero));
        var ours = Path.Combine(work, "ours-parts.csv");
        var simulation = new AccessSimulation(new AccessSimulationOptions(7, FirstDay, 1, (int)Math.Max(1_000, events / 400), 400));
        await using (var writer = new StreamWriter(ours, false, new System.Text.UTF8Encoding(false), 1 << 20)) simulation.WriteCsv(writer, 0);
        foreach (var (name, file) in new[] { ("foreign", path), ("simulation", ours) })
        {
            var lines = File.ReadLines(file).LongCount() - 1;
            var clock = CpuClock.StartNew();
            var scan = new AccessLogScan(IngestLimits.DefaultFiles, name);
            await using (var input = File.OpenRead(file)) await scan.RunAsync(input, null, CancellationToken.None);
            var scanned = clock.Seconds;
            using var duck = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
            duck.Open();
            DuckDbEventStore.Execute(duck, "SET threads = 1");
            DuckDbEventStore.Execute(duck, "SET TimeZone = 'UTC'");
            var header = scan.Header!;
            var columns = "{" + string.Join(", ", header.Select(h => $"'{h}': 'VARCHAR'")) + "}";
            var csv = $"read_csv('{file}', header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {columns}, strict_mode = true, null_padding = false)";
            double Time(string sql)
            {
                var c = CpuClock.StartNew();
                DuckDbEventStore.Scalar<long>(duck, sql);
                return c.Seconds;
            }
            var text = Time($"SELECT count(*) FROM (SELECT max(length(staff_id)) + max(length(record_id)) + max(length(subject_person_id)) + max(length(event_time)) FROM {csv})");
            var cast = Time($"SELECT count(TRY_CAST(event_time AS TIMESTAMPTZ)) FROM {csv}");
            var output = Path.Combine(work, $"parts-{name}.parquet");
            var writing = CpuClock.StartNew();
            DuckDbEventStore.Execute(duck, $"COPY (SELECT TRY_CAST(event_time AS TIMESTAMPTZ) t, * EXCLUDE (event_time) FROM {csv}) TO '{output}' (FORMAT parquet, COMPRESSION snappy)");
            var write = writing.Seconds;
            Console.WriteLine($"{name,-10} (CPU seconds) {lines:N0} lines, {new FileInfo(file).Length / (double)lines:F0} B/line: scan {scanned:F2} s ({lines / scanned / 1e6:F2} M/s); " +
                              $"DuckDB read as text {text:F2} s ({lines / text / 1e6:F2} M/s); + cast times {cast:F2} s ({lines / cast / 1e6:F2} M/s); read, cast, write Parquet {write:F2} s");
            File.Delete(output);
            // The partitioned write as the store does it (one COPY, PARTITION_BY into the buckets), against the single file above.
            var hashed = $"SELECT TRY_CAST(event_time AS TIMESTAMPTZ) t, * EXCLUDE (event_time), (hash(coalesce(subject_person_id, record_id)) % {DuckDbEventStore.Buckets})::SMALLINT AS sb FROM {csv}";
            var partitioned = Path.Combine(work, $"parts-{name}-partitioned");
            var partitioning = CpuClock.StartNew();
            DuckDbEventStore.Execute(duck, $"COPY ({hashed}) TO '{partitioned}' (FORMAT parquet, PARTITION_BY (sb), COMPRESSION snappy)");
            Console.WriteLine($"{name,-10} read, cast, hash, write into {DuckDbEventStore.Buckets} buckets (PARTITION_BY) {partitioning.Seconds:F2} s");
            Directory.Delete(partitioned, true);
            // The proposed path: parse in C#, append typed columns, DuckDB only writes (TypedLoadProbe).
            var (parse, append, typedWrite, rows) = TypedLoadProbe.Run(file, duck, output, csv);
            Console.WriteLine($"{name,-10} C# split + times {parse:F2} s ({rows / parse / 1e6:F2} M/s); split, times and append to DuckDB {append:F2} s ({rows / append / 1e6:F2} M/s); " +
                              $"write Parquet from the table {typedWrite:F2} s; append + write {append + typedWrite:F2} s against read, cast, write {write:F2} s (same counts, times and field lengths as DuckDB's read)");
            File.Delete(output);
        }
        File.Delete(path);
        File.Delete(ours);
        return 0;
    }

    // ------------------------------------------------------------------ many small batches (issue 12: fixed cost per batch)

    /// <summary>
    /// Systems send small batches every few minutes. Each batch goes through the path POST /api/access-events uses
    /// (<see cref="DuckDbEventStore.IngestBatchAsync"/>, the body as a stream); the time of each is taken, and a straight
    /// line fitted through (events, seconds) over every batch gives the fixed part (intercept) and the part per event.
    /// Then who-accessed and detection over what the batches stored, before and after compaction, with the answers compared.
    /// </summary>
    private static async Task<int> Batches(string work, int count, int[] sizes, long smallMax)
    {
        var ct = CancellationToken.None;
        var root = Path.Combine(work, "batches-store");
        if (Directory.Exists(root)) Directory.Delete(root, true);
        // --small-max 0 sends every batch down the partitioned path, as every batch went before small segments.
        var store = new DuckDbEventStore(new EventStoreOptions(root) { Compaction = CompactionSettings.Default with { SmallSegmentMaxEvents = smallMax, CompactAfterSegments = int.MaxValue, CompactAfterEvents = long.MaxValue } });
        Console.WriteLine($"Batches of up to {smallMax:N0} lines land as small segments; compaction only when asked (after the batches)");
        await store.SummaryAsync(ct); // open before timing
        string? firstBatch = null;
        // Where a batch's time goes: each stage's end since the batch began, per batch size.
        var stages = new Dictionary<(int Size, string Stage), List<double>>();
        var currentSize = 0;
        var previous = TimeSpan.Zero;
        store.StageEnded = (stage, at) =>
        {
            if (stage == "scan") previous = TimeSpan.Zero;
            var key = (currentSize, stage);
            if (!stages.TryGetValue(key, out var list)) stages[key] = list = [];
            list.Add((at - previous).TotalMilliseconds);
            previous = at;
        };
        var needed = sizes.Sum(s => (long)s * count);
        var users = (int)Math.Max(1_000, needed / 250 + 1);
        var simulation = new AccessSimulation(new AccessSimulationOptions(17, FirstDay, 1, users, 300));
        var csv = Path.Combine(work, "batches.csv");
        await using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 20)) simulation.WriteCsv(writer, 0);
        using var lines = new StreamReader(csv);
        var header = await lines.ReadLineAsync() + "\n";
        var points = new List<(int Events, double Seconds)>();
        var subjects = new List<string>();
        var records = new List<string>();
        var failed = false;
        Console.WriteLine($"{"batch",8} {"batches",8} {"median ms",10} {"p90 ms",8} {"events/s (median)",18}");
        foreach (var size in sizes)
        {
            currentSize = size;
            var times = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var body = new System.Text.StringBuilder(header, size * 80);
                var n = 0;
                while (n < size && await lines.ReadLineAsync() is { } line)
                {
                    body.Append(line).Append('\n');
                    if (++n % 997 == 0)
                    {
                        var f = line.Split(',');
                        if (f[6].Length > 0 && subjects.Count < 40) subjects.Add(f[6]);
                        if (f[5].Length > 0 && records.Count < 40) records.Add(f[5]);
                    }
                }
                if (n < size) { Console.WriteLine($"  the simulated day ran out of events at batch {i} of {size:N0}"); failed = true; break; }
                firstBatch ??= body.ToString();
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body.ToString()));
                var clock = Stopwatch.StartNew();
                var result = await store.IngestBatchAsync($"http:bench:{size}-{i}", stream, gzip: false, ct);
                var seconds = clock.Elapsed.TotalSeconds;
                if (result.Events + result.Quarantined != size || result.Duplicate) { Console.WriteLine($"  batch {size}-{i}: {result.Events} events, {result.Quarantined} quarantined, duplicate={result.Duplicate}"); failed = true; }
                times.Add(seconds);
                points.Add((size, seconds));
            }
            times.Sort();
            var median = times[times.Count / 2];
            Console.WriteLine($"{size,8:N0} {times.Count,8} {median * 1000,10:F1} {times[(int)(times.Count * 0.9)] * 1000,8:F1} {size / median,18:N0}");
        }
        File.Delete(csv);
        store.StageEnded = null;
        foreach (var size in sizes)
            Console.WriteLine($"  {size,8:N0}: median ms per stage: " + string.Join(", ", stages.Where(s => s.Key.Size == size).Select(s => $"{s.Key.Stage} {s.Value.Order().ElementAt(s.Value.Count / 2):F1}")));
        var (intercept, slope) = Fit(points);
        Console.WriteLine($"Fitted over {points.Count} batches: fixed part {intercept * 1000:F1} ms per batch, then {slope * 1e6:F2} µs per event ({1 / slope:N0} events/s beyond the fixed part)");
        var summary = await store.SummaryAsync(ct);
        Console.WriteLine($"Store: {summary.Events:N0} events from {summary.Segments:N0} batches, {summary.BytesOnDisk / 1e6:F0} MB, {Directory.EnumerateFiles(Path.Combine(root, "segments"), "*", SearchOption.AllDirectories).Count():N0} files");

        await store.ReplaceReferenceAsync(simulation.Reference, ct);
        var before = await Reads(store, subjects, records, "as ingested");
        var compaction = Stopwatch.StartNew();
        var compacted = await store.CompactAsync(force: true, ct);
        Console.WriteLine($"Compaction: {compacted.Segments:N0} small segments, {compacted.Events:N0} events merged into {compacted.Folders} partitioned segment(s) in {compaction.Elapsed.TotalSeconds:F1} s; " +
                          $"{Directory.EnumerateFiles(Path.Combine(root, "segments"), "*", SearchOption.AllDirectories).Count():N0} files");
        var after = await Reads(store, subjects, records, "compacted");
        if (before.Found != after.Found || before.Alerts != after.Alerts) { Console.WriteLine($"MISMATCH: before {before}, after {after}"); failed = true; }
        else Console.WriteLine($"Same answers before and after compaction: {after.Found:N0} accesses found, {after.Alerts:N0} alerts.");
        // A compacted batch sent again is still recognised by its content.
        var resent = await store.IngestBatchAsync("http:bench:again", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(firstBatch!)), gzip: false, ct);
        if (!resent.Duplicate) { Console.WriteLine("MISMATCH: a compacted batch sent again was not recognised as a duplicate"); failed = true; }
        Directory.Delete(root, true);
        return failed ? 1 : 0;
    }

    private static async Task<(long Found, int Alerts)> Reads(DuckDbEventStore store, List<string> subjects, List<string> records, string label)
    {
        var ct = CancellationToken.None;
        var from = LondonTime.StartOfDay(FirstDay.AddDays(-1));
        var to = LondonTime.StartOfDay(FirstDay.AddDays(2));
        long found = 0;
        foreach (var (kind, queries) in new[] { ("subject", subjects.Select(p => new WhoAccessedQuery(p, null, from, to))), ("record", records.Select(r => new WhoAccessedQuery(null, r, from, to))) })
        {
            var times = new List<double>();
            foreach (var q in queries)
            {
                var clock = Stopwatch.StartNew();
                found += (await store.WhoAccessedAsync(q, ct)).Count;
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  {label}: who-accessed by {kind}, {times.Count} queries: p50 {times[times.Count / 2]:F0} ms, p95 {times[(int)(times.Count * 0.95)]:F0} ms, max {times[^1]:F0} ms");
        }
        var rules = MisuseRuleSet.BuiltIn();
        var detect = Stopwatch.StartNew();
        var output = await store.DetectAsync(new DetectionRequest(FirstDay, FirstDay.AddDays(1), rules), null, ct);
        Console.WriteLine($"  {label}: detection over {output.EventsExamined:N0} events: {detect.Elapsed.TotalSeconds:F1} s, {output.Signals.Count:N0} alerts");
        return (found, output.Signals.Count);
    }

    /// <summary>Least squares: seconds = intercept + slope × events.</summary>
    private static (double Intercept, double Slope) Fit(List<(int Events, double Seconds)> points)
    {
        var mx = points.Average(p => (double)p.Events);
        var my = points.Average(p => p.Seconds);
        var slope = points.Sum(p => (p.Events - mx) * (p.Seconds - my)) / points.Sum(p => (p.Events - mx) * (p.Events - mx));
        return (my - slope * mx, slope);
    }

    // ------------------------------------------------------------------ detection over a day of a large force

    private static async Task<int> Detect(string work, int users, long rate, bool reuse)
    {
        var root = Path.Combine(work, "detect-store");
        if (!reuse && Directory.Exists(root)) Directory.Delete(root, true);
        var store = new DuckDbEventStore(new EventStoreOptions(root));
        var simulation = new AccessSimulation(new AccessSimulationOptions(11, FirstDay, 1, users, rate));
        if ((await store.SummaryAsync(CancellationToken.None)).Events == 0)
        {
            var (events, generate, ingest) = await LoadDay(store, simulation, 0, work);
            Console.WriteLine($"Day of {users:N0} users at {rate:N0} accesses/day: {events:N0} events; generate {generate.TotalSeconds:F0} s, ingest {ingest.TotalSeconds:F0} s ({events / ingest.TotalSeconds:N0}/s)");
        }
        else Console.WriteLine($"Reusing the store in {root}: {(await store.SummaryAsync(CancellationToken.None)).Events:N0} events");
        var clock = Stopwatch.StartNew();
        await store.ReplaceReferenceAsync(simulation.Reference, CancellationToken.None);
        Console.WriteLine($"Reference data ({simulation.Reference.Assignments.Count:N0} assignments, {simulation.Reference.Associations.Count:N0} associations, {simulation.Reference.FlaggedPersons.Count:N0} flagged persons): {clock.Elapsed.TotalSeconds:F1} s");
        var rules = MisuseRuleSet.BuiltIn();
        clock.Restart();
        // The day's night shift ends the next morning: the window is both days, so every event of the stream is examined.
        var output = await store.DetectAsync(new DetectionRequest(FirstDay, FirstDay.AddDays(1), rules), null, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var alerts = output.Signals.Select(s => ExplainAlert.Score(s, rules)).ToList();
        Console.WriteLine($"Detection over {output.EventsExamined:N0} events by {output.UsersActive:N0} users: {elapsed.TotalSeconds:F1} s; {alerts.Count:N0} alerts; " +
                          $"{(double)output.Shares.Sum(s => s.Explained) / output.EventsExamined:P2} explained");
        foreach (var (stage, time) in output.Stages) Console.WriteLine($"  {stage,-18} {time.TotalSeconds,6:F1} s");
        var quality = simulation.Score(alerts.Select(a => (a.Signal.StaffId, a.Signal.Rule, a.Signal.First, a.Signal.Last)), 0, 0);
        Console.WriteLine($"  (first day, no baselines yet) planted {quality.Planted}, found {quality.Found}, false alerts {quality.FalseAlerts} = {quality.FalseAlertsPerThousandUsersPerDay:F2} per 1,000 users");
        return 0;
    }

    // ------------------------------------------------------------------ who-accessed over a billion events

    private static async Task<int> Who(string work, int days, int users, long rate)
    {
        var root = Path.Combine(work, "who-store");
        var store = new DuckDbEventStore(new EventStoreOptions(root));
        var simulation = new AccessSimulation(new AccessSimulationOptions(13, FirstDay, days, users, rate));
        var summary = await store.SummaryAsync(CancellationToken.None);
        for (var day = 0; day < days; day++)
        {
            if (summary.LastEvent is { } last && LondonTime.StartOfDay(FirstDay.AddDays(day + 1)) <= last.AddHours(-12)) continue; // already in the store (re-run)
            var (events, generate, ingest) = await LoadDay(store, simulation, day, work);
            Console.WriteLine($"  day {day + 1}/{days}: {events:N0} events (generate {generate.TotalSeconds:F0} s, ingest {ingest.TotalSeconds:F0} s)");
        }
        summary = await store.SummaryAsync(CancellationToken.None);
        Console.WriteLine($"Store: {summary.Events:N0} events in {summary.Segments:N0} segments, {summary.BytesOnDisk / 1e9:F1} GB ({summary.BytesOnDisk / (double)summary.Events:F1} bytes/event)");

        var from = LondonTime.StartOfDay(FirstDay);
        var to = LondonTime.StartOfDay(FirstDay.AddDays(days + 1));
        var rng = new Random(5);
        var persons = Enumerable.Range(0, 40).Select(_ => AccessSimulation.PersonId(rng.Next(users * 500))).ToList();
        var leaked = simulation.Reference.Leaks.Select(l => l.RecordId!).Take(20).ToList();
        var records = persons.Take(20).Select(p => "CR" + p[1..] + "0").Concat(leaked).ToList();
        foreach (var (label, queries) in new[] { ("subject", persons.Select(p => new WhoAccessedQuery(p, null, from, to))), ("record", records.Select(r => new WhoAccessedQuery(null, r, from, to))) })
        {
            var times = new List<double>();
            var found = 0L;
            foreach (var q in queries)
            {
                var clock = Stopwatch.StartNew();
                found += (await store.WhoAccessedAsync(q, CancellationToken.None)).Count;
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var first = times[0];
            times.Sort();
            Console.WriteLine($"who-accessed by {label} over {summary.Events:N0} events: {times.Count} queries, first {first:F0} ms, p50 {times[times.Count / 2]:F0} ms, p95 {times[(int)(times.Count * 0.95)]:F0} ms, max {times[^1]:F0} ms; {found:N0} accesses found");
        }
        return 0;
    }

    // ------------------------------------------------------------------ detection quality on planted misuse

    private static async Task<int> Quality(string work, int users, int days, int warmUp, long rate)
    {
        var root = Path.Combine(work, "quality-store");
        if (Directory.Exists(root)) Directory.Delete(root, true);
        var store = new DuckDbEventStore(new EventStoreOptions(root));
        var simulation = new AccessSimulation(new AccessSimulationOptions(17, FirstDay, days, users, rate) { WarmUpDays = warmUp, PlantedPerKindPerDay = Math.Max(1, users / 2_000) });
        long total = 0;
        for (var day = 0; day < days; day++) total += (await LoadDay(store, simulation, day, work)).Events;
        await store.ReplaceReferenceAsync(simulation.Reference, CancellationToken.None);
        var rules = MisuseRuleSet.BuiltIn();
        var alerts = new List<ScoredAlert>();
        var detectTime = TimeSpan.Zero;
        long explained = 0, examined = 0;
        for (var day = 0; day < days; day++)
        {
            var clock = Stopwatch.StartNew();
            var output = await store.DetectAsync(new DetectionRequest(FirstDay.AddDays(day), FirstDay.AddDays(day), rules), null, CancellationToken.None);
            detectTime += clock.Elapsed;
            // Scored: after the warm-up, and not the last day (its night shift runs into a day that is not detected).
            if (day < warmUp || day > days - 2) continue;
            alerts.AddRange(ExplainAlert.Queue(output.Signals, rules));
            explained += output.Shares.Sum(s => s.Explained);
            examined += output.EventsExamined;
        }
        // The last day's night shift runs past midnight into a day that is not detected: score the days whose events are all in.
        var quality = simulation.Score(alerts.Select(a => (a.Signal.StaffId, a.Signal.Rule, a.Signal.First, a.Signal.Last)), warmUp, days - 2);
        Console.WriteLine($"{users:N0} users, {days} days ({warmUp} warm-up), {total:N0} events; detection {detectTime.TotalSeconds:F0} s in all; {(double)explained / examined:P2} of accesses explained after warm-up");
        Console.WriteLine($"Planted {quality.Planted}, found {quality.Found}: recall {quality.Recall:P1}; {quality.Alerts:N0} alerts, {quality.FalseAlerts} not matching a plant = {quality.FalseAlertsPerThousandUsersPerDay:F2} false alerts per 1,000 users per day");
        foreach (var (kind, (planted, found)) in quality.PerKind) Console.WriteLine($"  {kind,-24} {found,4}/{planted,-4} {(planted == 0 ? 1 : (double)found / planted),7:P0}");
        Console.WriteLine("  alerts by rule (all / not matching a plant):");
        foreach (var byRule in alerts.GroupBy(a => a.Signal.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"    {byRule.Key,-24} {byRule.Count(),5} / {quality.FalseAlertsByRule.GetValueOrDefault(byRule.Key),4}");
        return 0;
    }

    // ------------------------------------------------------------------ independent worlds: recall at a false-alert budget

    /// <summary>
    /// Worlds that differ in what the detector cannot choose: the role mix, how often each role's routine work meets
    /// flagged people, how many people carry a flag, how often tasked work gives no reason, and how big the batches are.
    /// None has a warm-up: detection starts on the first day with no history. The rules were tuned on "tuning" only.
    /// </summary>
    private static readonly (string Name, string What, Func<AccessSimulationOptions, AccessSimulationOptions> Shape, int BatchUsers)[] WorldsToRun =
    [
        ("tuning", "the simulation as it was (the world the rules were tuned on), no warm-up", o => o, 5_000),
        ("custody-heavy", "a third custody and control room; routine work meets flagged people 8% (custody), 5% (control room), 0.05-1% (others) of the time",
            o => o with { RoleMix = [10, 10, 25, 5, 15, 5, 30], RoutineFlaggedByRole = [0.002, 0.002, 0.08, 0.01, 0.001, 0.0005, 0.05] }, 5_000),
        ("flag-dense", "4% of persons flagged; routine rates differing by an order of magnitude between roles",
            o => o with { FlaggedShare = 0.04, RoutineFlaggedByRole = [0.01, 0.005, 0.05, 0.02, 0.004, 0.002, 0.03] }, 5_000),
        ("blank-reasons", "90% of tasked accesses give no reason",
            o => o with { BlankReasonShare = 0.9 }, 5_000),
        ("small-batches", "batches of 100 users' accesses (a system sending every few minutes), flagged people met in routine work as custody-heavy",
            o => o with { RoutineFlaggedByRole = [0.002, 0.002, 0.08, 0.01, 0.001, 0.0005, 0.05] }, 100),
        // The operational worlds (ADR 0028), written without the detector in view: custody suites with a daily population,
        // incidents, stops, a front counter, units' long operations, and misuse that returns to a person. Tune on one,
        // report on the other; they differ in role mix, rates, flagged share, misuse mix and seed.
        ("operational-a", "custody suites, incidents, stops, front counter; 2% flagged, 6% of detainees nominals; 6 more misuse a day, mostly private interest",
            o => o with
            {
                Seed = 101, RoleMix = [22, 12, 7, 5, 22, 6, 18, 4], FlaggedShare = 0.02, BlankReasonShare = 0.6,
                RoutineFlaggedByRole = [0.002, 0.003, 0.01, 0.02, 0.001, 0.0005, 0.01, 0.01],
                Operational = new OperationalOptions(),
            }, 5_000),
        ("operational-b", "busier custody and intelligence, 4% flagged, 12% of detainees nominals; 8 more misuse a day, more on behalf of criminals, fewer returns",
            o => o with
            {
                Seed = 202, RoleMix = [15, 15, 14, 8, 18, 5, 20, 5], FlaggedShare = 0.04, BlankReasonShare = 0.8,
                RoutineFlaggedByRole = [0.004, 0.005, 0.02, 0.04, 0.002, 0.001, 0.02, 0.03],
                Operational = new OperationalOptions
                {
                    ArrestsPerCustodyStaffPerDay = 0.6, DetaineeNominalShare = 0.12, HighProfileArrestsPerWeek = 5, IncidentsPerControlRoomUserPerDay = 1.8,
                    IncidentSubjectFlaggedShare = 0.06, StopFlaggedShare = 0.08, OperationWorkShare = 0.4, OperationNominals = 20, HandoverPrintsPerShift = 2,
                    FrontCounterBailShare = 0.45, MisusePerDay = 8, MisuseMix = [40, 25, 12, 13, 10], ReturnChance = 0.45,
                },
            }, 500),
    ];

    private static async Task<int> Worlds(string work, int users, int days, long rate, string? only, bool contacts = false, string? dump = null, bool returns = false, bool keep = false, int team = 0, double? maxShift = null)
    {
        Console.WriteLine($"{users:N0} users, {days} days, {rate} accesses a user a day, no warm-up; scored days 1-{days - 1} (the last day's night shift runs past the end)");
        Console.WriteLine($"{"world",-14} {"recall@1/1000",13} {"found",9} {"score reached",13} {"alerts",7} {"false",6} {"false/1000 ud",13} {"detect s",8}");
        var names = only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var world in WorldsToRun.Where(w => names is null || names.Contains(w.Name)))
        {
            var root = Path.Combine(work, "worlds-store");
            if (Directory.Exists(root)) Directory.Delete(root, true);
            var store = new DuckDbEventStore(new EventStoreOptions(root));
            var simulation = new AccessSimulation(world.Shape(new AccessSimulationOptions(23, FirstDay, days, users, rate) { WarmUpDays = 0, PlantedPerKindPerDay = Math.Max(1, users / 2_000) }));
            for (var day = 0; day < days; day++) await LoadDay(store, simulation, day, work, world.BatchUsers);
            await store.ReplaceReferenceAsync(simulation.Reference, CancellationToken.None);
            var rules = MisuseRuleSet.BuiltIn();
            var alerts = new List<ScoredAlert>();
            var signalsByDay = new List<IReadOnlyList<MisuseSignal>>();
            var clock = Stopwatch.StartNew();
            for (var day = 0; day < days; day++)
            {
                var output = await store.DetectAsync(new DetectionRequest(FirstDay.AddDays(day), FirstDay.AddDays(day), rules), null, CancellationToken.None);
                if (day > days - 2) continue;
                signalsByDay.Add(output.Signals);
                alerts.AddRange(ExplainAlert.Queue(output.Signals, rules));
            }
            var detect = clock.Elapsed;
            var scored = alerts.Select(a => (a.Signal.StaffId, a.Signal.Rule, a.Signal.First, a.Signal.Last, a.Score)).ToList();
            var (recall, found, planted, _, reached) = simulation.RecallAt(scored, 0, days - 2, 1.0);
            var all = simulation.Score(scored.Select(a => (a.StaffId, a.Rule, a.First, a.Last)), 0, days - 2);
            Console.WriteLine($"{world.Name,-14} {recall,13:P1} {$"{found}/{planted}",9} {reached,13:F1} {all.Alerts,7:N0} {all.FalseAlerts,6:N0} {all.FalseAlertsPerThousandUsersPerDay,13:F1} {detect.TotalSeconds,8:F0}");
            Console.WriteLine($"  {world.What}");
            if (team > 0) TeamDecisions(simulation, signalsByDay, days, team, rules, maxShift);
            var missed = all.PerKind.Where(k => k.Value.Found < k.Value.Planted).Select(k => $"{k.Key} {k.Value.Found}/{k.Value.Planted}");
            Console.WriteLine($"  found at all (any score): {all.Found}/{all.Planted}{(missed.Any() ? "; missed: " + string.Join(", ", missed) : "")}");
            var falseByRule = string.Join(", ", all.FalseAlertsByRule.Select(r => $"{r.Key} {r.Value}"));
            Console.WriteLine($"  false alerts by rule: {falseByRule}");
            if (contacts) await PersonContacts(store, simulation, alerts, days);
            if (returns) await Returns(store, simulation, users, days);
            if (dump is not null)
            {
                DumpQueue(Path.Combine(dump, world.Name + ".tsv"), simulation, alerts, days);
                DumpPlanted(Path.Combine(dump, world.Name + ".planted.tsv"), simulation, alerts, days);
            }
            if (keep) Console.WriteLine($"  kept the store in {root} (audit-sql --query reads it)");
            else Directory.Delete(root, true);
        }
        return 0;
    }

    /// <summary>
    /// A measurement for the next signal, not a rule (<c>--returns</c>): the undeclared private interest returns to one
    /// person on several days. Every (user, person) pair with no assignment for the person, by how many days the user
    /// touched them and how many other users touched them in the whole window, and whether anyone made or updated a
    /// record about them: how many routine pairs each cut leaves per 1,000 user-days, and how many planted pairs it keeps.
    /// </summary>
    private static async Task Returns(DuckDbEventStore store, AccessSimulation simulation, int users, int days)
    {
        var planted = simulation.Planted.Where(p => p.Detail.Length > 0).Select(p => (p.StaffId, Person: p.Detail)).ToHashSet();
        var privateInterest = simulation.Planted.Where(p => p.Form is not null && p.Kind == MisuseRuleIds.AssociatedPerson).Select(p => (p.StaffId, Person: p.Detail)).ToHashSet();
        using var connection = await store.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH ev AS (SELECT staff_id, subject_person_id AS p, CAST(event_time AS DATE) AS d, action FROM {AllEvents(store.Root)} WHERE subject_person_id IS NOT NULL),
                 visitors AS (SELECT p, count(DISTINCT staff_id) AS v, bool_or(action IN ('create', 'update')) AS worked FROM ev GROUP BY p),
                 pairs AS (SELECT staff_id, p, count(DISTINCT d) AS days FROM ev GROUP BY ALL)
            SELECT x.staff_id, x.p, x.days, v.v - 1, v.worked FROM pairs x JOIN visitors v USING (p)
            WHERE x.days >= 2 AND NOT EXISTS (SELECT 1 FROM ref_assignments a WHERE a.staff_id = x.staff_id AND a.subject_person_id = x.p)
            """;
        var rows = new List<(string Staff, string Person, long Days, long Others, bool Worked)>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), Inv), Convert.ToInt64(reader.GetValue(3), Inv), reader.GetBoolean(4)));
        var userDays = (double)users * days / 1000;
        Console.WriteLine($"  returns to one person with no assignment ({rows.Count:N0} pairs on 2+ days; {privateInterest.Count} planted private-interest pairs, {planted.Count} planted pairs in all):");
        Console.WriteLine($"    {"days >=",7} {"others <=",9} {"nobody's work",13} {"routine /1000 ud",16} {"planted private interest",24} {"planted, any",12}");
        foreach (var minDays in new[] { 2, 3, 4 })
            foreach (var maxOthers in new[] { 0, 1, 3, 10 })
                foreach (var unworked in new[] { false, true })
                {
                    var cut = rows.Where(r => r.Days >= minDays && r.Others <= maxOthers && (!unworked || !r.Worked)).ToList();
                    var routine = cut.Count(r => !planted.Contains((r.Staff, r.Person)));
                    Console.WriteLine($"    {minDays,7} {maxOthers,9} {(unworked ? "yes" : "-"),13} {routine / userDays,16:F1} {cut.Count(r => privateInterest.Contains((r.Staff, r.Person))),24} {cut.Count(r => planted.Contains((r.Staff, r.Person))),12}");
                }
    }

    /// <summary>
    /// A team working the queue (<c>--team C</c>): each day it decides the top C alerts (raised when the alert matches a
    /// plant, dismissed when not), and the next days' alerts are scored as detection scores them with the unit's decisions
    /// so far (<see cref="UnitDecisions"/>, the rules' "learning" settings; <c>--max-shift</c> overrides the cap). Day one
    /// has no decisions to learn from.
    /// </summary>
    private static void TeamDecisions(AccessSimulation simulation, List<IReadOnlyList<MisuseSignal>> signalsByDay, int days, int capacity, MisuseRuleSet rules, double? maxShift)
    {
        var learning = maxShift is { } cap ? rules.Learning with { MaxShift = cap } : rules.Learning;
        var decided = new List<AlertDecision>();
        var rescored = new List<(string StaffId, string Rule, DateTimeOffset First, DateTimeOffset Last, double Score)>();
        foreach (var day in signalsByDay)
        {
            var decisions = new UnitDecisions(decided, learning);
            var scored = ExplainAlert.Queue(day, rules, decisions);
            rescored.AddRange(scored.Select(a => (a.Signal.StaffId, a.Signal.Rule, a.Signal.First, a.Signal.Last, a.Score)));
            foreach (var a in scored.Take(capacity))
                decided.Add(new AlertDecision(a.Signal.Rule, a.Signal.Facts.GetValueOrDefault("role") ?? "", simulation.Matches(a.Signal.StaffId, a.Signal.First, a.Signal.Last, 0, days - 2).Count > 0));
        }
        var (recall, found, planted, _, reached) = simulation.RecallAt(rescored, 0, days - 2, 1.0);
        Console.WriteLine($"  with a team deciding the top {capacity} alerts of each day (learning: prior {learning.PriorDecisions}, at most {learning.MaxShift} powers of ten): recall {recall:P1} ({found}/{planted}), score reached {reached:F1}; decided {decided.Count}, raised {decided.Count(d => d.Raised)}");
    }

    /// <summary>Each planted misuse with the best score of an alert that matches it (empty when none does), to read what was missed.</summary>
    private static void DumpPlanted(string path, AccessSimulation simulation, List<ScoredAlert> alerts, int days)
    {
        var best = new Dictionary<PlantedMisuse, (double Score, string Rule)>();
        foreach (var a in alerts)
            foreach (var p in simulation.Matches(a.Signal.StaffId, a.Signal.First, a.Signal.Last, 0, days - 2))
                if (!best.TryGetValue(p, out var b) || b.Score < a.Score) best[p] = (a.Score, a.Signal.Rule);
        using var w = new StreamWriter(path);
        w.WriteLine("best_score\tbest_rule\tkind\tform\tstaff\tdetail\tcase\tfirst\tlast");
        foreach (var p in simulation.Planted.Where(p => simulation.DayOf(p) <= days - 2).OrderByDescending(p => best.GetValueOrDefault(p).Score))
        {
            var b = best.GetValueOrDefault(p);
            w.WriteLine(string.Join('\t', best.ContainsKey(p) ? b.Score.ToString(Inv) : "", b.Rule ?? "", p.Kind, p.Form ?? "", p.StaffId, p.Detail, p.Case ?? "",
                p.First.ToString("u", Inv), p.Last.ToString("u", Inv)));
        }
    }

    /// <summary>Every event a store holds, as a DuckDB table expression (every segment's Parquet files, small or partitioned).</summary>
    private static string AllEvents(string root) =>
        $"read_parquet('{Path.Combine(root, "segments", "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal)}', union_by_name = true)";

    /// <summary>A query against the store <c>audit-worlds --keep</c> left (analysis, not a measurement): {events} reads its events.</summary>
    private static int Sql(string work, string query)
    {
        var root = Path.Combine(work, "worlds-store");
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(root, "catalog.duckdb")};access_mode=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query.Replace("{events}", AllEvents(root), StringComparison.Ordinal);
        using var reader = command.ExecuteReader();
        Console.WriteLine(string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)));
        while (reader.Read())
            Console.WriteLine(string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), Inv))));
        return 0;
    }

    /// <summary>
    /// The queue as worked (<c>--dump DIR</c>): one line per alert in score order with what scored it and the planted
    /// misuse it matches, if any, for reading why a world's queue is ordered as it is.
    /// </summary>
    private static void DumpQueue(string path, AccessSimulation simulation, List<ScoredAlert> alerts, int days)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var w = new StreamWriter(path);
        w.WriteLine("score\trule\tstaff\trole\tevents\trecords\tsystems\tactions\talone_p\troutine_p\tjoined_by\tflagged_that_day\tplanted\tfirst\tperson\tflags");
        foreach (var a in alerts.OrderByDescending(a => a.Score))
        {
            var s = a.Signal;
            var planted = simulation.Matches(s.StaffId, s.First, s.Last, 0, days - 2);
            var m = s.Measures;
            w.WriteLine(string.Join('\t', a.Score.ToString(Inv), s.Rule, s.StaffId, s.Facts.GetValueOrDefault("role") ?? "", s.EventCount.ToString(Inv),
                s.Evidence.Select(e => e.RecordType).Distinct().Count().ToString(Inv),
                string.Join(';', s.Evidence.Select(e => $"{e.System}/{e.RecordType}").Distinct()), string.Join(';', s.Evidence.Select(e => e.Action).Distinct()),
                m.GetValueOrDefault("alone_p", m.GetValueOrDefault("routine_p")).ToString("G3", Inv), m.GetValueOrDefault("routine_p").ToString("G3", Inv),
                s.Facts.GetValueOrDefault("joined_by") ?? "", m.GetValueOrDefault("flagged_that_day").ToString(Inv),
                planted.Count == 0 ? "" : string.Join(';', planted.Select(p => p.Kind)), LondonTime.ToLocal(s.First).ToString("yyyy-MM-dd HH:mm", Inv),
                s.Facts.GetValueOrDefault("person") ?? "", s.Facts.GetValueOrDefault("flags") ?? ""));
        }
    }

    /// <summary>
    /// A measurement, not a rule (<c>--contacts</c>): for the person-level alerts at the top of the queue that match no
    /// plant, and for those that match one, who else in the force touched the same person that day and in the whole
    /// window (from the stored events, every access, tasked or not), and on how many days the alert's user touched them.
    /// It asks whether "the flagged person's own contacts" and "per-person history" separate routine from misuse in a world.
    /// </summary>
    private static async Task PersonContacts(DuckDbEventStore store, AccessSimulation simulation, List<ScoredAlert> alerts, int days)
    {
        var from = LondonTime.StartOfDay(FirstDay);
        var to = LondonTime.StartOfDay(FirstDay.AddDays(days));
        var personal = alerts.Where(a => a.Signal.Facts.ContainsKey("person")).OrderByDescending(a => a.Score).ToList();
        var planted = personal.Where(a => simulation.Matches(a.Signal.StaffId, a.Signal.First, a.Signal.Last, 0, days - 2).Count > 0).ToList();
        var falseTop = personal.Where(a => simulation.Matches(a.Signal.StaffId, a.Signal.First, a.Signal.Last, 0, days - 2).Count == 0).Take(60).ToList();
        // The same for the flagged-person rule alone, so a difference between the rules' mixes cannot pass for one between the groups.
        var subject = personal.Where(a => a.Signal.Rule == MisuseRuleIds.SensitiveSubject).ToList();
        var falseSubject = subject.Where(a => simulation.Matches(a.Signal.StaffId, a.Signal.First, a.Signal.Last, 0, days - 2).Count == 0).Take(60).ToList();
        var plantedSubject = planted.Where(a => a.Signal.Rule == MisuseRuleIds.SensitiveSubject).ToList();
        foreach (var (label, group) in new[] { ("false, top of queue", falseTop), ("planted", planted), ("sensitive_subject only, false, top", falseSubject), ("sensitive_subject only, planted", plantedSubject) })
        {
            var rows = new List<(string Rule, double Score, int OthersDay, int OthersWindow, int OwnDays)>();
            foreach (var a in group)
            {
                var person = a.Signal.Facts["person"];
                var local = LondonTime.ToLocal(a.Signal.First);
                var dayStart = LondonTime.StartOfDay(DateOnly.FromDateTime(local.DateTime));
                var window = await store.WhoAccessedAsync(new WhoAccessedQuery(person, null, from, to, 1_000_000), CancellationToken.None);
                var onDay = window.Where(e => e.Time >= dayStart && e.Time < dayStart.AddDays(1)).ToList();
                var othersDay = onDay.Select(e => e.StaffId).Where(s => s != a.Signal.StaffId).Distinct(StringComparer.Ordinal).Count();
                var othersWindow = window.Select(e => e.StaffId).Where(s => s != a.Signal.StaffId).Distinct(StringComparer.Ordinal).Count();
                var ownDays = window.Where(e => e.StaffId == a.Signal.StaffId).Select(e => LondonTime.ToLocal(e.Time).Date).Distinct().Count();
                rows.Add((a.Signal.Rule, a.Score, othersDay, othersWindow, ownDays));
            }
            if (rows.Count == 0) continue;
            static string Dist(IEnumerable<int> values)
            {
                var v = values.OrderBy(x => x).ToList();
                return $"0: {v.Count(x => x == 0)}, 1: {v.Count(x => x == 1)}, 2-4: {v.Count(x => x is >= 2 and <= 4)}, 5+: {v.Count(x => x >= 5)}; median {v[v.Count / 2]}, mean {v.Average():F2}";
            }
            Console.WriteLine($"  person contacts, {label} ({rows.Count}; rules {string.Join(", ", rows.GroupBy(r => r.Rule).Select(g => $"{g.Key} {g.Count()}"))}; scores {rows.Min(r => r.Score):F1}-{rows.Max(r => r.Score):F1}):");
            Console.WriteLine($"    other users touching the person that day:   {Dist(rows.Select(r => r.OthersDay))}");
            Console.WriteLine($"    other users touching the person in {days} days: {Dist(rows.Select(r => r.OthersWindow))}");
            Console.WriteLine($"    days the alert's user touched the person:   {Dist(rows.Select(r => r.OwnDays))}");
        }
    }

    // ------------------------------------------------------------------

    /// <summary>One simulated day through the real ingest path, in chunks of users so the CSV never gets huge.</summary>
    private static async Task<(long Events, TimeSpan Generate, TimeSpan Ingest)> LoadDay(DuckDbEventStore store, AccessSimulation simulation, int day, string work, int chunkUsers = 5_000)
    {
        long events = 0;
        var generate = TimeSpan.Zero;
        var ingest = TimeSpan.Zero;
        for (var from = 0; from < simulation.UserCount; from += chunkUsers)
        {
            var csv = Path.Combine(work, $"access_events-{FirstDay.AddDays(day):yyyy-MM-dd}-{from:D6}.csv");
            var clock = Stopwatch.StartNew();
            await using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 20)) simulation.WriteCsv(writer, day, from, from + chunkUsers);
            generate += clock.Elapsed;
            var result = await store.IngestFileAsync(csv, null, CancellationToken.None);
            ingest += result.Elapsed;
            events += result.Events;
            File.Delete(csv);
        }
        return (events, generate, ingest);
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static long DirSize(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}

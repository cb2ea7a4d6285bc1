using System.Diagnostics;

namespace Probity.AccessMonitoring.EventStore;

/// <summary>
/// When a batch is small enough to land as one small file, and when the small files are merged into a partitioned
/// segment. Settings under Probity:AccessMonitoring (ADR 0008 addendum).
/// </summary>
internal sealed record CompactionSettings(long SmallSegmentMaxEvents, int CompactAfterSegments, long CompactAfterEvents)
{
    public const string SmallSegmentMaxEventsSetting = "Probity:AccessMonitoring:SmallSegmentMaxEvents";
    public const string CompactAfterSegmentsSetting = "Probity:AccessMonitoring:CompactAfterSegments";
    public const string CompactAfterEventsSetting = "Probity:AccessMonitoring:CompactAfterEvents";

    /// <summary>
    /// A batch of up to 250,000 lines (several minutes of a large force's busiest system) is small; a larger one is
    /// partitioned as it loads, its fixed cost being small beside its size.
    /// </summary>
    public static readonly CompactionSettings Default = new(250_000, 64, 2_000_000);

    public static CompactionSettings From(IConfiguration configuration)
    {
        long Read(string key, long fallback, long min)
        {
            var value = configuration.GetValue<long?>(key) ?? fallback;
            return value >= min ? value : throw new InvalidOperationException($"{key} must be at least {min} (it is {value}).");
        }
        return new CompactionSettings(
            Read(SmallSegmentMaxEventsSetting, Default.SmallSegmentMaxEvents, 0),
            (int)Math.Min(int.MaxValue, Read(CompactAfterSegmentsSetting, Default.CompactAfterSegments, 2)),
            Read(CompactAfterEventsSetting, Default.CompactAfterEvents, 1));
    }
}

/// <summary>What a compaction did: how many small segments (ingests) and events it merged into how many partitioned folders.</summary>
internal sealed record CompactionResult(int Segments, long Events, int Folders, long? Folder, TimeSpan Elapsed)
{
    public static readonly CompactionResult Nothing = new(0, 0, 0, null, TimeSpan.Zero);
}

internal sealed partial class DuckDbEventStore
{
    /// <summary>The one Parquet file of a small segment.</summary>
    internal const string SmallFileName = "events.parquet";

    /// <summary>
    /// Merges the small segments into one partitioned segment (64 subject buckets and a record index), when they have
    /// passed <see cref="CompactionSettings.CompactAfterSegments"/> or <see cref="CompactionSettings.CompactAfterEvents"/>,
    /// or whenever there are any if <paramref name="force"/>. Every ingest keeps its catalog row (its content
    /// hash, counts, time range and quarantine), which from then on names the merged folder; readers see either the
    /// small files or the merged folder, never both and never half of one. One compaction at a time.
    /// </summary>
    public async Task<CompactionResult> CompactAsync(bool force, CancellationToken ct)
    {
        await Ready().WaitAsync(ct);
        await _compactor.WaitAsync(ct);
        try
        {
            var clock = Stopwatch.StartNew();
            var small = new List<(long Id, long Events)>();
            using (var connection = await OpenAsync(ct))
            using (var command = Command(connection, "SELECT id, events FROM segments WHERE NOT record_indexed AND folder IS NULL ORDER BY id"))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) small.Add((reader.GetInt64(0), reader.GetInt64(1)));
            var events = small.Sum(s => s.Events);
            var due = small.Count >= _options.Compaction.CompactAfterSegments || events >= _options.Compaction.CompactAfterEvents;
            if (small.Count == 0 || !(due || force)) return CompactionResult.Nothing;

            // The heavy part, in a private DuckDB and outside the writer: small segments are immutable and only a
            // compaction (this one; one at a time) retires them, so batches keep landing meanwhile.
            var stage = Path.Combine(StagingRoot, $"compact-{Guid.NewGuid():N}");
            try
            {
                var files = small.Where(s => s.Events > 0).Select(s => SmallFile(s.Id)).ToList();
                if (files.Count > 0)
                    using (var work = OpenWork(_options.Threads))
                    {
                        await RunWithProgressAsync(work, $"""
                            COPY (SELECT {EventColumns}, hash(coalesce(subject_person_id, record_id)) % {Buckets} AS sb FROM {ReadParquet(files)})
                            TO {Literal(stage)} (FORMAT parquet, PARTITION_BY (sb), COMPRESSION snappy)
                            """, _ => { }, ct);
                        var merged = RowCount(work, Path.Combine(stage, "sb=*", "*.parquet"));
                        if (merged != events)
                            throw new InvalidOperationException($"Compaction read {merged:N0} events from {small.Count:N0} small segments whose catalog rows count {events:N0}; nothing was changed.");
                        BuildRecordIndex(work, stage);
                    }
                else Directory.CreateDirectory(stage);

                await _writer.WaitAsync(ct);
                try
                {
                    using var connection = await OpenCatalogAsync(ct);
                    var folder = NextFolder(connection);
                    var target = SegmentPath(folder);
                    Directory.Move(stage, target);
                    try
                    {
                        var bytes = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                        var ids = string.Join(", ", small.Select(s => s.Id));
                        using var tx = connection.BeginTransaction();
                        // The merged folder's size is carried by its first ingest, so the store's total stays true.
                        Execute(connection, $"UPDATE segments SET folder = {folder}, record_indexed = true, bytes = CASE WHEN id = {small[0].Id} THEN {bytes} ELSE 0 END WHERE id IN ({ids}) AND folder IS NULL AND NOT record_indexed");
                        var moved = Scalar<long>(connection, $"SELECT count(*) FROM segments WHERE folder = {folder}");
                        if (moved != small.Count)
                            throw new InvalidOperationException($"Compaction expected to merge {small.Count:N0} small segments but the catalog had {moved:N0} of them; nothing was changed.");
                        tx.Commit();
                    }
                    catch
                    {
                        Directory.Delete(target, recursive: true);
                        throw;
                    }
                    // The small folders are unlisted from here on. A lookup that listed them just before the commit may
                    // still be reading them: then they stay until the next compaction or start sweeps them.
                    if (Volatile.Read(ref _readers) == 0) SweepUnlisted(connection);
                    return new CompactionResult(small.Count, events, 1, folder, clock.Elapsed);
                }
                finally
                {
                    _writer.Release();
                }
            }
            finally
            {
                if (Directory.Exists(stage)) Directory.Delete(stage, recursive: true);
            }
        }
        finally
        {
            _compactor.Release();
        }
    }
}

using Probity.AccessMonitoring.Detection;

namespace Probity.AccessMonitoring.EventStore;

/// <summary>
/// The information-misuse event store: billions of audit-log entries from policing systems, kept apart from the
/// relational store. DuckDB over partitioned Parquet is the embedded default (<see cref="DuckDbEventStore"/>);
/// a server or distributed engine implements the same operations (docs/adr/0008-access-event-store.md), and answers
/// detection's queries (<see cref="IDetectionQueries"/>); what detection computes is decided in Detection/.
/// </summary>
internal interface IAccessEventStore : IDetectionQueries
{
    /// <summary>
    /// Ingests one access_events.csv (or .csv.gz). Idempotent per file content; bad lines are quarantined with reasons.
    /// More bad lines than <see cref="IngestLimits.MaxQuarantined"/> refuse the file whole (<see cref="IngestRefusedException"/>).
    /// </summary>
    Task<IngestResult> IngestFileAsync(string path, IProgress<IngestProgress>? progress, CancellationToken ct);

    /// <summary>Ingests several files, side by side where there are cores to spare; one result per file, in order (a file over a limit: <see cref="IngestResult.Refused"/>).</summary>
    Task<IReadOnlyList<IngestResult>> IngestFilesAsync(IReadOnlyList<string> paths, IProgress<IngestProgress>? progress, CancellationToken ct);

    /// <summary>
    /// Ingests one streamed batch in the same format (the HTTP endpoint). Idempotent per batch content. A batch past any
    /// of its <see cref="IngestLimits"/> (decompressed bytes, lines, quarantined lines) is refused whole while it is read,
    /// in fixed memory (<see cref="IngestRefusedException"/>); nothing of it is stored.
    /// </summary>
    Task<IngestResult> IngestBatchAsync(string source, Stream csv, bool gzip, CancellationToken ct);

    /// <summary>
    /// Merges the small segments that batches landed as into one partitioned segment, when they have passed the
    /// thresholds (<see cref="CompactionSettings"/>) or, with <paramref name="force"/>, whenever there are any.
    /// Crash-consistent and idempotent: readers see the small segments or the merged one, and every ingest stays
    /// recognised by its content hash.
    /// </summary>
    Task<CompactionResult> CompactAsync(bool force, CancellationToken ct);

    Task<IReadOnlyList<AccessEvent>> WhoAccessedAsync(WhoAccessedQuery query, CancellationToken ct);

    /// <summary>A member of staff's own accesses in a window, newest first (evidence, sampling).</summary>
    Task<IReadOnlyList<AccessEvent>> AccessesByAsync(string staffId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct);

    /// <summary>A reproducible random sample of each named user's accesses: the same seed draws the same events.</summary>
    Task<IReadOnlyList<AccessEvent>> SampleAsync(IReadOnlyCollection<string> staffIds, DateTimeOffset from, DateTimeOffset to, int perUser, int seed, CancellationToken ct);

    /// <summary>Replaces the reference data detection explains against (staff, persons, associations, assignments, leaks).</summary>
    Task ReplaceReferenceAsync(ReferenceData reference, CancellationToken ct);

    /// <summary>
    /// Holds this store's detection lock until disposed: one detection run at a time over the store, in this process or
    /// another (the web host's daily run and the CLI's), since a run files and closes alerts from what it read (ADR 0036).
    /// Waits while another run holds it, saying so once through <paramref name="progress"/>.
    /// </summary>
    Task<IDisposable> HoldDetectionAsync(IProgress<string>? progress, CancellationToken ct);

    /// <summary>How accesses were explained (by assignment, by reason, by the unit's normal work), per system and unit, over detected days.</summary>
    Task<IReadOnlyList<ExplanationShare>> ExplanationSharesAsync(DateOnly from, DateOnly to, CancellationToken ct);

    Task<StoreSummary> SummaryAsync(CancellationToken ct);

    Task<IReadOnlyList<SegmentInfo>> SegmentsAsync(int limit, CancellationToken ct);

    Task<IReadOnlyList<QuarantinedLine>> QuarantineAsync(int limit, CancellationToken ct);
}

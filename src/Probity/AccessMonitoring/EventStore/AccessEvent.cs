namespace Probity.AccessMonitoring.EventStore;

/// <summary>One entry from a policing system's audit log (PIF-1 access_events.csv).</summary>
internal sealed record AccessEvent(
    DateTimeOffset Time,
    string StaffId,
    string System,
    string Action,
    string? RecordType,
    string? RecordId,
    string? SubjectPersonId,
    string? WorkstationId,
    string? ReasonRef);

/// <summary>What an ingest did: a new segment, nothing because the same content was ingested before, or nothing because it passed a limit (<see cref="Refused"/>).</summary>
internal sealed record IngestResult(
    string Source,
    long SegmentId,
    long Events,
    long Quarantined,
    bool Duplicate,
    DateTimeOffset? FirstEvent,
    DateTimeOffset? LastEvent,
    TimeSpan Elapsed,
    TimeSpan IndexElapsed,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Why the whole file was refused (an <see cref="IngestLimits"/> cap); null when it was ingested or was a duplicate.</summary>
    public string? Refused { get; init; }
}

internal sealed record IngestProgress(string Source, string Stage, double Fraction);

/// <summary>A line that could not be stored, kept with the reason so nothing is silently dropped.</summary>
internal sealed record QuarantinedLine(long SegmentId, string Source, long? Line, string Reason, string? Raw);

internal sealed record SegmentInfo(long Id, string Source, long Events, long Quarantined, DateTimeOffset? FirstEvent, DateTimeOffset? LastEvent, DateTimeOffset IngestedAt, bool RecordIndexed);

internal sealed record StoreSummary(long Segments, long Events, long Quarantined, DateTimeOffset? FirstEvent, DateTimeOffset? LastEvent, long BytesOnDisk);

/// <summary>"Everyone who touched record X or subject Y in a window."</summary>
internal sealed record WhoAccessedQuery(string? SubjectPersonId, string? RecordId, DateTimeOffset From, DateTimeOffset To, int Limit = 10_000)
{
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SubjectPersonId) == string.IsNullOrWhiteSpace(RecordId))
            throw new ArgumentException("Give exactly one of a subject (person id) or a record id.");
        if (To <= From) throw new ArgumentException($"The window is empty: 'to' ({To:u}) must be after 'from' ({From:u}).");
    }
}

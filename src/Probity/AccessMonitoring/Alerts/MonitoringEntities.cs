namespace Probity.AccessMonitoring.Alerts;

/// <summary>An information-misuse alert and where it is in the unit's work: open, assigned, dismissed (with a reason) or raised.</summary>
internal sealed class MisuseAlert
{
    public required string Id { get; set; }
    public required string StaffId { get; set; }
    public required string Rule { get; set; }
    /// <summary>The person, record, day, system or leak the alert is about (with the rule and staff id, its identity).</summary>
    public required string Key { get; set; }
    public double Score { get; set; }
    public DateTimeOffset FirstEventTime { get; set; }
    public DateTimeOffset LastEventTime { get; set; }
    public long EventCount { get; set; }
    public required string Explanation { get; set; }
    /// <summary>The events behind the alert (up to the evidence limit), as JSON: the alert stays readable if the event store is rebuilt.</summary>
    public required string EvidenceJson { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public string Status { get; set; } = AlertStatus.Open;
    public string? AssignedTo { get; set; }
    public string? DismissReason { get; set; }
    public string? Note { get; set; }
    public string? CaseId { get; set; }
    public string? ConcernId { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal static class AlertStatus
{
    public const string Open = "open";
    public const string Assigned = "assigned";
    public const string Dismissed = "dismissed";
    public const string Raised = "raised";
    public static readonly IReadOnlyList<string> All = [Open, Assigned, Dismissed, Raised];

    /// <summary>The dismissal that says nothing about the finding: the same thing is reviewed under another alert.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Why an alert was dismissed; every reason but "duplicate" counts as a false positive of its rule.</summary>
    public static readonly IReadOnlyList<string> DismissReasons = ["legitimate_business", "assignment_missing_from_data", Duplicate, "data_error", "other"];
}

/// <summary>
/// The monitoring unit's own settings for its alert queue (one row): how many alerts it can review a day. The queue
/// shows each London day's highest-scoring alerts up to that number; the rest of the day's alerts are one click away.
/// </summary>
internal sealed class MonitoringSettings
{
    public const int TheRow = 1;
    public const int DefaultReviewCapacity = 10;
    public const int MaxReviewCapacity = 1_000;

    public int Id { get; set; } = TheRow;
    public int ReviewCapacityPerDay { get; set; } = DefaultReviewCapacity;
    public string? ChangedBy { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A known leak of a record or about a person: detection looks at everyone who touched it in the days before.</summary>
internal sealed class LeakReport
{
    public required string Id { get; set; }
    public string? RecordId { get; set; }
    public string? SubjectPersonId { get; set; }
    public DateTimeOffset LeakedAt { get; set; }
    public int WindowDays { get; set; } = 14;
    public required string Description { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A proactive probity sample: drawn at random, reproducibly (the seed is kept), for supervisors to confirm.</summary>
internal sealed class ProbitySample
{
    public required string Id { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public int PerUser { get; set; }
    public int Seed { get; set; }
    public required string Scope { get; set; }
    public required string DrawnBy { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public List<ProbitySampleItem> Items { get; set; } = [];
}

internal sealed class ProbitySampleItem
{
    public long Id { get; set; }
    public required string SampleId { get; set; }
    public required string StaffId { get; set; }
    public DateTimeOffset EventTime { get; set; }
    public required string System { get; set; }
    public required string Action { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public string? SubjectPersonId { get; set; }
    public string? ReasonRef { get; set; }
    /// <summary>business_reason_confirmed | no_business_reason | cannot_say; empty until answered.</summary>
    public string? Answer { get; set; }
    public string? Supervisor { get; set; }
    public string? Note { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public static readonly IReadOnlyList<string> Answers = ["business_reason_confirmed", "no_business_reason", "cannot_say"];
}

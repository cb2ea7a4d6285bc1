namespace Probity.Intelligence.Contracts;

/// <summary>
/// One activity of the control strategy (issue 15 item 5, ADR control-strategy) under one of its priorities: intelligence
/// (finding out more), prevention (stopping it happening) or enforcement (acting on it), with its owner, due date, state and
/// progress. The priorities themselves are data (Intelligence/Data/control-strategy.json), set by the Strategic Intelligence Assessment.
/// </summary>
internal sealed class ControlActivity
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The priority's code from control-strategy.json.</summary>
    public required string Priority { get; set; }
    /// <summary>One of <see cref="ControlActivityKinds.All"/>.</summary>
    public required string Kind { get; set; }
    public required string Description { get; set; }
    /// <summary>The owner's staff id, chosen by name (StaffChoice).</summary>
    public required string OwnerStaffId { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>One of <see cref="ControlActivityStates.All"/>.</summary>
    public required string State { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<ControlProgressNote> Progress { get; set; } = [];
}

internal static class ControlActivityKinds
{
    public const string Intelligence = "intelligence";
    public const string Prevention = "prevention";
    public const string Enforcement = "enforcement";
    public static readonly IReadOnlyList<string> All = [Intelligence, Prevention, Enforcement];
}

internal static class ControlActivityStates
{
    public const string Planned = "planned";
    public const string InProgress = "in_progress";
    public const string Done = "done";
    public const string Stopped = "stopped";
    public static readonly IReadOnlyList<string> All = [Planned, InProgress, Done, Stopped];
}

/// <summary>A dated note of progress on an activity, by whom.</summary>
internal sealed class ControlProgressNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ActivityId { get; set; }
    public required string Text { get; set; }
    public required string WrittenBy { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>
/// One Strategic Intelligence Assessment: a full one every three years, interim updates between. Each records when it was
/// made and when the next is due, so an overdue review shows.
/// </summary>
internal sealed class StrategicAssessment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary><see cref="StrategicAssessmentKinds.Full"/> or <see cref="StrategicAssessmentKinds.Interim"/>.</summary>
    public required string Kind { get; set; }
    public DateOnly AssessedOn { get; set; }
    public DateOnly NextDueOn { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal static class StrategicAssessmentKinds
{
    public const string Full = "full";
    public const string Interim = "interim";
    /// <summary>A full assessment is due three years after the last; an interim update a year after the last assessment of either kind.</summary>
    public const int FullEveryYears = 3;
    public const int InterimEveryYears = 1;
}

namespace Probity.Intelligence.Contracts;

/// <summary>
/// An operation of the Directorate's tasking and co-ordinating group (issue 15 item 4, ADR 0020): what it is about, the
/// tactical options chosen for it (each authorised by someone other than its requester), its progress, its integrity
/// tests and its result. Need-to-know: an operation about the reader (<see cref="SubjectStaffId"/>) never exists for them
/// (ProbityDb's query filter), and its children follow it.
/// </summary>
internal sealed class TaskingOperation
{
    /// <summary>"OP-" and 10 random characters: a reference reveals neither how many operations exist nor their order.</summary>
    public required string Id { get; set; }
    /// <summary>The operation's name (its codename).</summary>
    public required string Name { get; set; }
    public required string Objective { get; set; }
    /// <summary>The member of staff it is about, chosen by name (StaffChoice), if any.</summary>
    public string? SubjectStaffId { get; set; }
    /// <summary>A control-strategy priority's code (control-strategy.json), read only here.</summary>
    public string? Priority { get; set; }
    public required string OpenedBy { get; set; }
    public DateOnly OpenedOn { get; set; }
    /// <summary>The next action agreed at the tasking meeting, and when it is due: overdue ones lead the meeting's list.</summary>
    public string? NextAction { get; set; }
    public DateOnly? NextActionDueOn { get; set; }
    /// <summary>Set when the operation is closed, with its result.</summary>
    public DateOnly? ClosedOn { get; set; }
    public string? ClosedBy { get; set; }
    public string? Result { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<TaskingLink> Links { get; set; } = [];
    public List<OperationTactic> Tactics { get; set; } = [];
    public List<OperationProgress> Progress { get; set; } = [];
    public List<IntegrityTest> Tests { get; set; } = [];
}

/// <summary>An intelligence item or a case an operation is linked to (by reference); shown only while the reader may see it.</summary>
internal sealed class TaskingLink
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string OperationId { get; set; }
    /// <summary><see cref="IntelligenceLinkKinds.Case"/> or "item".</summary>
    public required string Kind { get; set; }
    public required string Value { get; set; }
}

internal static class TaskingLinkKinds
{
    public const string Case = IntelligenceLinkKinds.Case;
    public const string Item = "item";
}

/// <summary>A tactical option (Intelligence/Data/tactical-options.json) requested for an operation, and its authorisation.</summary>
internal sealed class OperationTactic
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string OperationId { get; set; }
    public required string Option { get; set; }
    public required string Reason { get; set; }
    public required string RequestedBy { get; set; }
    public DateOnly RequestedOn { get; set; }
    public string? AuthorisedBy { get; set; }
    public DateTimeOffset? AuthorisedAt { get; set; }
}

/// <summary>A dated note of an operation's progress, by whom.</summary>
internal sealed class OperationProgress
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string OperationId { get; set; }
    public required string Text { get; set; }
    public required string WrittenBy { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>
/// An integrity test within an operation: planned (scenario and day), authorised by someone other than its planner,
/// conducted (day and by whom), its result and what followed.
/// </summary>
internal sealed class IntegrityTest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string OperationId { get; set; }
    public required string Scenario { get; set; }
    public DateOnly PlannedFor { get; set; }
    public required string PlannedBy { get; set; }
    public string? AuthorisedBy { get; set; }
    public DateTimeOffset? AuthorisedAt { get; set; }
    public DateOnly? ConductedOn { get; set; }
    public string? ConductedBy { get; set; }
    /// <summary>One of <see cref="IntegrityTestResults.All"/> once conducted.</summary>
    public string? Result { get; set; }
    /// <summary>One of <see cref="IntegrityTestFollowUps.All"/> once conducted.</summary>
    public string? FollowUp { get; set; }
    /// <summary>The case the test led to, when its follow-up is a case (shown only while the reader may see that case).</summary>
    public string? FollowUpCaseId { get; set; }
    public string? FollowUpNote { get; set; }
}

internal static class IntegrityTestResults
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Inconclusive = "inconclusive";
    public static readonly IReadOnlyList<string> All = [Passed, Failed, Inconclusive];
}

internal static class IntegrityTestFollowUps
{
    public const string CaseOpened = "case_opened";
    public const string NoFurtherAction = "no_further_action";
    public const string Development = "development";
    public const string RetestPlanned = "retest_planned";
    public static readonly IReadOnlyList<string> All = [CaseOpened, NoFurtherAction, Development, RetestPlanned];

    public static string Words(string code) => code switch
    {
        CaseOpened => "case opened",
        NoFurtherAction => "no further action",
        Development => "further intelligence development",
        RetestPlanned => "retest planned",
        _ => code,
    };
}

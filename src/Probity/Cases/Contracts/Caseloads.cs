namespace Probity.Cases.Contracts;

/// <summary>
/// What a person has to do on the cases they are named on (ADR "Caseloads"): as investigating officer, and as supervisor.
/// Always as the reader may see them: a case restricted away from them, or about them, is not in it.
/// </summary>
internal interface ICaseloads
{
    /// <summary>The reader's caseload, recorded on the trail as <paramref name="action"/> ("view" on the home page, "digest" for the email).</summary>
    Task<Caseload> ForReaderAsync(string action, CancellationToken ct);
}

/// <summary>One live case in a caseload: its reference, state and due date (null when its dates cannot be counted).</summary>
internal sealed record CaseloadEntry(string CaseId, string Status, DateOnly? DueOn, int? WorkingDaysLeft, bool Overdue, string? InvestigatingOfficer);

/// <summary>A meeting or hearing in a caseload: its case, kind, date and the officer heard (by name); <paramref name="OutcomeAwaited"/> when it has been held and its outcome is not yet recorded.</summary>
internal sealed record CaseloadHearing(string CaseId, string Kind, DateOnly HeldOn, string Officer, bool OutcomeAwaited);

/// <summary>One investigating officer's share of a supervisor's team caseload.</summary>
internal sealed record TeamMemberLoad(string? UserName, string Name, IReadOnlyList<CaseloadEntry> Cases)
{
    public int Overdue => Cases.Count(c => c.Overdue);
}

/// <param name="DueSoonWorkingDays">How near its due date a case must be to be "due soon" (Probity:Caseloads:DueSoonWorkingDays).</param>
/// <param name="Investigating">Every live case the reader investigates, due first.</param>
/// <param name="DueSoon">Of those, due within <paramref name="DueSoonWorkingDays"/> working days and not yet overdue, soonest first.</param>
/// <param name="Overdue">Of those, past their due date, most overdue first.</param>
/// <param name="AwaitingDecision">Of those, with no handling decision yet (not recorded, or no route), or whose investigation report was returned with comments.</param>
/// <param name="AwaitingSignOff">Cases the reader supervises whose investigation report has been submitted and waits for their sign-off (ADR 0022).</param>
/// <param name="Team">The cases the reader supervises, by investigating officer (by name; those with none named last).</param>
internal sealed record Caseload(int DueSoonWorkingDays, IReadOnlyList<CaseloadEntry> Investigating, IReadOnlyList<CaseloadEntry> DueSoon,
    IReadOnlyList<CaseloadEntry> Overdue, IReadOnlyList<CaseloadEntry> AwaitingDecision, IReadOnlyList<CaseloadEntry> AwaitingSignOff,
    IReadOnlyList<TeamMemberLoad> Team)
{
    public int Supervising => Team.Sum(t => t.Cases.Count);

    /// <summary>The overdue cases the reader supervises, most overdue first: a supervisor is reminded of them too.</summary>
    public IReadOnlyList<CaseloadEntry> TeamOverdue =>
        Team.SelectMany(t => t.Cases).Where(c => c.Overdue).OrderBy(c => c.DueOn ?? DateOnly.MinValue).ThenBy(c => c.CaseId, StringComparer.Ordinal).ToList();

    /// <summary>Nothing to remind the reader of.</summary>
    public bool Quiet => DueSoon.Count == 0 && Overdue.Count == 0 && AwaitingDecision.Count == 0 && AwaitingSignOff.Count == 0 && !Team.Any(t => t.Overdue > 0)
        && UpdatesDue.Count == 0 && Hearings.Count == 0;

    /// <summary>
    /// The reader's live complaints whose complainant is due an update within a week, or whose update fell due within
    /// the last 90 days (every 28 days: Cases.ContactLog), soonest first; <see cref="CaseloadEntry.DueOn"/> is when the update is due.
    /// </summary>
    public IReadOnlyList<CaseloadEntry> UpdatesDue { get; init; } = [];

    /// <summary>
    /// The reader's live complaints whose complainant's update fell due longer ago than that (years, for cases migrated
    /// from an old system), most recently due first: counted beside <see cref="UpdatesDue"/> so they neither crowd out
    /// the updates that can still be made on time nor vanish (ADR 0015 addendum).
    /// </summary>
    public IReadOnlyList<CaseloadEntry> UpdatesLongOverdue { get; init; } = [];

    /// <summary>
    /// Misconduct meetings and hearings on the cases the reader investigates or supervises (ADR 0023) that are held within
    /// the next <see cref="HearingWindowDays"/> days, or were held and still wait for their outcome, earliest first.
    /// </summary>
    public IReadOnlyList<CaseloadHearing> Hearings { get; init; } = [];

    public const int HearingWindowDays = 28;
}

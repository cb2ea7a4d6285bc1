namespace Probity.Cases.Contracts;

/// <summary>
/// One assessment of the severity of the matter against one subject officer (ADR 0023): misconduct or gross misconduct
/// (and, under the 2020 regulations, practice requiring improvement), who assessed it, on what day and why. A reassessment
/// adds a row; the latest for the officer is the one in force, the earlier ones are its history. Need-to-know reaches it
/// through its case.
/// </summary>
internal sealed class SeverityAssessment
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public required string StaffId { get; set; }
    /// <summary>One of the rulebook's <see cref="Rulebook.Severities"/>.</summary>
    public required string Severity { get; set; }
    public DateOnly AssessedOn { get; set; }
    /// <summary>Sign-in name of who assessed it, and when it was written down.</summary>
    public required string AssessedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string Rationale { get; set; }
    public Case? Case { get; set; }
}

/// <summary>
/// A misconduct meeting, gross misconduct hearing or accelerated hearing of one subject officer (ADR 0023): its date, its
/// panel (members of staff, chosen by name), whether the officer attended, and the outcome, which is recorded as the
/// case's <see cref="Sanction"/> for the officer by the one sanction rule (RecordSanction). Officers heard together
/// have a row each, with the same date and panel.
/// </summary>
internal sealed class ConductHearing
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string StaffId { get; set; }
    /// <summary>One of the rulebook's <see cref="Rulebook.HearingKinds"/> codes.</summary>
    public required string Kind { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string ArrangedBy { get; set; }
    public List<HearingPanelMember> Panel { get; set; } = [];
    /// <summary><see cref="HearingAttendance"/>; null until the hearing's outcome is recorded.</summary>
    public string? Attendance { get; set; }
    /// <summary>The sanction code the panel decided; null until decided.</summary>
    public string? Outcome { get; set; }
    public DateOnly? OutcomeOn { get; set; }
    public Case? Case { get; set; }
}

/// <summary>A member of a hearing's panel: a member of staff (by staff id, chosen by name) and their place on it.</summary>
internal sealed class HearingPanelMember
{
    /// <summary>Its place on the panel, 1 (the chair) onwards: with the hearing, the row's key.</summary>
    public int Seat { get; set; }
    public required string StaffId { get; set; }
    /// <summary>chair or member.</summary>
    public required string Role { get; set; }
}

/// <summary>A meeting's or hearing's outcome in the words the pages use: a sanction, or not proven (no sanction follows).</summary>
internal static class HearingOutcome
{
    /// <summary>What a panel finds when the matter is not proven: no sanction follows.</summary>
    public const string NotProven = "not_proven";

    public static string Describe(string? code) => code switch
    {
        null => "Awaited",
        NotProven => "Not proven",
        _ => Kernel.Vocabulary.Describe(code),
    };
}

/// <summary>Whether the officer attended their meeting or hearing, in the words the pages use.</summary>
internal static class HearingAttendance
{
    public static readonly IReadOnlyList<string> All = ["attended", "attended_represented", "represented_only", "did_not_attend"];

    public static string Describe(string? code) => code switch
    {
        null => "Not yet held",
        "attended" => "Attended",
        "attended_represented" => "Attended, with a representative",
        "represented_only" => "Did not attend; represented",
        "did_not_attend" => "Did not attend",
        _ => code,
    };
}

/// <summary>
/// The reflective practice review process (Police (Conduct) Regulations 2020, Part 6) for an officer whose matter is
/// practice requiring improvement: started, the officer's reflection recorded, completed. Only under the 2020 regime.
/// </summary>
internal sealed class ReflectivePracticeReview
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string StaffId { get; set; }
    public DateOnly StartedOn { get; set; }
    public required string StartedBy { get; set; }
    public string? Reflection { get; set; }
    public DateOnly? ReflectionOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string? CompletionNote { get; set; }
    public Case? Case { get; set; }
}

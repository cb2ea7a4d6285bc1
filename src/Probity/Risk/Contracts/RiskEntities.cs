namespace Probity.Risk.Contracts;

/// <summary>
/// An entry on the Persons of Concern register, per the DPS strategy's definition: (i) a person who would seek to
/// corrupt staff, (ii) a member of staff where verifiable intelligence or evidence indicates corruption, dishonesty
/// or serious malpractice, (iii) a member of staff with a substantial verifiable complaint, claims or tribunal
/// history. Every entry carries its rationale and a review date; the register is need-to-know.
/// </summary>
internal sealed class PersonOfConcern
{
    public required string Id { get; set; }
    /// <summary>i | ii | iii.</summary>
    public required string Category { get; set; }
    /// <summary>The member of staff, for categories ii and iii.</summary>
    public string? StaffId { get; set; }
    /// <summary>Who they are, for category i (not a member of staff): name or intelligence reference.</summary>
    public string? PersonDescription { get; set; }
    /// <summary>Category i: the person as access monitoring knows them (a person id shared with the access logs), so staff
    /// linked to them there stand out; optional.</summary>
    public string? PersonId { get; set; }
    /// <summary>Category i: the former member of staff this person was, if they were one.</summary>
    public string? FormerStaffId { get; set; }
    public required string Rationale { get; set; }
    public DateOnly ReviewOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? ClosedReason { get; set; }
    public string? ClosedBy { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A review of a register entry: who reviewed it, when, what they found, and when it is next reviewed.</summary>
internal sealed class ConcernReview
{
    public long Id { get; set; }
    public required string ConcernId { get; set; }
    public DateOnly ReviewedOn { get; set; }
    public required string ReviewedBy { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public required string Findings { get; set; }
    /// <summary>The review date set by this review (calendar date, see ConcernRegister).</summary>
    public DateOnly NextReviewOn { get; set; }
}

/// <summary>A tactic recorded against a register entry (one of the tactic menu's codes), its owner and where it stands.</summary>
internal sealed class ConcernTactic
{
    public long Id { get; set; }
    public required string ConcernId { get; set; }
    /// <summary>A code from the tactic menu (concern-tactics.json).</summary>
    public required string Tactic { get; set; }
    public DateOnly StartedOn { get; set; }
    public required string Owner { get; set; }
    public required string Notes { get; set; }
    /// <summary>One of <see cref="States"/>.</summary>
    public required string State { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public static readonly IReadOnlyList<string> States = ["proposed", "authorised", "in_progress", "completed", "not_pursued"];
}

/// <summary>A member of staff associated with a category (i) person: they stand out in access monitoring to those who may read the register.</summary>
internal sealed class ConcernAssociation
{
    public long Id { get; set; }
    public required string ConcernId { get; set; }
    public required string StaffId { get; set; }
    /// <summary>What links them (intelligence, declared association, seen together ...).</summary>
    public required string Basis { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The associations' entry and member of staff, as stored, without a filter: read only by ProbityDb's need-to-know rule
/// (an entry associated with the reader does not exist for them).</summary>
internal sealed class ConcernAssociationKey
{
    public required string ConcernId { get; init; }
    public required string StaffId { get; init; }
}

/// <summary>
/// What the fortnightly Risk Management meeting decided about a flag or a person: an intervention (management
/// action, training, restricted duties ...) or no action / false positive, with a follow-up date and, later, how
/// it turned out (which feeds back into evaluating the triggers).
/// </summary>
internal sealed class RiskIntervention
{
    public long Id { get; set; }
    /// <summary>officer | unit | location.</summary>
    public required string Subject { get; set; }
    public required string SubjectId { get; set; }
    /// <summary>The trigger that raised it, if any.</summary>
    public string? RuleId { get; set; }
    /// <summary>One of <see cref="Decisions"/>.</summary>
    public required string Decision { get; set; }
    public required string Notes { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string DecidedBy { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    /// <summary>resolved | continuing | escalated, recorded at follow-up.</summary>
    public string? Outcome { get; set; }
    public DateOnly? OutcomeOn { get; set; }

    public static readonly IReadOnlyList<string> Decisions =
        ["management_action", "training", "restricted_duties", "watch_list", "refer_for_investigation", "no_action_false_positive", "no_action_monitor"];

    public static readonly IReadOnlyList<string> Outcomes = ["resolved", "continuing", "escalated"];
}

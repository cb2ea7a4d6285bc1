namespace Probity.Registers.Contracts;

/// <summary>Resident profile of an area, the denominator for disproportionality.</summary>
internal sealed class PopulationCount
{
    public required string UnitId { get; set; }
    public required string Ethnicity { get; set; }
    public required string Gender { get; set; }
    public required string AgeBand { get; set; }
    public int Residents { get; set; }
}

/// <summary>Activity of one member of staff in one month: the denominators for fair comparison.</summary>
internal sealed class ExposureMonth
{
    public required string StaffId { get; set; }
    /// <summary>YYYY-MM.</summary>
    public required string Month { get; set; }
    public decimal? HoursOnDuty { get; set; }
    public int? CallsAttended { get; set; }
    public int? Arrests { get; set; }
    public int? StopSearches { get; set; }
    public int? UsesOfForce { get; set; }
}

/// <summary>
/// A business interest on the register: the PIF-1 columns (imported from the force's HR system, or written here when the
/// decision is recorded in Probity), and what only Probity records (who entered it and why, the reasons and conditions of
/// the decision and who made it, expiry, reviews, and an interest found continuing after refusal). The platform-owned
/// columns are never blanked by a PIF re-import (<c>BulkUpsert.PlatformOwned</c>).
/// </summary>
internal sealed class BusinessInterest
{
    public required string Id { get; set; }
    public required string StaffId { get; set; }
    public required string InterestType { get; set; }
    public string? Description { get; set; }
    public DateOnly? AppliedOn { get; set; }
    public string? Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? ReviewOn { get; set; }

    /// <summary>Who recorded the application in Probity (sign-in name); null for an imported row.</summary>
    public string? RecordedBy { get; set; }
    /// <summary>True when someone entered the application on the member of staff's behalf rather than from their own form.</summary>
    public bool EnteredOnBehalf { get; set; }
    /// <summary>Why the decision was reached (required for every decision recorded in Probity).</summary>
    public string? DecisionReasons { get; set; }
    /// <summary>The conditions of an approval with conditions.</summary>
    public string? Conditions { get; set; }
    /// <summary>Who decided (sign-in name).</summary>
    public string? DecidedBy { get; set; }
    /// <summary>The approval lapses on this day unless renewed at review.</summary>
    public DateOnly? ExpiresOn { get; set; }
    public DateOnly? LastReviewedOn { get; set; }
    public string? LastReviewedBy { get; set; }
    /// <summary>The day the interest was found to be continuing after it was refused (a risk: the trigger reads refusals).</summary>
    public DateOnly? ContinuedAfterRefusalOn { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A post in a unit and the vetting level it requires; the holder's clearance is on their staff record.</summary>
internal sealed class VettingPost
{
    public required string Id { get; set; }
    public required string UnitId { get; set; }
    public required string Title { get; set; }
    /// <summary>A PIF-1 vetting level code (rv, ctc, mv, sc, dv, npp1..3).</summary>
    public required string RequiredLevel { get; set; }
    public string? HolderStaffId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// A member of the extended police family (contractor, volunteer, independent advisory group or police authority member):
/// a staff record (staff type <c>contractor</c> or <c>volunteer</c>, the nearest PIF-1 codes) vetted like staff, and this
/// row saying which group they belong to and whom they work for.
/// </summary>
internal sealed class PoliceFamilyMember
{
    public required string StaffId { get; set; }
    /// <summary>contractor, volunteer, advisory_group or police_authority.</summary>
    public required string FamilyGroup { get; set; }
    public string? Organisation { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// One clearance granted (or refused or withdrawn) to a member of staff or of the extended police family. The current
/// clearance is also written to the staff record (<c>VettingLevel</c>, <c>VettingExpiresOn</c>), which the PIF staff file
/// carries and the vetting-lapsed risk trigger reads; this table is the history and who recorded it.
/// </summary>
internal sealed class VettingClearance
{
    public required string Id { get; set; }
    public required string StaffId { get; set; }
    public required string Level { get; set; }
    /// <summary>granted, refused or withdrawn.</summary>
    public required string Outcome { get; set; }
    public DateOnly DecidedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A person who appears in policing records (for information-misuse monitoring).</summary>
internal sealed class RecordPerson
{
    public required string Id { get; set; }
    /// <summary>';'-separated flags as given (ocn_nominal, high_profile, journalist, vip, protected, staff_member).</summary>
    public string? Flags { get; set; }
}

/// <summary>A declared or discovered link between a member of staff and a person.</summary>
internal sealed class StaffAssociation
{
    public required string StaffId { get; set; }
    public required string PersonId { get; set; }
    public required string Relation { get; set; }
    public string? Source { get; set; }
    public DateOnly? FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
}

/// <summary>A legitimate business reason: what a member of staff was tasked with, and when.</summary>
internal sealed class Assignment
{
    /// <summary>Surrogate key: PIF-1 assignments have no id column, so the row's identity is a hash of all its fields.</summary>
    public required string RowKey { get; set; }
    public required string StaffId { get; set; }
    public string? ReasonRef { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public string? SubjectPersonId { get; set; }
    public DateTimeOffset? FromTime { get; set; }
    public DateTimeOffset? ToTime { get; set; }
}

/// <summary>
/// A recommendation the Prevention and Reduction Team tracks to closure (docs/adr/0016-registers.md): where it came
/// from (an investigation, linked by case reference, a misconduct review, an IPCC/IOPC or coroner's report, the police
/// authority), the unit that owns the action, its due date, and the evidence it was done. Progress notes and the units
/// it was disseminated to hang off it.
/// </summary>
internal sealed class LearningRecommendation
{
    public required string Id { get; set; }
    /// <summary>investigation, misconduct_review, iopc_report, coroner_report or police_authority.</summary>
    public required string Source { get; set; }
    /// <summary>The report's or review's own reference or title (a coroner's Regulation 28 report, an IOPC learning report).</summary>
    public string? SourceReference { get; set; }
    /// <summary>The investigation it came from; shown only to readers who may open that case.</summary>
    public string? CaseId { get; set; }
    public required string Recommendation { get; set; }
    /// <summary>A code from the themes list (LearningThemes), for the trend over the years.</summary>
    public required string Theme { get; set; }
    public required string OwnerUnitId { get; set; }
    public required string Action { get; set; }
    public DateOnly MadeOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? ClosureEvidence { get; set; }
    public string? ClosedBy { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>What was done towards a recommendation, when and by whom.</summary>
internal sealed class LearningProgressNote
{
    public required string Id { get; set; }
    public required string RecommendationId { get; set; }
    public required string Note { get; set; }
    public required string WrittenBy { get; set; }
    public DateTimeOffset WrittenAt { get; set; }
}

/// <summary>A unit the learning was passed to, and when.</summary>
internal sealed class LearningDissemination
{
    public required string Id { get; set; }
    public required string RecommendationId { get; set; }
    public required string UnitId { get; set; }
    public DateOnly DisseminatedOn { get; set; }
    /// <summary>How (a briefing, a bulletin, the professional standards champions' meeting).</summary>
    public string? How { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>
/// A risk on the corporate, a business group's or a borough's risk register (seed 004): its owner, cause and effect,
/// likelihood and impact on 1 to 5, the controls in place and the actions planned, and when it is next reviewed. Its
/// history (monthly reviews with the scores then, escalations) is <see cref="RegisterRiskEvent"/>.
/// </summary>
internal sealed class RegisterRisk
{
    public required string Id { get; set; }
    /// <summary>corporate, business_group or borough.</summary>
    public required string Level { get; set; }
    /// <summary>The business group's or borough's unit; null on the corporate register.</summary>
    public string? UnitId { get; set; }
    public required string Title { get; set; }
    /// <summary>Who owns the risk, by post or name ("Borough Commander, Camden").</summary>
    public required string Owner { get; set; }
    public required string Cause { get; set; }
    public required string Effect { get; set; }
    public int Likelihood { get; set; }
    public int Impact { get; set; }
    public string? Controls { get; set; }
    public string? Actions { get; set; }
    public DateOnly ReviewOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>One step in a risk's history: raised, reviewed (with the scores then) or escalated (from and to which register).</summary>
internal sealed class RegisterRiskEvent
{
    public required string Id { get; set; }
    public required string RiskId { get; set; }
    /// <summary>raised, review, escalated or closed.</summary>
    public required string Kind { get; set; }
    public DateOnly On { get; set; }
    public required string By { get; set; }
    public int Likelihood { get; set; }
    public int Impact { get; set; }
    /// <summary>For an escalation: the register it left (level and unit id), e.g. "borough bor-camden".</summary>
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// One delivery of the Professional Standards Support Programme to a borough (seed 002 section 12): when, to whom, and
/// the topics covered. The borough's complaints in the months before and after it are read from the shared view of
/// cases when the delivery is shown, never stored here.
/// </summary>
internal sealed class SupportDelivery
{
    public required string Id { get; set; }
    /// <summary>The borough the programme was delivered to.</summary>
    public required string UnitId { get; set; }
    public DateOnly DeliveredOn { get; set; }
    /// <summary>Who attended ("Response team sergeants, early turn").</summary>
    public required string Audience { get; set; }
    /// <summary>The topics covered, as delivered ("Incivility on the phone; searches of vehicles").</summary>
    public required string Topics { get; set; }
    public string? Notes { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// A gold group convened for a critical incident (seed 004): what triggered it, its chair, and (hanging off it) its
/// members, decisions with their rationale, actions and the minutes of each meeting: the record an FOI request asks for.
/// </summary>
internal sealed class GoldGroup
{
    public required string Id { get; set; }
    /// <summary>The critical incident, in a line ("Death following police contact, Camden, 3 March").</summary>
    public required string Incident { get; set; }
    /// <summary>What happened and why it was declared critical.</summary>
    public required string Description { get; set; }
    public DateOnly TriggeredOn { get; set; }
    public required string ChairStaffId { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? ClosingNote { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// A member of a gold group: a member of staff (chosen by name), or someone from outside the force (a community
/// representative, an independent advisory group member) typed as name and organisation. An outside member's name is
/// personal data withheld from the FOI export (docs/adr/0016-registers.md).
/// </summary>
internal sealed class GoldGroupMember
{
    public required string Id { get; set; }
    public required string GroupId { get; set; }
    /// <summary>Set for a member of staff; null for an outside member.</summary>
    public string? StaffId { get; set; }
    /// <summary>An outside member's name.</summary>
    public string? Name { get; set; }
    /// <summary>The body an outside member represents ("Camden Independent Advisory Group").</summary>
    public string? Organisation { get; set; }
    /// <summary>What they bring ("Community representative", "Directorate of Professional Standards").</summary>
    public required string Role { get; set; }
    public DateOnly JoinedOn { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A decision of a gold group, who made it, when and why.</summary>
internal sealed class GoldGroupDecision
{
    public required string Id { get; set; }
    public required string GroupId { get; set; }
    public DateOnly DecidedOn { get; set; }
    /// <summary>The member of staff who made it (the chair, usually).</summary>
    public required string DecidedByStaffId { get; set; }
    public required string Decision { get; set; }
    public required string Rationale { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>An action a gold group set: its owner (a member of staff), due date and state.</summary>
internal sealed class GoldGroupAction
{
    public required string Id { get; set; }
    public required string GroupId { get; set; }
    public required string Action { get; set; }
    public required string OwnerStaffId { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>open, done or dropped.</summary>
    public required string State { get; set; }
    public string? StateNote { get; set; }
    public required string RecordedBy { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>The minutes of one meeting of a gold group.</summary>
internal sealed class GoldGroupMeeting
{
    public required string Id { get; set; }
    public required string GroupId { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Minutes { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

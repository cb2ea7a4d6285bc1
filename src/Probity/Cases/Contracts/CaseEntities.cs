namespace Probity.Cases.Contracts;

/// <summary>
/// A complaint, conduct matter, death or serious injury matter, civil claim, employment tribunal or grievance.
/// The PIF-1 columns are stored as given (so export reproduces the input); the platform adds the summary,
/// need-to-know restriction, timeline and a concurrency token.
/// </summary>
internal sealed class Case
{
    public required string Id { get; set; }
    public required string CaseType { get; set; }
    /// <summary>The regime as given; null means "decided by received date" (see <see cref="Rulebook"/>).</summary>
    public string? Regime { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly? RecordedOn { get; set; }
    public string? Source { get; set; }
    public string? LocationUnitId { get; set; }
    public string? HandlingUnitId { get; set; }
    /// <summary>
    /// The unit a matter short of gross misconduct came from when its borough took it to handle locally (ADR 0026); a
    /// reassessment to gross misconduct returns the case there. Null while the case is not handled locally. Not PIF-1.
    /// </summary>
    public string? LocallyHandledFromUnitId { get; set; }
    public string? HandlingRoute { get; set; }
    public DateOnly? RouteDecidedOn { get; set; }
    public DateOnly? FinalisedOn { get; set; }
    public bool? ReferredToIpcc { get; set; }

    /// <summary>The sign-in name of the person investigating the case (ADR "Caseloads"); null until one is named.</summary>
    public string? InvestigatingOfficer { get; set; }
    /// <summary>The sign-in name of the person supervising the investigation and signing it off.</summary>
    public string? Supervisor { get; set; }

    /// <summary>What the matter is about, in the intake officer's words. Not part of PIF-1.</summary>
    public string? Summary { get; set; }
    /// <summary>When true only people and teams with a <see cref="CaseAccessGrant"/> can find the case.</summary>
    public bool Restricted { get; set; }
    /// <summary>
    /// When a senior manager withdrew the case as recorded in error (ADR 0022); null for a case that stands. The reason is
    /// on the timeline. Such a case stays readable, but leaves the caseloads and the performance figures and takes no
    /// further steps until it is reinstated.
    /// </summary>
    public DateOnly? RecordedInErrorOn { get; set; }
    /// <summary>Optimistic concurrency token, changed on every edit.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<Allegation> Allegations { get; set; } = [];
    public List<Sanction> Sanctions { get; set; } = [];
    public List<Appeal> Appeals { get; set; } = [];
    public List<Complainant> Complainants { get; set; } = [];
    public List<CaseEvent> Timeline { get; set; } = [];
    public List<CaseAccessGrant> AccessGrants { get; set; } = [];
    public List<CaseDocument> Documents { get; set; } = [];
    /// <summary>The investigation report and where its sign-off stands (ADR 0022); null until one is submitted.</summary>
    public CaseReport? Report { get; set; }
    /// <summary>A civil claim's, tribunal's or grievance's own lifecycle and money (ADR 0024); null until the claim is recorded.</summary>
    public CaseLitigation? Litigation { get; set; }
}

internal sealed class Allegation
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    /// <summary>Null when the subject officer has not been identified.</summary>
    public string? StaffId { get; set; }
    public required string Category { get; set; }
    public string? Finding { get; set; }
    public DateOnly? FinalisedOn { get; set; }
    public Case? Case { get; set; }
}

internal sealed class Sanction
{
    public required string CaseId { get; set; }
    public required string StaffId { get; set; }
    public required string Outcome { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public Case? Case { get; set; }
}

internal sealed class Appeal
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string AppealType { get; set; }
    public DateOnly LodgedOn { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public bool? Upheld { get; set; }
    /// <summary>For an appeal to the Police Appeals Tribunal: the meeting or hearing whose outcome it appeals (ADR 0023), and its officer. Null for a complaint appeal or review.</summary>
    public string? HearingId { get; set; }
    public string? StaffId { get; set; }
    /// <summary>
    /// For an upheld Police Appeals Tribunal appeal: the lesser outcome the tribunal put in place of the hearing's, or null
    /// where it set the outcome aside altogether (ADR 0023 addendum). Null for every other appeal.
    /// </summary>
    public string? SubstitutedOutcome { get; set; }
    public Case? Case { get; set; }
}

internal sealed class Complainant
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public string? Gender { get; set; }
    public string? Ethnicity { get; set; }
    public string? AgeBand { get; set; }
    public string? HomeUnitId { get; set; }
    /// <summary>Name and contact details taken at intake. Personal data: never exported in PIF-1.</summary>
    public string? Name { get; set; }
    public string? Contact { get; set; }
    public Case? Case { get; set; }
}

/// <summary>One entry on a case's timeline: a stage reached or a decision taken (including a decision not to act).</summary>
internal sealed class CaseEvent
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    /// <summary>The business date the event counts from (e.g. the date the route was decided).</summary>
    public DateOnly OccurredOn { get; set; }
    /// <summary>When it was written down, and by whom.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public required string Actor { get; set; }
    public required string Kind { get; set; }
    public required string Detail { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// Two cases that belong together (the same incident, the same complainant, the same officer): one row for the pair,
/// read from either side. It exists for a reader only when both cases do (ProbityDb's filter): a link never tells
/// anyone that a case they may not open exists.
/// </summary>
internal sealed class CaseLink
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public required string RelatedCaseId { get; set; }
    /// <summary>same_incident, same_complainant, same_officer or other (<c>RelateCases.CaseRelations</c>).</summary>
    public required string Relation { get; set; }
    public required string Reason { get; set; }
    public required string LinkedBy { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>Need-to-know: a named person (user name) or team ("team:NAME") who may see a restricted case.</summary>
internal sealed class CaseAccessGrant
{
    public required string CaseId { get; set; }
    public required string Principal { get; set; }
    public required string GrantedBy { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}

/// <summary>
/// A case's investigation report as it stands in the supervisor's sign-off (ADR 0022): submitted by the investigating
/// officer, approved or returned with comments by the case's named supervisor, resubmitted after a return. One row per
/// case, the latest state; each step is a timeline entry, so the history lives where the rest of the case's does.
/// Need-to-know reaches it through its case; concurrency is the case's own version (every step is a case edit).
/// </summary>
internal sealed class CaseReport
{
    public required string CaseId { get; set; }
    /// <summary><see cref="CaseReportStates"/>: submitted, returned or approved.</summary>
    public required string State { get; set; }
    /// <summary>What the investigation found, in the officer's words (each submission's text is also on the timeline).</summary>
    public required string Summary { get; set; }
    /// <summary>The stored case document holding the full report, if one is attached to the case.</summary>
    public long? DocumentId { get; set; }
    /// <summary>Sign-in name of who submitted it last, and when.</summary>
    public required string SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>How many times it has been submitted (1 the first time; a resubmission after a return adds one).</summary>
    public int Submissions { get; set; }
    /// <summary>Sign-in name of the supervisor who approved or returned it, when, and their comments (required on a return).</summary>
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Comments { get; set; }
    public Case? Case { get; set; }
}

/// <summary>Where an investigation report stands, with the words the pages use.</summary>
internal static class CaseReportStates
{
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Approved = "approved";

    public static string Describe(string? state) => state switch
    {
        null => "Not submitted",
        Submitted => "Submitted, awaiting the supervisor's sign-off",
        Returned => "Returned with comments",
        Approved => "Approved",
        _ => state,
    };
}

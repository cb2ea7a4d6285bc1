using System.Globalization;

namespace Probity.Cases.Contracts;

/// <summary>
/// A civil claim, employment tribunal claim or grievance as the Directorate follows it (ADR 0024): what was claimed, who
/// represents the claimant, the liability decision (civil claims), the grievance's stage, the outcome and the money paid.
/// One row per case, the latest state; each step is a timeline entry. Money is whole pence in pounds sterling (GBP, the only
/// currency). Need-to-know reaches it through its case; concurrency is the case's own version (every step is a case edit).
/// </summary>
internal sealed class CaseLitigation
{
    public required string CaseId { get; set; }
    /// <summary>What the claimant seeks, in pence; null when no figure was given (a grievance usually has none).</summary>
    public long? AmountClaimedPence { get; set; }
    /// <summary><see cref="LitigationRules.Representations"/>: in person, a solicitor, a trade union, the Police Federation.</summary>
    public string? Representation { get; set; }
    /// <summary>The firm or body representing the claimant, as given (none for a claimant in person).</summary>
    public string? Representative { get; set; }
    /// <summary>Employment tribunals: the heads of claim, codes from <see cref="LitigationRules.HeadsOfClaim"/> joined by commas.</summary>
    public string? HeadsOfClaim { get; set; }
    /// <summary>Grievances: informal, formal or appeal.</summary>
    public string? GrievanceStage { get; set; }
    /// <summary>Civil claims: admitted, denied or partial; with the date and who decided it (a person or a body, as given).</summary>
    public string? Liability { get; set; }
    public DateOnly? LiabilityDecidedOn { get; set; }
    public string? LiabilityDecidedBy { get; set; }
    /// <summary>How it ended (<see cref="LitigationRules.Outcomes"/> for the case type); the case is finalised on the same date.</summary>
    public string? Outcome { get; set; }
    public DateOnly? OutcomeOn { get; set; }
    /// <summary>Paid to settle (civil claims, tribunals).</summary>
    public long? SettlementPence { get; set; }
    /// <summary>Damages or the tribunal's award after a hearing; for a grievance, the compensation paid.</summary>
    public long? DamagesPence { get; set; }
    /// <summary>The force's own legal costs, and the claimant's costs the force paid.</summary>
    public long? OwnCostsPence { get; set; }
    public long? ClaimantCostsPence { get; set; }
    public List<LitigationHearing> Hearings { get; set; } = [];
    public Case? Case { get; set; }

    /// <summary>Everything paid out on the case: settlement, damages or compensation, and both sides' costs.</summary>
    public long TotalCostPence => (SettlementPence ?? 0) + (DamagesPence ?? 0) + (OwnCostsPence ?? 0) + (ClaimantCostsPence ?? 0);
}

/// <summary>A hearing listed in a civil claim or tribunal: its date (possibly still to come) and what it is.</summary>
internal sealed class LitigationHearing
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public DateOnly HearingOn { get; set; }
    /// <summary><see cref="LitigationRules.HearingKinds"/>: preliminary, full (trial), remedy, appeal.</summary>
    public required string Kind { get; set; }
    public required string ListedBy { get; set; }
    public DateTimeOffset ListedAt { get; set; }
    public CaseLitigation? Litigation { get; set; }
}

/// <summary>Which case types follow the litigation lifecycle, and the codes each step accepts (ADR 0024).</summary>
internal static class LitigationRules
{
    public const string CivilClaim = "civil_claim";
    public const string EmploymentTribunal = "employment_tribunal";
    public const string Grievance = "grievance";

    /// <summary>The largest amount of one kind recorded for a case: £1,000,000,000 in pence (a larger one is a typing slip, not a claim).</summary>
    public const long MaxPence = 100_000_000_000;

    /// <summary>An amount as the steps record it: none, or whole pence from nothing up to <see cref="MaxPence"/>. Figures
    /// leave out a case with any other (written round the application): they could not be added up truthfully.</summary>
    public static bool Recordable(long? pence) => pence is null or (>= 0 and <= MaxPence);

    /// <summary>The one currency money is recorded in.</summary>
    public const string Currency = "GBP";

    public static bool Applies(string caseType) => caseType is CivilClaim or EmploymentTribunal or Grievance;

    public static readonly IReadOnlyList<string> Representations = ["in_person", "solicitor", "trade_union", "police_federation"];

    public static readonly IReadOnlyList<string> HeadsOfClaim =
    [
        "unfair_dismissal", "constructive_dismissal", "race_discrimination", "sex_discrimination", "disability_discrimination",
        "age_discrimination", "religion_or_belief_discrimination", "sexual_orientation_discrimination", "victimisation",
        "whistleblowing_detriment", "equal_pay", "unlawful_deduction_from_wages", "working_time", "other",
    ];

    public static readonly IReadOnlyList<string> GrievanceStages = ["informal", "formal", "appeal"];

    public static readonly IReadOnlyList<string> Liabilities = ["admitted", "denied", "partial"];

    public static readonly IReadOnlyList<string> HearingKinds = ["preliminary", "full", "remedy", "appeal"];

    public static IReadOnlyList<string> Outcomes(string caseType) => caseType switch
    {
        CivilClaim => ["settled", "judgment_for_claimant", "judgment_for_force", "discontinued", "struck_out"],
        EmploymentTribunal => ["settled", "claim_upheld", "claim_dismissed", "withdrawn", "struck_out"],
        Grievance => ["upheld", "partly_upheld", "not_upheld", "withdrawn"],
        _ => [],
    };

    /// <summary>Outcomes decided at a hearing: the case must have one listed on or before the outcome's date.</summary>
    public static bool DecidedAtHearing(string outcome) => outcome is "judgment_for_claimant" or "judgment_for_force" or "claim_upheld" or "claim_dismissed";

    /// <summary>Outcomes that pay damages, an award or (grievances) compensation.</summary>
    public static bool Awards(string outcome) => outcome is "judgment_for_claimant" or "claim_upheld" or "upheld" or "partly_upheld";

    /// <summary>"£12,500.00" (no figure: "—").</summary>
    public static string Pounds(long? pence) => pence is { } p ? (p / 100m).ToString("£#,##0.00", CultureInfo.InvariantCulture) : "—";

    /// <summary>The page's name for the lifecycle of a case type.</summary>
    public static string Noun(string caseType) => caseType switch
    {
        CivilClaim => "civil claim",
        EmploymentTribunal => "employment tribunal claim",
        Grievance => "grievance",
        _ => "case",
    };
}

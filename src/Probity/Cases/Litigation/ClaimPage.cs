using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Cases.Litigation;

/// <summary>
/// <c>/cases/{id}/claim</c>: a civil claim's, tribunal claim's or grievance's lifecycle and money, and the next steps the
/// case's state allows, each a form that posts its <see cref="Step"/> to the one handler (ADR 0024). Read-only roles see the
/// case page's summary of it, not this page.
/// </summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class ClaimPage(LitigationHandler litigation, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    /// <summary>Which form was sent: claim, liability, hearing, stage or outcome.</summary>
    [BindProperty] public string? Step { get; set; }

    [BindProperty] public string? AmountClaimed { get; set; }
    [BindProperty] public string? Representation { get; set; }
    [BindProperty] public string? Representative { get; set; }
    [BindProperty] public List<string> HeadsOfClaim { get; set; } = [];
    [BindProperty] public string? GrievanceStage { get; set; }
    [BindProperty] public string? Liability { get; set; }
    [BindProperty, Display(Name = "liability decision date")] public DateOnly? LiabilityOn { get; set; }
    [BindProperty] public string? DecidedBy { get; set; }
    [BindProperty, Display(Name = "hearing date")] public DateOnly? HearingOn { get; set; }
    [BindProperty] public string? HearingKind { get; set; }
    [BindProperty, Display(Name = "stage date")] public DateOnly? StageOn { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty, Display(Name = "outcome date")] public DateOnly? OutcomeOn { get; set; }
    [BindProperty] public string? Settlement { get; set; }
    [BindProperty] public string? Damages { get; set; }
    [BindProperty] public string? OwnCosts { get; set; }
    [BindProperty] public string? ClaimantCosts { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public CaseLitigation? Litigation => Case.Litigation;

    public bool Open => Case.FinalisedOn is null && Case.RecordedInErrorOn is null;

    public string Noun => LitigationRules.Noun(Case.CaseType);

    public IReadOnlyList<string> Outcomes => LitigationRules.Outcomes(Case.CaseType);

    protected override void StartFrom(Case c)
    {
        var l = c.Litigation;
        AmountClaimed = l?.AmountClaimedPence is { } p ? (p / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : null;
        Representation = l?.Representation;
        Representative = l?.Representative;
        HeadsOfClaim = l?.HeadsOfClaim?.Split(',').ToList() ?? [];
        GrievanceStage = l?.GrievanceStage;
        LiabilityOn = StageOn = OutcomeOn = Today;
    }

    /// <remarks>The case is not loaded while the step runs (it is read, need-to-know filtered, by the handler), so nothing here reads <see cref="CaseOperationPage.Case"/>.</remarks>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        switch (Step)
        {
            case "claim":
                await litigation.RecordClaimAsync(new(Id, Version, LitigationMoney.FromText(AmountClaimed, "Amount claimed"), Representation, Representative,
                    HeadsOfClaim, GrievanceStage, Reason), ct);
                return "Claim recorded.";
            case "liability":
                await litigation.DecideLiabilityAsync(new(Id, Version, Liability, LiabilityOn, DecidedBy, Reason), ct);
                return $"Liability decision recorded: {Vocabulary.Describe(Liability).ToLowerInvariant()}.";
            case "hearing":
                await litigation.ListHearingAsync(new(Id, Version, HearingOn, HearingKind), ct);
                return $"Hearing listed for {HearingOn:d MMM yyyy}.";
            case "stage":
                await litigation.MoveStageAsync(new(Id, Version, GrievanceStage, StageOn, Reason), ct);
                return $"Grievance moved to the {Vocabulary.Describe(GrievanceStage).ToLowerInvariant()} stage.";
            case "outcome":
                await litigation.RecordOutcomeAsync(new(Id, Version, Outcome, OutcomeOn, LitigationMoney.FromText(Settlement, "Settlement"),
                    LitigationMoney.FromText(Damages, "Damages or compensation"),
                    LitigationMoney.FromText(OwnCosts, "Own costs"), LitigationMoney.FromText(ClaimantCosts, "Claimant's costs"), Reason), ct);
                return $"Outcome recorded: {Vocabulary.Describe(Outcome).ToLowerInvariant()}. The case is finalised.";
            default:
                throw new ActionRefusedException("Choose a step: record the claim, decide liability, list a hearing, move the grievance's stage or record the outcome.");
        }
    }, ct);
}

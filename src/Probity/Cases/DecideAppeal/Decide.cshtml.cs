using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.DecideAppeal;

[Authorize(Policy = Policies.EditCases)]
internal sealed class DecideAppealPage(DecideAppealHandler decide, RulebookCatalogue rulebooks, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "appeal")] public string? AppealId { get; set; }
    [BindProperty, Display(Name = "result")] public bool Upheld { get; set; }
    [BindProperty, Display(Name = "appeal decision date")] public DateOnly Date { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty, Display(Name = "outcome the tribunal substituted")] public string? SubstitutedOutcome { get; set; }

    /// <summary>What the Police Appeals Tribunal may put in place of a hearing's outcome: any outcome a hearing appealed to it can give, least severe first (the handler checks it is lesser than the one appealed).</summary>
    public IReadOnlyList<string> TribunalOutcomes => [.. rulebooks.For(Case).HearingKinds.Where(k => k.AppealType is not null).SelectMany(k => k.Outcomes).Distinct()];

    protected override void StartFrom(Case c) => Date = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await decide.HandleAsync(new(Id, Version, AppealId ?? "", Upheld, Date, Reason, SubstitutedOutcome), ct);
        return $"Appeal {AppealId} decided.";
    }, ct);
}

using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.DecideAppeal;

[Authorize(Policy = Policies.EditCases)]
internal sealed class DecideAppealPage(DecideAppealHandler decide, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "appeal")] public string? AppealId { get; set; }
    [BindProperty, Display(Name = "result")] public bool Upheld { get; set; }
    [BindProperty, Display(Name = "appeal decision date")] public DateOnly Date { get; set; }
    [BindProperty] public string? Reason { get; set; }

    protected override void StartFrom(Case c) => Date = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await decide.HandleAsync(new(Id, Version, AppealId ?? "", Upheld, Date, Reason), ct);
        return $"Appeal {AppealId} decided.";
    }, ct);
}

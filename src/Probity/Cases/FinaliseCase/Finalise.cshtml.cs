using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.FinaliseCase;

[Authorize(Policy = Policies.EditCases)]
internal sealed class FinaliseCasePage(FinaliseCaseHandler finalise, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "finalised date")] public DateOnly Date { get; set; }

    protected override void StartFrom(Case c) => Date = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await finalise.HandleAsync(new(Id, Version, Date, null), ct);
        return "Case finalised.";
    }, ct);
}

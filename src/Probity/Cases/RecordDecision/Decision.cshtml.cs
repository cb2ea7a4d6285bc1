using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.RecordDecision;

[Authorize(Policy = Policies.EditCases)]
internal sealed class RecordDecisionPage(RecordDecisionHandler record, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Decision { get; set; }
    [BindProperty, Display(Name = "decision date")] public DateOnly Date { get; set; }
    [BindProperty] public string? Reason { get; set; }

    protected override void StartFrom(Case c) => Date = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await record.HandleAsync(new(Id, Version, Decision ?? "", Date, Reason ?? ""), ct);
        return "Decision recorded.";
    }, ct);
}

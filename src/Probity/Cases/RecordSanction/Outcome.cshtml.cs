using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.RecordSanction;

[Authorize(Policy = Policies.EditCases)]
internal sealed class RecordSanctionPage(RecordSanctionHandler record, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "officer")] public string? StaffId { get; set; }
    [BindProperty, Display(Name = "outcome")] public string? Outcome { get; set; }
    [BindProperty, Display(Name = "decision date")] public DateOnly Date { get; set; }

    protected override void StartFrom(Case c) => Date = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await record.HandleAsync(new(Id, Version, StaffId ?? "", Outcome ?? "", Date, null), ct);
        return "Outcome recorded.";
    }, ct);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;

namespace Probity.Cases.AssessSeverity;

/// <summary>Assess or reassess the severity of the matter against a subject officer, with the history of assessments.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class AssessSeverityPage(AssessSeverityHandler assess, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "officer")] public string? StaffId { get; set; }
    [BindProperty, Display(Name = "severity")] public string? Severity { get; set; }
    [BindProperty, Display(Name = "assessment date")] public DateOnly Date { get; set; }
    [BindProperty, Display(Name = "rationale")] public string? Rationale { get; set; }

    protected override void StartFrom(Case c) => Date = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await assess.HandleAsync(new(Id, Version, StaffId, Severity, Date, Rationale), ct);
        return "Severity assessed.";
    }, ct);
}

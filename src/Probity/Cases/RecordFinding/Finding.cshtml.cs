using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.RecordFinding;

[Authorize(Policy = Policies.EditCases)]
internal sealed class RecordFindingPage(RecordFindingHandler record, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "allegation")] public string? AllegationId { get; set; }
    [BindProperty, Display(Name = "finding")] public string? Finding { get; set; }
    [BindProperty, Display(Name = "finding date")] public DateOnly Date { get; set; }
    [BindProperty] public string? Reason { get; set; }

    protected override void StartFrom(Case c)
    {
        // The first allegation still open, as the one most likely being decided.
        AllegationId = c.Allegations.OrderBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault(a => a.Finding is null)?.Id;
        Date = Today;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await record.HandleAsync(new(Id, Version, AllegationId ?? "", Finding ?? "", Date, Reason), ct);
        return $"Finding recorded on {AllegationId}.";
    }, ct);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;

namespace Probity.Cases.AmendAllegations;

/// <summary>The case's allegations as the investigation learns: add one, or re-attribute one to the officer now identified.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class AllegationsPage(AmendAllegationsHandler amend, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? AllegationId { get; set; }
    [BindProperty] public string? NewSubject { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var id = await amend.AddAsync(new(Id, Version, Category, Subject, Reason), ct);
        return $"Allegation {id} added.";
    }, ct);

    public Task<IActionResult> OnPostReattributeAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await amend.ReattributeAsync(new(Id, Version, AllegationId, NewSubject, Reason), ct);
        return $"Allegation {AllegationId} re-attributed.";
    }, ct);
}

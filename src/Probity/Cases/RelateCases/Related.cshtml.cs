using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;

namespace Probity.Cases.RelateCases;

/// <summary>The cases related to this one: link another (by its reference), or remove a link made in error.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class RelatedPage(RelateCasesHandler relate, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? RelatedCase { get; set; }
    [BindProperty] public string? Relation { get; set; }
    [BindProperty] public long LinkId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task<IActionResult> OnPostLinkAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var other = await relate.LinkAsync(new(Id, Version, RelatedCase, Relation, Reason), ct);
        return $"Case {Id} is now related to case {other}.";
    }, ct);

    public Task<IActionResult> OnPostUnlinkAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var other = await relate.UnlinkAsync(new(Id, Version, LinkId, Reason), ct);
        return $"Case {Id} is no longer related to case {other}.";
    }, ct);
}

using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.RestrictCase;

/// <summary>Both policies, as when it was a form on the case page: editing cases, and restricting them.</summary>
[Authorize(Policy = Policies.EditCases)]
[Authorize(Policy = Policies.RestrictCases)]
internal sealed class RestrictCasePage(RestrictCaseHandler restrict, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Principals { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await restrict.HandleAsync(new(Id, Version, (Principals ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Reason ?? ""), ct);
        return "Case restricted.";
    }, ct);
}

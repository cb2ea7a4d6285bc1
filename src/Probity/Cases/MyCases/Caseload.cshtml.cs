using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;

namespace Probity.Cases.MyCases;

/// <summary>Every live case the reader investigates or supervises, the team's by investigating officer.</summary>
[Authorize(Policy = Policies.ReadCases)]
internal sealed class CaseloadPage(ICaseloads caseloads) : PageModel
{
    public Caseload Load { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Load = await caseloads.ForReaderAsync("view", ct);
}

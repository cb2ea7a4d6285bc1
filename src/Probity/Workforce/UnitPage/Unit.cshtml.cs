using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Workforce.UnitPage;

[Authorize(Policy = Policies.ReadCases)]
internal sealed class UnitModel(UnitPageHandler page) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public UnitPageHandler.View View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await page.HandleAsync(Id, ct);
}

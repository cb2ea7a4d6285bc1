using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Workforce.OfficerProfile;

[Authorize(Policy = Policies.ReadCases)]
internal sealed class OfficerModel(OfficerProfileHandler profile) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public OfficerProfileHandler.View View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await profile.HandleAsync(Id, ct);
    }
}

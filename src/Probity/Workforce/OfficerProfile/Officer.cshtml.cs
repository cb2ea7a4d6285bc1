using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity;

namespace Probity.Workforce.OfficerProfile;

[Authorize(Policy = Policies.ReadCases)]
public sealed class OfficerModel(OfficerProfileHandler profile, Risk.Scores.OfficerRisk risk) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public OfficerProfileHandler.View View { get; private set; } = null!;
    /// <summary>The officer's risk flags and ranking, for readers allowed to see them (never the officer themself).</summary>
    public Risk.Scores.OfficerRiskView? Risk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await profile.HandleAsync(Id, ct);
        Risk = await risk.ForAsync(Id, User, ct);
    }
}

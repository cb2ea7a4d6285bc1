using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.RiskRegisters;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class RiskModel(RegisterRiskHandler risks, IAuthorizationService authorization) : PageModel
{
    public RegisterRiskHandler.View? Entry { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Entry = await risks.ReadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(string id, Guid version, int? likelihood, int? impact, string? note, DateOnly? reviewedOn, CancellationToken ct)
    {
        await risks.ReviewAsync(id, version, likelihood, impact, note, reviewedOn, ct);
        TempData["Notice"] = "Recorded the review.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostEscalateAsync(string id, Guid version, string? reason, CancellationToken ct)
    {
        await risks.EscalateAsync(id, version, reason, ct);
        TempData["Notice"] = "Escalated the risk: it is on the register above now.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostUpdateAsync(string id, Guid version, string? owner, string? cause, string? effect, string? controls, string? actions, CancellationToken ct)
    {
        await risks.UpdateAsync(id, version, new(owner, cause, effect, controls, actions), ct);
        TempData["Notice"] = "Saved the changes.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostCloseAsync(string id, Guid version, string? reason, CancellationToken ct)
    {
        await risks.CloseAsync(id, version, reason, ct);
        TempData["Notice"] = "Closed the risk.";
        return Back(id);
    }

    private RedirectResult Back(string id) => Redirect("/registers/risks/" + Uri.EscapeDataString(id));
}

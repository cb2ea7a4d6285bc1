using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.Interests;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class InterestModel(BusinessInterestHandler interests, IAuthorizationService authorization) : PageModel
{
    public BusinessInterestHandler.View? Entry { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Entry = await interests.ReadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(string id, Guid version, string? decision, string? reasons, string? conditions, DateOnly? decidedOn, CancellationToken ct)
    {
        await interests.DecideAsync(id, version, new(decision, reasons, conditions, decidedOn), ct);
        TempData["Notice"] = "Recorded the decision.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostReviewAsync(string id, Guid version, bool stillHeld, string? note, CancellationToken ct)
    {
        await interests.ReviewAsync(id, version, new(stillHeld, note), ct);
        TempData["Notice"] = "Recorded the review.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostContinuingAsync(string id, Guid version, DateOnly? foundOn, string? how, CancellationToken ct)
    {
        await interests.RecordContinuingAsync(id, version, foundOn, how, ct);
        TempData["Notice"] = "Recorded that the interest continues after refusal.";
        return Back(id);
    }

    private RedirectResult Back(string id) => Redirect("/registers/interests/" + Uri.EscapeDataString(id));
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.ServiceConfidence;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class ServiceConfidenceEntryModel(ServiceConfidenceHandler records, IAuthorizationService authorization) : PageModel
{
    public ServiceConfidenceHandler.View? Entry { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Entry = await records.ReadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRestrictAsync(string id, Guid version, string? kind, string? detail, DateOnly? from, CancellationToken ct)
    {
        await records.RestrictAsync(id, version, kind, detail, from, ct);
        TempData["Notice"] = "Recorded the restriction.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostLiftAsync(string id, Guid version, string? restriction, DateOnly? liftedOn, CancellationToken ct)
    {
        await records.LiftAsync(id, version, restriction, liftedOn, ct);
        TempData["Notice"] = "Recorded that the restriction was lifted.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostReviewAsync(string id, Guid version, string? outcome, string? note, DateOnly? reviewedOn, DateOnly? nextReviewOn, CancellationToken ct)
    {
        await records.ReviewAsync(id, version, new(outcome, note, reviewedOn, nextReviewOn), ct);
        TempData["Notice"] = "Recorded the review.";
        return Back(id);
    }

    private RedirectResult Back(string id) => Redirect("/registers/service-confidence/" + Uri.EscapeDataString(id));
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.Learning;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class RecommendationModel(LearningRecommendationHandler recommendations, RegisterUnits units, IAuthorizationService authorization) : PageModel
{
    public LearningRecommendationHandler.View? Entry { get; private set; }
    public ChoiceList? UnitChoices { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Entry = await recommendations.ReadAsync(id, ct);
        if (MayRecord) UnitChoices = (await units.ForAsync(null, ct)).Choices;
    }

    public async Task<IActionResult> OnPostProgressAsync(string id, Guid version, string? note, CancellationToken ct)
    {
        await recommendations.AddProgressAsync(id, version, note, ct);
        TempData["Notice"] = "Recorded the progress.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostDisseminateAsync(string id, Guid version, string? toUnit, DateOnly? passedOn, string? how, CancellationToken ct)
    {
        await recommendations.DisseminateAsync(id, version, toUnit, passedOn, how, ct);
        TempData["Notice"] = "Recorded that the learning was passed on.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostReplanAsync(string id, Guid version, DateOnly? dueOn, string? ownerUnit, string? reason, CancellationToken ct)
    {
        await recommendations.ReplanAsync(id, version, dueOn, ownerUnit, reason, ct);
        TempData["Notice"] = "Recorded the new plan.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostCloseAsync(string id, Guid version, string? evidence, DateOnly? closedOn, CancellationToken ct)
    {
        await recommendations.CloseAsync(id, version, evidence, closedOn, ct);
        TempData["Notice"] = "Closed the recommendation.";
        return Back(id);
    }

    private RedirectResult Back(string id) => Redirect("/registers/learning/" + Uri.EscapeDataString(id));
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.Learning;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class LearningModel(LearningRegisterHandler register, LearningRecommendationHandler recommendations, IAuthorizationService authorization) : RegisterListPage<LearningRegisterHandler.View>(authorization)
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ShowAsync(() => register.HandleAsync(Unit, Show, Source, ct), () => register.HandleAsync(null, null, null, ct));

    public async Task<IActionResult> OnPostRecordAsync(string? source, string? sourceReference, string? caseReference, string? recommendation, string? theme,
        string? ownerUnit, string? action, DateOnly? madeOn, DateOnly? dueOn, int? dueInWorkingDays, CancellationToken ct)
    {
        var id = await recommendations.RecordAsync(new(source, sourceReference, caseReference, recommendation, theme, ownerUnit, action, madeOn, dueOn, dueInWorkingDays), ct);
        TempData["Notice"] = $"Recorded the recommendation as {id}.";
        return Redirect("/registers/learning/" + Uri.EscapeDataString(id));
    }
}

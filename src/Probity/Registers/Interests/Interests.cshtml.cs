using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.Interests;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class InterestsModel(BusinessInterestsRegisterHandler register, BusinessInterestHandler interests, IAuthorizationService authorization) : RegisterListPage<BusinessInterestsRegisterHandler.View>(authorization)
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ShowAsync(() => register.HandleAsync(Unit, Show, ct), () => register.HandleAsync(null, null, ct));

    public async Task<IActionResult> OnPostRecordAsync(string? staff, string? interestType, string? description, DateOnly? appliedOn, bool onBehalf, CancellationToken ct)
    {
        var id = await interests.RecordApplicationAsync(new(staff, interestType, description, appliedOn, onBehalf), ct);
        TempData["Notice"] = $"Recorded the application as {id}. Record the decision on its page.";
        return Redirect("/registers/interests/" + Uri.EscapeDataString(id));
    }
}

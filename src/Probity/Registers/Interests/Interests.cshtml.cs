using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Registers.Interests;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class InterestsModel(BusinessInterestsRegisterHandler register, BusinessInterestHandler interests, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public BusinessInterestsRegisterHandler.View? Register { get; private set; }
    public string? Refusal { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        try { Register = await register.HandleAsync(Unit, Show, ct); }
        catch (ActionRefusedException e)
        {
            // A unit typed wrongly shows the whole form again with the reason, not an error page.
            Refusal = e.Message;
            Register = await register.HandleAsync(null, null, ct);
        }
    }

    public async Task<IActionResult> OnPostRecordAsync(string? staff, string? interestType, string? description, DateOnly? appliedOn, bool onBehalf, CancellationToken ct)
    {
        var id = await interests.RecordApplicationAsync(new(staff, interestType, description, appliedOn, onBehalf), ct);
        TempData["Notice"] = $"Recorded the application as {id}. Record the decision on its page.";
        return Redirect("/registers/interests/" + Uri.EscapeDataString(id));
    }
}

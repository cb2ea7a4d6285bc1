using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.SupportProgramme;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class SupportModel(SupportProgrammeHandler programme, IAuthorizationService authorization) : PageModel
{
    public SupportProgrammeHandler.View? Register { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Register = await programme.HandleAsync(ct);
    }

    public async Task<IActionResult> OnPostRecordAsync(string? borough, DateOnly? deliveredOn, string? audience, string? topics, string? notes, CancellationToken ct)
    {
        var d = await programme.RecordAsync(new(borough, deliveredOn, audience, topics, notes), ct);
        TempData["Notice"] = "Recorded the delivery.";
        return Redirect("/registers/support/" + Uri.EscapeDataString(d.UnitId) + "#deliveries");
    }
}

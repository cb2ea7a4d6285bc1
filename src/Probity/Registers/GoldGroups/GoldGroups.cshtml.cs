using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Registers.GoldGroups;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class GoldGroupsModel(GoldGroupsHandler register, GoldGroupHandler groups, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    public GoldGroupsHandler.View? Register { get; private set; }
    public string? Refusal { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        try
        {
            Register = await register.HandleAsync(Show, ct);
        }
        catch (ActionRefusedException e)
        {
            Refusal = e.Message;
            Register = await register.HandleAsync(null, ct);
        }
    }

    public async Task<IActionResult> OnPostOpenAsync(string? incident, string? description, DateOnly? triggeredOn, string? chair, CancellationToken ct)
    {
        var id = await groups.OpenAsync(new(incident, description, triggeredOn, chair), ct);
        TempData["Notice"] = $"Opened the gold group as {id}.";
        return Redirect("/registers/gold/" + Uri.EscapeDataString(id));
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Registers.RiskRegisters;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class RisksModel(RiskRegisterHandler register, RegisterRiskHandler risks, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public RiskRegisterHandler.View? Register { get; private set; }
    public string? Refusal { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        try { Register = await register.HandleAsync(Unit, Level, Show, ct); }
        catch (ActionRefusedException e)
        {
            Refusal = e.Message;
            Register = await register.HandleAsync(null, null, null, ct);
        }
    }

    public async Task<IActionResult> OnPostRaiseAsync(string? register, string? riskUnit, string? title, string? owner, string? cause, string? effect,
        int? likelihood, int? impact, string? controls, string? actions, DateOnly? reviewOn, CancellationToken ct)
    {
        var id = await risks.RaiseAsync(new(register, riskUnit, title, owner, cause, effect, likelihood, impact, controls, actions, reviewOn), ct);
        TempData["Notice"] = $"Raised the risk as {id}.";
        return Redirect("/registers/risks/" + Uri.EscapeDataString(id));
    }
}

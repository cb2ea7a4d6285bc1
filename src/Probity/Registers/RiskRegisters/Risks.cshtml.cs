using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.RiskRegisters;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class RisksModel(RiskRegisterHandler register, RegisterRiskHandler risks, IAuthorizationService authorization) : RegisterListPage<RiskRegisterHandler.View>(authorization)
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ShowAsync(() => register.HandleAsync(Unit, Level, Show, ct), () => register.HandleAsync(null, null, null, ct));

    public async Task<IActionResult> OnPostRaiseAsync(string? register, string? riskUnit, string? title, string? owner, string? cause, string? effect,
        int? likelihood, int? impact, string? controls, string? actions, DateOnly? reviewOn, CancellationToken ct)
    {
        var id = await risks.RaiseAsync(new(register, riskUnit, title, owner, cause, effect, likelihood, impact, controls, actions, reviewOn), ct);
        TempData["Notice"] = $"Raised the risk as {id}.";
        return Redirect("/registers/risks/" + Uri.EscapeDataString(id));
    }
}

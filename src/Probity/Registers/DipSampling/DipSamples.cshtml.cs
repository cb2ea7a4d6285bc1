using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.DipSampling;

[Authorize(Policy = Policies.ReadDipSamples)]
[PostPolicy(Policies.ReviewDipSamples)]
internal sealed class DipSamplesModel(DipSamplesHandler register, DipSampleHandler samples, IAuthorizationService authorization)
    : RegisterListPage<DipSamplesHandler.View>(authorization, Policies.ReviewDipSamples)
{
    public Task OnGetAsync(CancellationToken ct) => ShowAsync(() => register.HandleAsync(ct), () => register.HandleAsync(ct));

    public async Task<IActionResult> OnPostDrawAsync(DateOnly? from, DateOnly? to, int? size, int? seed, CancellationToken ct)
    {
        var id = await samples.DrawAsync(new(from, to, size, seed), ct);
        TempData["Notice"] = $"Drew sample {id}. Review each case and record your finding.";
        return Redirect("/registers/dip-samples/" + Uri.EscapeDataString(id));
    }
}

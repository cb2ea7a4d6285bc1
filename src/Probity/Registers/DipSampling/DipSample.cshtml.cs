using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.DipSampling;

/// <summary>One sample: its cases (read-only, each opened on its own case page), the police authority's findings and the Directorate's responses.</summary>
[Authorize(Policy = Policies.ReadDipSamples)]
[PostPolicy(Policies.ReviewDipSamples, Handler = "Finding")]
[PostPolicy(Policies.ManageRegisters, Handler = "Respond")]
internal sealed class DipSampleModel(DipSampleHandler samples, IAuthorizationService authorization) : PageModel
{
    public DipSampleHandler.View? Entry { get; private set; }
    public DipSampleHandler.Check? Checked { get; private set; }
    public bool MayReview { get; private set; }
    public bool MayRespond { get; private set; }

    /// <summary>Redraw the sample from its recorded seed and say whether it comes out the same.</summary>
    [BindProperty(SupportsGet = true)] public bool Check { get; set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        MayReview = (await authorization.AuthorizeAsync(User, Policies.ReviewDipSamples)).Succeeded;
        MayRespond = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Entry = await samples.ReadAsync(id, ct);
        if (Check) Checked = await samples.CheckAsync(id, ct);
    }

    public async Task<IActionResult> OnPostFindingAsync(string id, string? item, Guid version, string? finding, string? text, CancellationToken ct)
    {
        await samples.RecordFindingAsync(id, item ?? "", version, finding, text, ct);
        TempData["Notice"] = "Recorded your finding.";
        return Back(id);
    }

    public async Task<IActionResult> OnPostRespondAsync(string id, string? item, Guid version, string? response, CancellationToken ct)
    {
        await samples.RespondAsync(id, item ?? "", version, response, ct);
        TempData["Notice"] = "Recorded the Directorate's response.";
        return Back(id);
    }

    private RedirectResult Back(string id) => Redirect("/registers/dip-samples/" + Uri.EscapeDataString(id));
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.SupportProgramme;

/// <summary>A borough's pack as a printable page, with the deliveries and the correction of one.</summary>
[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class PackModel(BoroughPackHandler packs, SupportProgrammeHandler programme, IAuthorizationService authorization) : PageModel
{
    public BoroughPackHandler.View? Pack { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(string unit, CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Pack = await packs.ReadAsync(unit, "view", ct);
    }

    public async Task<IActionResult> OnPostCorrectAsync(string unit, string? delivery, Guid version, DateOnly? deliveredOn, string? audience, string? topics, string? notes, CancellationToken ct)
    {
        await programme.CorrectAsync(unit, delivery ?? "", version, new(null, deliveredOn, audience, topics, notes), ct);
        TempData["Notice"] = "Corrected the delivery.";
        return Redirect("/registers/support/" + Uri.EscapeDataString(unit) + "#deliveries");
    }
}

/// <summary>A borough's pack as a PDF, opened in the browser; the download is on the trail as an export.</summary>
[Authorize(Policy = Policies.ReadRegisters)]
internal sealed class PackPdfModel(BoroughPackHandler packs) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string unit, CancellationToken ct)
    {
        var pack = await packs.ReadAsync(unit, "export", ct);
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = $"support-pack-{unit}.pdf" }.ToString();
        return File(BoroughPackHandler.Pdf(pack), "application/pdf");
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.ServiceConfidence;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class ServiceConfidenceListModel(ServiceConfidenceRegisterHandler register, ServiceConfidenceHandler records, IAuthorizationService authorization)
    : RegisterListPage<ServiceConfidenceRegisterHandler.View>(authorization)
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ShowAsync(() => register.HandleAsync(Unit, Show, ct), () => register.HandleAsync(null, null, ct));

    public async Task<IActionResult> OnPostRecordAsync(string? staff, string? decidedBy, DateOnly? decidedOn, string? reasons, DateOnly? firstReviewOn,
        string? restriction, string? restrictionDetail, CancellationToken ct)
    {
        var id = await records.RecordAsync(new(staff, decidedBy, decidedOn, reasons, firstReviewOn, restriction, restrictionDetail), ct);
        TempData["Notice"] = $"Recorded the loss of confidence as {id}.";
        return Redirect("/registers/service-confidence/" + Uri.EscapeDataString(id));
    }
}

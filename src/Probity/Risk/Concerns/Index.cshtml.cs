using Probity.Risk.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Risk.Concerns;

[Authorize(Policy = Policies.ManageRisk)]
internal sealed class IndexModel(ConcernRegister register, TimeProvider time) : PageModel
{
    public IReadOnlyList<ConcernRegister.Entry> Entries { get; private set; } = [];
    public DateOnly DefaultReview => time.Today().AddMonths(3);

    public async Task OnGetAsync(CancellationToken ct) => Entries = await register.ListAsync(includeClosed: true, ct);

    public async Task<IActionResult> OnPostAddAsync(string category, string? staffId, string? personDescription, string rationale, DateOnly reviewOn, CancellationToken ct)
    {
        var id = await register.AddAsync(new(category, staffId, personDescription, rationale, reviewOn), ct);
        TempData["Notice"] = $"Added {id} to the register.";
        return Redirect("/risk/concerns");
    }

    public async Task<IActionResult> OnPostCloseAsync(string id, Guid version, string reason, CancellationToken ct)
    {
        await register.CloseAsync(id, version, reason, ct);
        TempData["Notice"] = $"Closed {id}.";
        return Redirect("/risk/concerns");
    }
}

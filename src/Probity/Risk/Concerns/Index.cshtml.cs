using Probity.Risk.Contracts;
using Probity.Infrastructure.Time;
using Probity.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Risk.Concerns;

[Authorize(Policy = Policies.ReadPersonsOfConcern)]
[PostPolicy(Policies.ManagePersonsOfConcern)]
internal sealed class IndexModel(ConcernRegister register, TimeProvider time) : PageModel
{
    public IReadOnlyList<ConcernRegister.Entry> Entries { get; private set; } = [];
    public DateOnly DefaultReview => time.Today().AddMonths(3);

    public async Task OnGetAsync(CancellationToken ct) => Entries = await register.ListAsync(includeClosed: true, ct);

    public async Task<IActionResult> OnPostAddAsync(string? category, string? staffId, string? personDescription, string? personId, string? formerStaffId,
        string? rationale, string? reviewOn, CancellationToken ct)
    {
        var review = ConcernRegister.ParseDate(reviewOn, "the review date");
        var id = await register.AddAsync(new(category ?? "", staffId, personDescription, rationale ?? "", review, personId, formerStaffId), ct);
        TempData["Notice"] = $"Added {id} to the register.";
        return Redirect("/risk/concerns/" + Uri.EscapeDataString(id));
    }
}

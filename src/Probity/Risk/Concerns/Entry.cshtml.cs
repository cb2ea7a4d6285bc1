using Probity.Risk.Contracts;
using Probity.Infrastructure.Time;
using Probity.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;

namespace Probity.Risk.Concerns;

/// <summary>One register entry: its reviews, tactics and associated staff, and the actions on it.</summary>
[Authorize(Policy = Policies.ReadPersonsOfConcern)]
[PostPolicy(Policies.ManagePersonsOfConcern)]
internal sealed class ConcernEntryModel(ConcernRegister register, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ConcernRegister.Detail Entry { get; private set; } = null!;
    public DateOnly Today => time.Today();

    public async Task OnGetAsync(CancellationToken ct) => Entry = await register.GetAsync(Id, ct);

    private RedirectResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return Redirect("/risk/concerns/" + Uri.EscapeDataString(Id));
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid version, string? findings, string? nextReviewOn, CancellationToken ct)
    {
        var next = ConcernRegister.ParseDate(nextReviewOn, "the next review date");
        await register.ReviewAsync(Id, version, findings ?? "", next, ct);
        return Done($"Review recorded; next review {next:d MMM yyyy}.");
    }

    public async Task<IActionResult> OnPostTacticAsync(string? tactic, string? startedOn, string? owner, string? notes, string? state, CancellationToken ct)
    {
        var on = ConcernRegister.ParseDate(startedOn, "the tactic's date");
        await register.AddTacticAsync(Id, tactic ?? "", on, owner ?? "", notes ?? "", state ?? "", ct);
        return Done($"{ConcernRegister.TacticWords(tactic ?? "")} recorded.");
    }

    public async Task<IActionResult> OnPostTacticStateAsync(long tacticId, Guid version, string? state, string? notes, CancellationToken ct)
    {
        await register.UpdateTacticAsync(Id, tacticId, version, state ?? "", notes, ct);
        return Done("Tactic updated.");
    }

    public async Task<IActionResult> OnPostAssociateAsync(string? staffId, string? basis, CancellationToken ct)
    {
        await register.AssociateAsync(Id, staffId ?? "", basis ?? "", ct);
        return Done($"{staffId} associated with {Id}.");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid version, string? reason, CancellationToken ct)
    {
        await register.CloseAsync(Id, version, reason ?? "", ct);
        return Done($"Closed {Id}.");
    }
}

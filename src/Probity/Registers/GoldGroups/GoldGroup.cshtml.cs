using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.GoldGroups;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class GoldGroupModel(GoldGroupHandler groups, IAuthorizationService authorization) : PageModel
{
    public GoldGroupHandler.View? Group { get; private set; }
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.ManageRegisters)).Succeeded;
        Group = await groups.ReadAsync(id, foi: false, "view", ct);
    }

    public async Task<IActionResult> OnPostMemberAsync(string id, string? staff, string? name, string? organisation, string? role, DateOnly? joinedOn, CancellationToken ct)
    {
        await groups.AddMemberAsync(id, new(staff, name, organisation, role, joinedOn), ct);
        return Back(id, "Added the member.");
    }

    public async Task<IActionResult> OnPostDecisionAsync(string id, string? decidedBy, DateOnly? decidedOn, string? decision, string? rationale, CancellationToken ct)
    {
        await groups.DecideAsync(id, new(decidedBy, decidedOn, decision, rationale), ct);
        return Back(id, "Recorded the decision.");
    }

    public async Task<IActionResult> OnPostActionAsync(string id, string? action, string? owner, DateOnly? dueOn, CancellationToken ct)
    {
        await groups.SetActionAsync(id, new(action, owner, dueOn), ct);
        return Back(id, "Recorded the action.");
    }

    public async Task<IActionResult> OnPostMoveAsync(string id, string? actionId, Guid version, string? state, string? note, CancellationToken ct)
    {
        await groups.MoveActionAsync(id, actionId, version, state, note, ct);
        return Back(id, "Updated the action.");
    }

    public async Task<IActionResult> OnPostMinutesAsync(string id, DateOnly? heldOn, string? minutes, CancellationToken ct)
    {
        await groups.MinutesAsync(id, heldOn, minutes, ct);
        return Back(id, "Recorded the minutes.");
    }

    public async Task<IActionResult> OnPostCloseAsync(string id, Guid version, string? note, CancellationToken ct)
    {
        await groups.CloseAsync(id, version, note, ct);
        return Back(id, "Stood the group down.");
    }

    private RedirectResult Back(string id, string notice)
    {
        TempData["Notice"] = notice;
        return Redirect("/registers/gold/" + Uri.EscapeDataString(id));
    }
}

/// <summary>The FOI export as a printable page: outside members' names withheld.</summary>
[Authorize(Policy = Policies.ReadRegisters)]
internal sealed class GoldGroupFoiModel(GoldGroupHandler groups) : PageModel
{
    public GoldGroupHandler.View? Group { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct) => Group = await groups.ReadAsync(id, foi: true, "export", ct);
}

/// <summary>The FOI export as a PDF, opened in the browser; the download is on the trail as an export.</summary>
[Authorize(Policy = Policies.ReadRegisters)]
internal sealed class GoldGroupFoiPdfModel(GoldGroupHandler groups) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var g = await groups.ReadAsync(id, foi: true, "export", ct);
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = $"gold-group-{id}-foi.pdf" }.ToString();
        return File(GoldGroupHandler.Pdf(g), "application/pdf");
    }
}

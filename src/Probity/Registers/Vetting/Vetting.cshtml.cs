using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Registers.Vetting;

[Authorize(Policy = Policies.ReadRegisters)]
[PostPolicy(Policies.ManageRegisters)]
internal sealed class VettingModel(VettingRegisterHandler register, RecordVettingHandler record, IAuthorizationService authorization) : RegisterListPage<VettingRegisterHandler.View>(authorization)
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ShowAsync(() => register.HandleAsync(Unit, Show, ct), () => register.HandleAsync(null, null, ct));

    public async Task<IActionResult> OnPostClearanceAsync(string? person, string? level, string? outcome, DateOnly? decidedOn, DateOnly? expiresOn, string? note, CancellationToken ct)
    {
        await record.RecordClearanceAsync(new(person, level, outcome, decidedOn, expiresOn, note), ct);
        TempData["Notice"] = "Recorded the clearance.";
        return Back();
    }

    public async Task<IActionResult> OnPostPostAsync(string? postUnit, string? title, string? requiredLevel, string? holder, CancellationToken ct)
    {
        await record.AddPostAsync(new(postUnit, title, requiredLevel, holder), ct);
        TempData["Notice"] = "Added the post.";
        return Back();
    }

    public async Task<IActionResult> OnPostHolderAsync(string postId, Guid version, string? holder, CancellationToken ct)
    {
        await record.SetHolderAsync(postId, version, holder, ct);
        TempData["Notice"] = "Changed who holds the post.";
        return Back();
    }

    public async Task<IActionResult> OnPostFamilyAsync(string? name, string? group, string? organisation, string? familyUnit, CancellationToken ct)
    {
        await record.AddFamilyMemberAsync(new(name, group, organisation, familyUnit), ct);
        TempData["Notice"] = $"Recorded {name?.Trim()}; record their clearance below.";
        return Back();
    }

    private RedirectResult Back() => Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/registers/vetting",
        new Dictionary<string, string?> { ["unit"] = Unit, ["show"] = Show }.Where(p => !string.IsNullOrEmpty(p.Value))));
}

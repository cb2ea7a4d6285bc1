using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Identity.Administration;

/// <summary>Administrators: one account, and what can be done to it. Every form carries the account's concurrency stamp.</summary>
[Authorize(Policy = Policies.Administer)]
internal sealed class UserModel(AdministerUsers administer, Workforce.Contracts.UnitDirectory units) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty] public string Stamp { get; set; } = "";
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public List<string> AccountRoles { get; set; } = [];
    [BindProperty] public string? Borough { get; set; }

    /// <summary>The boroughs an account can be scoped to, by name (ADR 0026).</summary>
    public IReadOnlyList<Workforce.Contracts.Unit> Boroughs { get; private set; } = [];

    public AdministerUsers.UserAccount Account { get; private set; } = null!;
    public string? OneTimePassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Account = await administer.GetAsync(Name, ct);
        Boroughs = await units.BoroughsAsync(ct);
    }

    public async Task<IActionResult> OnPostBoroughAsync(CancellationToken ct)
    {
        await administer.SetBoroughAsync(Name, Stamp, Borough, ct);
        return Done(string.IsNullOrWhiteSpace(Borough) ? "Borough cleared: the account is no longer kept to one borough's cases; its sessions have ended."
            : "Borough set: the account sees and handles only that borough's cases; its sessions have ended.");
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await administer.UpdateAsync(Name, Stamp, DisplayName, Team, AccountRoles, ct);
        return Done("Saved.");
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        await administer.DisableAsync(Name, Stamp, ct);
        return Done("Disabled: the account cannot sign in, and its sessions have ended.");
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        await administer.EnableAsync(Name, Stamp, ct);
        return Done("Enabled.");
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        await administer.UnlockAsync(Name, ct);
        return Done("Sign-in delays cleared.");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct)
    {
        await administer.ResetTwoFactorAsync(Name, Stamp, ct);
        return Done("Two-factor sign-in reset: they set up an authenticator again at their next sign-in.");
    }

    /// <summary>Shown on this response only (never in a redirect or a cookie).</summary>
    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct)
    {
        OneTimePassword = await administer.ResetPasswordAsync(Name, Stamp, ct);
        Account = await administer.GetAsync(Name, ct);
        Boroughs = await units.BoroughsAsync(ct);
        return Page();
    }

    private RedirectResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return Redirect("/admin/users/" + Uri.EscapeDataString(Name));
    }
}

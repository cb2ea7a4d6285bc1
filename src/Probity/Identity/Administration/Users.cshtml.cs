using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Identity.Administration;

/// <summary>Administrators: every account (no case data), and a form to add one.</summary>
[Authorize(Policy = Policies.Administer)]
internal sealed class UsersModel(AdministerUsers administer, Workforce.Contracts.UnitDirectory units) : PageModel
{
    public IReadOnlyList<AdministerUsers.UserAccount> Accounts { get; private set; } = [];
    /// <summary>Borough names by unit id, for the accounts kept to a borough (ADR 0026).</summary>
    public IReadOnlyDictionary<string, string> BoroughNames { get; private set; } = new Dictionary<string, string>();

    [BindProperty] public string NewUserName { get; set; } = "";
    [BindProperty] public string NewDisplayName { get; set; } = "";
    [BindProperty] public string? NewTeam { get; set; }
    [BindProperty] public List<string> NewRoles { get; set; } = [];

    /// <summary>Shown once, after creating an account: to be handed to the person, who replaces it at first sign-in.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        OneTimePassword = await administer.CreateAsync(NewUserName, NewDisplayName, NewTeam, NewRoles, ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await administer.ListAsync(ct);
        BoroughNames = (await units.BoroughsAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
    }
}

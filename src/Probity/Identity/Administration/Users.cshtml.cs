using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Identity.Administration;

/// <summary>Administrators: every account (no case data), and a form to add one.</summary>
[Authorize(Policy = Policies.Administer)]
internal sealed class UsersModel(AdministerUsers administer) : PageModel
{
    public IReadOnlyList<AdministerUsers.UserAccount> Accounts { get; private set; } = [];

    [BindProperty] public string NewUserName { get; set; } = "";
    [BindProperty] public string NewDisplayName { get; set; } = "";
    [BindProperty] public string? NewTeam { get; set; }
    [BindProperty] public List<string> NewRoles { get; set; } = [];

    /// <summary>Shown once, after creating an account: to be handed to the person, who replaces it at first sign-in.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await administer.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        OneTimePassword = await administer.CreateAsync(NewUserName, NewDisplayName, NewTeam, NewRoles, ct);
        Accounts = await administer.ListAsync(ct);
        return Page();
    }
}

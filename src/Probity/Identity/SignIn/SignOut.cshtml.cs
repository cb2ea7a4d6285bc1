using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Identity.SignIn;

/// <summary>Signing out ends the person's sessions everywhere (SignInFlow.SignOutAsync).</summary>
internal sealed class SignOutModel(SignInFlow flow) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await flow.SignOutAsync(ct);
        return Redirect("/account/sign-in");
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Identity.SignIn;

/// <summary>After signing in with an administrator's one-time password (and the second factor): choose a password.</summary>
internal sealed class NewPasswordModel(SignInFlow flow) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Type a new password."), DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Type it again."), DataType(DataType.Password)] public string Confirm { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() => await flow.AwaitsNewPasswordAsync() ? Page() : Redirect("/account/sign-in");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        return TwoFactorModel.Next(this, await flow.SetPasswordAsync(Password, Confirm, ct));
    }
}

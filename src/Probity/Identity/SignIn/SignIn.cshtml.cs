using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.AuditTrail;

namespace Probity.Identity.SignIn;

public sealed class SignInModel(SignInManager<ProbityUser> signIn, AuditTrailWriter trail) : PageModel
{
    [BindProperty, Required] public string UserName { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(UserName, Password, isPersistent: false, lockoutOnFailure: true);
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!result.Succeeded)
        {
            await trail.RecordAsync(new AuditRecord(UserName, result.IsLockedOut ? "sign_in_locked_out" : "sign_in_failed", "account:" + UserName, null, client), ct);
            ModelState.AddModelError("", result.IsLockedOut ? "This account is locked after too many failed attempts. Try again in 15 minutes." : "The user name or password is not right.");
            return Page();
        }
        await trail.RecordAsync(new AuditRecord(UserName, "sign_in", "account:" + UserName, null, client), ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}

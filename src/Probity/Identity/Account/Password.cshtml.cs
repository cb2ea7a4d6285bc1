using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.SignIn;

namespace Probity.Identity.Account;

/// <summary>A signed-in person changes their own password; their other sessions end (SignInFlow.ChangePasswordAsync).</summary>
internal sealed class PasswordModel(SignInFlow flow) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Type your current password."), DataType(DataType.Password)] public string Current { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Type a new password."), DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Type it again."), DataType(DataType.Password)] public string Confirm { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var answer = await flow.ChangePasswordAsync(Current, Password, Confirm, ct);
        if (answer.Step == SignInStep.Done)
        {
            TempData["Notice"] = "Your password is changed. Any other session of yours has ended.";
            return Redirect("/");
        }
        ModelState.AddModelError("", answer.Message ?? "That did not work.");
        if (answer.Step == SignInStep.Throttled) Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}

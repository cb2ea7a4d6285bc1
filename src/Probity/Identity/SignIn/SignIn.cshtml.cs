using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Identity.SignIn;

/// <summary>The first step: user name and password (SignInFlow decides what comes next).</summary>
internal sealed class SignInModel(SignInFlow flow) : PageModel
{
    // No length limit here: SignInFlow refuses an over-long name itself, so the refusal is on the audit trail (bounded).
    [BindProperty, Required(ErrorMessage = "Type your user name.")] public string UserName { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Type your password."), DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var answer = await flow.PasswordAsync(UserName, Password, ReturnUrl, ct);
        switch (answer.Step)
        {
            case SignInStep.Enrol: return Redirect("/account/enrol");
            case SignInStep.Code: return Redirect("/account/two-factor");
            default:
                Password = "";
                if (UserName.Length > SignInFlow.MaxUserName)
                {
                    // Not echoed back: the input would otherwise show the attempted value from the model state.
                    ModelState.Remove(nameof(UserName));
                    UserName = "";
                }
                ModelState.AddModelError("", answer.Message ?? SignInFlow.WrongPassword);
                Response.StatusCode = answer.Step switch
                {
                    SignInStep.Throttled => StatusCodes.Status429TooManyRequests,
                    SignInStep.Refused => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status200OK,
                };
                return Page();
        }
    }
}

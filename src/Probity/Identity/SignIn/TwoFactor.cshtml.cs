using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probity.Identity.SignIn;

/// <summary>The second step for an enrolled account: the authenticator's code, or a recovery code.</summary>
internal sealed class TwoFactorModel(SignInFlow flow) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Type the code from your authenticator app.")] public string Code { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() => await flow.IsPendingAsync() ? Page() : Redirect("/account/sign-in");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var answer = await flow.CodeAsync(Code, ct);
        return Next(this, answer);
    }

    /// <summary>Where each answer of the sign-in steps leads (shared by the code, enrolment and new-password pages).</summary>
    internal static IActionResult Next(PageModel page, SignInAnswer answer)
    {
        switch (answer.Step)
        {
            case SignInStep.Done: return new LocalRedirectResult(answer.ReturnUrl ?? "/");
            case SignInStep.Enrol: return new RedirectResult("/account/enrol");
            case SignInStep.Code: return new RedirectResult("/account/two-factor");
            case SignInStep.NewPassword: return new RedirectResult("/account/new-password");
            case SignInStep.Expired:
                page.TempData["Error"] = answer.Message;
                return new RedirectResult("/account/sign-in");
            default:
                page.ModelState.AddModelError("", answer.Message ?? "That did not work.");
                if (answer.Step == SignInStep.Throttled) page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return page.Page();
        }
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Probity.Kernel;

namespace Probity.Intelligence.MakeReport;

/// <summary>
/// Right Line: anyone on the intranet reports wrongdoing without signing in. The answer to the post is the page showing
/// the reference and passphrase, once (no redirect: carrying them to another page would need a cookie or the URL).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IntelligenceModule.ReporterRateLimit)]
internal sealed class MakeReportModel(RightLineReporting reporting) : PageModel
{
    [BindProperty] public string? Account { get; set; }

    public RightLineReporting.Receipt? Receipt { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            Receipt = await reporting.MakeAsync(Account ?? "", ct);
            Account = null;
        }
        catch (ActionRefusedException refused)
        {
            // Shown here, not through the usual redirect: that carries the message in a cookie.
            ModelState.AddModelError(nameof(Account), refused.Message);
        }
        return Page();
    }
}

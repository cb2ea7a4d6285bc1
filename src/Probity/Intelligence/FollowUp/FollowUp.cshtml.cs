using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Probity.Kernel;

namespace Probity.Intelligence.FollowUp;

/// <summary>
/// The reporter comes back with the reference and passphrase: reads the Bureau's replies and answers them. The pair is
/// posted with each action (never in the URL, never in a cookie); the page is not cached (the host's Cache-Control).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IntelligenceModule.ReporterRateLimit)]
internal sealed class FollowUpModel(RightLineReporting reporting) : PageModel
{
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Passphrase { get; set; }
    [BindProperty] public string? Message { get; set; }

    public RightLineReporting.Conversation? Conversation { get; private set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostOpenAsync(CancellationToken ct) => AnswerAsync(() => reporting.OpenAsync(Reference, Passphrase, ct));

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken ct)
    {
        var page = await AnswerAsync(() => reporting.AnswerAsync(Reference, Passphrase, Message, ct));
        if (ModelState.IsValid)
        {
            Sent = true;
            Message = null;
            ModelState.Remove(nameof(Message));
        }
        return page;
    }

    private async Task<IActionResult> AnswerAsync(Func<Task<RightLineReporting.Conversation>> act)
    {
        try
        {
            Conversation = await act();
        }
        catch (Exception e) when (e is ActionRefusedException or EditConflictException)
        {
            // Shown on this page, not through the usual redirect, which carries the message in a cookie.
            ModelState.AddModelError("", e.Message);
        }
        return Page();
    }
}

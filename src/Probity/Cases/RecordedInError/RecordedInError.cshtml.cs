using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;

namespace Probity.Cases.RecordedInError;

/// <summary><c>/cases/{id}/recorded-in-error</c>: a senior manager withdraws the case as recorded in error, or reinstates it.</summary>
[Authorize(Policy = Policies.EditCases)]
[Authorize(Policy = Policies.WithdrawCasesRecordedInError)]
internal sealed class RecordedInErrorPage(RecordedInErrorHandler handler, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Reason { get; set; }

    /// <summary>Why it was withdrawn, from the timeline (the latest withdrawal).</summary>
    public ViewCase.ViewCaseHandler.TimelineEntry? Withdrawal => View.Timeline.LastOrDefault(e => e.Kind == "recorded_in_error");

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        // The form says which it is from the case as it was opened; the version makes sure it is still so.
        var reinstate = Request.Form["action"] == "reinstate";
        await handler.HandleAsync(new(Id, Version, reinstate, Reason), ct);
        return reinstate ? "Case reinstated." : "Case withdrawn as recorded in error.";
    }, ct);
}

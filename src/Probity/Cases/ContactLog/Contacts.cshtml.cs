using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Identity.Contracts;

namespace Probity.Cases.ContactLog;

/// <summary>The contact log with the complainant: every contact and letter so far, when the next update is due, and a form to log one.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class ContactsPage(LogContactHandler log, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "date of the contact")] public DateOnly? On { get; set; }
    [BindProperty] public string? Way { get; set; }
    [BindProperty] public string? Summary { get; set; }

    /// <summary>The contacts and letters so far, newest first.</summary>
    public IEnumerable<ViewCase.ViewCaseHandler.TimelineEntry> Contacts =>
        View.Timeline.Where(e => ComplainantUpdates.UpdateKinds.Contains(e.Kind)).OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.RecordedAt);

    protected override void StartFrom(Contracts.Case c) => On = Today;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var on = await log.HandleAsync(new(Id, Version, On, Way, Summary), ct);
        return $"Contact with the complainant on {on:d MMM yyyy} logged on case {Id}.";
    }, ct);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;

namespace Probity.Cases.ConductHearings;

/// <summary>Arrange a misconduct meeting or gross misconduct hearing, and record how one went.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class ConductHearingPage(ConductHearingsHandler hearings, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "officer")] public string? StaffId { get; set; }
    [BindProperty, Display(Name = "kind")] public string? Kind { get; set; }
    [BindProperty, Display(Name = "date of the meeting or hearing")] public DateOnly HeldOn { get; set; }
    [BindProperty, Display(Name = "chair")] public string? Chair { get; set; }
    [BindProperty, Display(Name = "panel members")] public string? Members { get; set; }

    [BindProperty, Display(Name = "meeting or hearing")] public string? HearingId { get; set; }
    [BindProperty, Display(Name = "attendance")] public string? Attendance { get; set; }
    [BindProperty, Display(Name = "outcome")] public string? Outcome { get; set; }
    [BindProperty, Display(Name = "outcome date")] public DateOnly DecidedOn { get; set; }
    [BindProperty, Display(Name = "reasons")] public string? Reason { get; set; }

    /// <summary>The latest date a meeting may be arranged for: the calendar's last day.</summary>
    public string Latest => Probity.Infrastructure.Time.WorkingDays.LastDate.ToString("yyyy-MM-dd");

    protected override void StartFrom(Case c)
    {
        HeldOn = Today;
        DecidedOn = Today;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var id = await hearings.ArrangeAsync(new(Id, Version, StaffId, Kind, HeldOn, Chair, Members), ct);
        return $"{Kernel.Vocabulary.Describe(Kind)} {id} arranged.";
    }, ct);

    public Task<IActionResult> OnPostOutcomeAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await hearings.RecordOutcomeAsync(new(Id, Version, HearingId, Attendance, Outcome, DecidedOn, Reason), ct);
        return $"Outcome of {HearingId} recorded.";
    }, ct);
}

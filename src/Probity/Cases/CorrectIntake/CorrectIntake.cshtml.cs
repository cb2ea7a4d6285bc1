using Probity.Workforce.Contracts;
using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.CorrectIntake;

/// <summary>The intake as it should be: the form starts from the current values and only what differs is a correction.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class CorrectIntakePage(CorrectIntakeHandler correct, UnitDirectory units, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "case type")] public string? CaseType { get; set; }
    [BindProperty, Display(Name = "received date")] public DateOnly ReceivedOn { get; set; }
    [BindProperty, Display(Name = "recorded date")] public DateOnly? RecordedOn { get; set; }
    [BindProperty, Display(Name = "source")] public string? Source { get; set; }
    [BindProperty, Display(Name = "where it arose")] public string? LocationUnitId { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    protected override void StartFrom(Case c)
    {
        (CaseType, ReceivedOn, RecordedOn, Source, LocationUnitId, Summary) = (c.CaseType, c.ReceivedOn, c.RecordedOn, c.Source, c.LocationUnitId, c.Summary);
    }

    protected override async Task LoadChoicesAsync(CancellationToken ct) => Units = await units.HandlingUnitsAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await correct.HandleAsync(new(Id, Version, CaseType, ReceivedOn, RecordedOn, Source, LocationUnitId, Summary, Reason), ct);
        return "Intake details corrected.";
    }, ct);
}

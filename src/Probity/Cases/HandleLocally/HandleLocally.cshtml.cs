using Probity.Identity.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.HandleLocally;

/// <summary>Hands a matter short of gross misconduct to the borough where it arose (ADR 0026), or says why it cannot go.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class HandleLocallyPage(HandleLocallyHandler local, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "date")] public DateOnly On { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public HandleLocallyHandler.Readiness Ready { get; private set; } = new(null, null);

    protected override void StartFrom(Contracts.Case c) => On = Today;

    protected override async Task LoadChoicesAsync(CancellationToken ct) => Ready = await local.ReadinessAsync(Case, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await local.HandleAsync(new(Id, Version, On, Reason), ct);
        return "Handed to the borough to handle locally.";
    }, ct);
}

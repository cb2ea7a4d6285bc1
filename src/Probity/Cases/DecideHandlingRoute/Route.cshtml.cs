using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.DecideHandlingRoute;

[Authorize(Policy = Policies.EditCases)]
internal sealed class DecideHandlingRoutePage(DecideHandlingRouteHandler decide, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "route")] public string? Route { get; set; }
    [BindProperty, Display(Name = "decision date")] public DateOnly Date { get; set; }
    [BindProperty] public string? Reason { get; set; }

    protected override void StartFrom(Case c)
    {
        Route = c.HandlingRoute;
        Date = Today;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await decide.HandleAsync(new(Id, Version, Route ?? "", Date, Reason), ct);
        return $"Handling route recorded: {Kernel.Vocabulary.Describe(Route)}.";
    }, ct);
}

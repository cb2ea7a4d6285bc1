using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.AssignCase;

[Authorize(Policy = Policies.EditCases)]
internal sealed class AssignCasePage(AssignCaseHandler assign, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty] public string? Investigator { get; set; }
    [BindProperty] public string? Supervisor { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public AssignCaseHandler.Choices Choices { get; private set; } = new(new([]), new([]));

    protected override void StartFrom(Case c)
    {
        Investigator = Choices.Investigators.Show(c.InvestigatingOfficer);
        Supervisor = Choices.Supervisors.Show(c.Supervisor);
    }

    protected override async Task LoadChoicesAsync(CancellationToken ct) => Choices = await assign.ChoicesAsync(Case, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        await assign.HandleAsync(new(Id, Version, Investigator, Supervisor, Reason), ct);
        return "Investigating officer and supervisor named.";
    }, ct);
}

using Probity.Workforce.Contracts;
using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.AllocateCase;

[Authorize(Policy = Policies.EditCases)]
internal sealed class AllocateCasePage(AllocateCaseHandler allocate, UnitDirectory units, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "handling unit")] public string? UnitId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public Probity.Infrastructure.Web.ChoiceList Units { get; private set; } = new([]);

    protected override void StartFrom(Case c) => UnitId = c.HandlingUnitId;

    protected override async Task LoadChoicesAsync(CancellationToken ct) => Units = UnitDirectory.Choices(await units.HandlingUnitsAsync(ct));

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var unit = await units.ChooseAsync(UnitId, "Handling unit", handlingOnly: true, ct);
        await allocate.HandleAsync(new(Id, Version, unit, Reason), ct);
        return "Case allocated.";
    }, ct);
}

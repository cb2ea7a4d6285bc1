using Probity.Identity.Contracts;
using Probity.Cases.Contracts;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Probity.Cases.LodgeAppeal;

[Authorize(Policy = Policies.EditCases)]
internal sealed class LodgeAppealPage(LodgeAppealHandler lodge, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    [BindProperty, Display(Name = "appeal type")] public string? AppealType { get; set; }
    [BindProperty, Display(Name = "lodged date")] public DateOnly Date { get; set; }
    /// <summary>For an appeal to the Police Appeals Tribunal: the hearing whose outcome is appealed.</summary>
    [BindProperty, Display(Name = "hearing")] public string? HearingId { get; set; }

    protected override void StartFrom(Case c)
    {
        // The appeal the handling route carries, where it carries one.
        AppealType = View.Rulebook.Route(c.HandlingRoute)?.AppealType;
        Date = Today;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var appealId = await lodge.HandleAsync(new(Id, Version, AppealType ?? "", Date, string.IsNullOrEmpty(HearingId) ? null : HearingId), ct);
        return $"Appeal {appealId} lodged.";
    }, ct);
}

using Probity.Workforce.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Cases.Appeals;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Cases.ViewCase;

/// <summary>The case page. Each form posts to one operation's handler; refusals come back as a message on this page.</summary>
[Authorize(Policy = Policies.ReadCases)]
[PostPolicy(Policies.EditCases)]
[PostPolicy(Policies.RestrictCases, Handler = "Restrict")]
public sealed class CaseModel(ViewCaseHandler view, IAuthorizationService authz, UnitDirectory units, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ViewCaseHandler.View View { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanRestrict { get; private set; }
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public DateOnly Today => time.Today();

    /// <summary>
    /// A form value that could not be read (a date that is not a date) is refused with its name before the operation
    /// runs: otherwise it would arrive as 1 Jan 0001 and be refused for the wrong reason. Called by each handler, so
    /// only after the post's own authorization.
    /// </summary>
    private void RequireReadableForm()
    {
        // Empty values are left to the operation, which says what is missing in its own words ("Give the reason ...").
        var unreadable = ModelState.Where(e => e.Value?.Errors.Count > 0 && !string.IsNullOrEmpty(e.Value.AttemptedValue))
            .Select(e => $"'{e.Value!.AttemptedValue}' is not a valid {e.Key}.").ToList();
        if (unreadable.Count > 0) throw new Kernel.ActionRefusedException("Nothing was changed: " + string.Join(" ", unreadable));
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await view.HandleAsync(Id, ct);
        CanEdit = (await authz.AuthorizeAsync(User, Policies.EditCases)).Succeeded;
        CanRestrict = (await authz.AuthorizeAsync(User, Policies.RestrictCases)).Succeeded;
        if (CanEdit) Units = await units.HandlingUnitsAsync(ct);
    }

    public async Task<IActionResult> OnPostRouteAsync(Guid version, string route, DateOnly date, string? reason, [FromServices] DecideHandlingRoute.DecideHandlingRouteHandler decide, CancellationToken ct)
    {
        RequireReadableForm();
        await decide.HandleAsync(new(Id, version, route, date, reason), ct);
        return Done($"Handling route recorded: {Kernel.Vocabulary.Describe(route)}.");
    }

    public async Task<IActionResult> OnPostAllocateAsync(Guid version, string unitId, string? reason, [FromServices] AllocateCase.AllocateCaseHandler allocate, CancellationToken ct)
    {
        RequireReadableForm();
        await allocate.HandleAsync(new(Id, version, unitId, reason), ct);
        return Done("Case allocated.");
    }

    public async Task<IActionResult> OnPostFindingAsync(Guid version, string allegationId, string finding, DateOnly date, [FromServices] RecordFinding.RecordFindingHandler record, CancellationToken ct)
    {
        RequireReadableForm();
        await record.HandleAsync(new(Id, version, allegationId, finding, date, null), ct);
        return Done($"Finding recorded on {allegationId}.");
    }

    public async Task<IActionResult> OnPostSanctionAsync(Guid version, string staffId, string outcome, DateOnly date, [FromServices] RecordSanction.RecordSanctionHandler record, CancellationToken ct)
    {
        RequireReadableForm();
        await record.HandleAsync(new(Id, version, staffId, outcome, date, null), ct);
        return Done("Outcome recorded.");
    }

    public async Task<IActionResult> OnPostLodgeAppealAsync(Guid version, string appealType, DateOnly date, [FromServices] LodgeAppeal lodge, CancellationToken ct)
    {
        RequireReadableForm();
        var appealId = await lodge.HandleAsync(new(Id, version, appealType, date), ct);
        return Done($"Appeal {appealId} lodged.");
    }

    public async Task<IActionResult> OnPostDecideAppealAsync(Guid version, string appealId, bool upheld, DateOnly date, string? reason, [FromServices] DecideAppeal decide, CancellationToken ct)
    {
        RequireReadableForm();
        await decide.HandleAsync(new(Id, version, appealId, upheld, date, reason), ct);
        return Done($"Appeal {appealId} decided.");
    }

    public async Task<IActionResult> OnPostDecisionAsync(Guid version, string decision, DateOnly date, string reason, [FromServices] RecordDecision.RecordDecisionHandler record, CancellationToken ct)
    {
        RequireReadableForm();
        await record.HandleAsync(new(Id, version, decision, date, reason), ct);
        return Done("Decision recorded.");
    }

    public async Task<IActionResult> OnPostFinaliseAsync(Guid version, DateOnly date, [FromServices] FinaliseCase.FinaliseCaseHandler finalise, CancellationToken ct)
    {
        RequireReadableForm();
        await finalise.HandleAsync(new(Id, version, date, null), ct);
        return Done("Case finalised.");
    }

    public async Task<IActionResult> OnPostCorrectIntakeAsync(Guid version, string? caseType, DateOnly receivedOn, DateOnly? recordedOn, string? source, string? locationUnitId,
        string? summary, string? reason, [FromServices] CorrectIntake.CorrectIntakeHandler correct, CancellationToken ct)
    {
        RequireReadableForm();
        await correct.HandleAsync(new(Id, version, caseType, receivedOn, recordedOn, source, locationUnitId, summary, reason), ct);
        return Done("Intake details corrected.");
    }

    public async Task<IActionResult> OnPostRestrictAsync(Guid version, string? principals, string reason, [FromServices] RestrictCase.RestrictCaseHandler restrict, CancellationToken ct)
    {
        RequireReadableForm();
        await restrict.HandleAsync(new(Id, version, (principals ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), reason), ct);
        return Done("Case restricted.");
    }

    private RedirectResult Done(string message)
    {
        TempData["Notice"] = message;
        return Redirect($"/cases/{Uri.EscapeDataString(Id)}");
    }
}

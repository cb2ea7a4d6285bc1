using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity;
using Probity.Infrastructure.Web;

namespace Probity.Risk.Meeting;

[Authorize(Policy = Policies.ReadRisk)]
[PostPolicy(Policies.ManageRisk)]
public sealed class IndexModel(RiskMeeting meeting, RiskFactsCache facts, IAuthorizationService authz, TimeProvider time, Cases.CaseReferences references) : PageModel
{
    public RiskMeeting.Agenda Agenda { get; private set; } = null!;
    public IReadOnlyList<Cases.CaseDateWarning> DateExclusions { get; private set; } = [];
    public bool CanDecide { get; private set; }

    public async Task OnGetAsync([FromQuery] DateOnly? on, CancellationToken ct)
    {
        CanDecide = (await authz.AuthorizeAsync(User, Policies.ManageRisk)).Succeeded;
        Agenda = await meeting.AgendaAsync(WorkingDays.RequireCovered(on ?? time.Today(), "the meeting date"), ct);
        DateExclusions = await references.VisibleAsync((await facts.GetAsync(ct)).DateExclusions, w => w.CaseId, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(string subject, string subjectId, string? ruleId, string decision, string notes, DateOnly? followUpOn, DateOnly on, CancellationToken ct)
    {
        await meeting.DecideAsync(new(subject, subjectId, ruleId, decision, notes, time.Today(), followUpOn), ct);
        TempData["Notice"] = $"Decision recorded for {subjectId}.";
        return Redirect($"/risk/meeting?on={on:yyyy-MM-dd}");
    }

    public async Task<IActionResult> OnPostOutcomeAsync(long id, string outcome, DateOnly on, CancellationToken ct)
    {
        await meeting.RecordOutcomeAsync(id, outcome, ct);
        TempData["Notice"] = "Outcome recorded.";
        return Redirect($"/risk/meeting?on={on:yyyy-MM-dd}");
    }
}

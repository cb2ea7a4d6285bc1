using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Probity.Identity.Contracts;
using Probity.Kernel;
using Probity.Infrastructure.Web;

namespace Probity.Risk.Meeting;

/// <summary>
/// The Risk Management meeting's agenda pack: what is new or escalated since the last meeting, ranked, paged, with what
/// was decided marked on each row. A decision saves in place (risk-meeting.js posts the row's form and marks it); without
/// script the form posts and the page comes back, as before.
/// </summary>
[Authorize(Policy = Policies.ReadRisk)]
[PostPolicy(Policies.ManageRisk)]
internal sealed class IndexModel(RiskMeeting meeting, RiskFactsCache facts, IAuthorizationService authz, TimeProvider time, Cases.Contracts.CaseReferences references) : PageModel
{
    public const int PageSize = RiskMeeting.PageSize;

    public RiskMeeting.Agenda Agenda { get; private set; } = null!;
    public IReadOnlyList<Cases.Contracts.CaseDateWarning> DateExclusions { get; private set; } = [];
    public bool CanDecide { get; private set; }
    // "page" is also Razor Pages' own route value (the page's name), which binding would read first: the query string only.
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public int Pages => RiskMeeting.Pages(Agenda.Flags.Count);
    /// <summary>This page of the agenda, with the case references the reader may not see withheld (<see cref="Flags.FlagReferences"/>).</summary>
    public IReadOnlyList<RiskMeeting.AgendaFlag> Shown { get; private set; } = [];
    private IReadOnlySet<string> _hiddenInNotes = new HashSet<string>();

    /// <summary>A follow-up's notes, which can quote any case, with the ones the reader may not see withheld.</summary>
    public string Notes(Probity.Risk.Contracts.RiskIntervention followUp) => Cases.Contracts.CaseReferences.Redact(followUp?.Notes, _hiddenInNotes) ?? "";

    public async Task OnGetAsync([FromQuery] DateOnly? on, CancellationToken ct)
    {
        CanDecide = (await authz.AuthorizeAsync(User, Policies.ManageRisk)).Succeeded;
        Agenda = await meeting.AgendaAsync(WorkingDays.RequireCovered(on ?? time.Today(), "the meeting date"), withRegister: (await authz.AuthorizeAsync(User, Policies.ReadPersonsOfConcern)).Succeeded, PageNumber, ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var page = Agenda.Flags.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var flags = await Flags.FlagReferences.ForReaderAsync(references, [.. page.Select(i => i.Flag)], ct);
        Shown = [.. page.Select((item, i) => item with { Flag = flags[i] })];
        _hiddenInNotes = await references.HiddenAsync(Agenda.FollowUpsDue.SelectMany(i => Cases.Contracts.CaseReferences.Words(i.Notes)), ct);
        DateExclusions = await references.VisibleAsync((await facts.GetAsync(ct)).DateExclusions, w => w.CaseId, ct);
    }

    public string PageLink(int page) => QueryHelpers.AddQueryString("/risk/meeting", new Dictionary<string, string?>
    {
        ["on"] = Agenda.MeetingOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>Whether the post came from risk-meeting.js, which wants the outcome as JSON instead of the page again.</summary>
    private bool WantsJson => Request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    public async Task<IActionResult> OnPostDecideAsync(string subject, string subjectId, string? ruleId, string decision, string notes, DateOnly? followUpOn, DateOnly on, CancellationToken ct)
    {
        var today = time.Today();
        if (!WantsJson)
        {
            await meeting.DecideAsync(new(subject, subjectId, ruleId, decision, notes, today, followUpOn), ct);
            TempData["Notice"] = $"Decision recorded for {subjectId}.";
            return Redirect($"/risk/meeting?on={on:yyyy-MM-dd}&page={PageNumber}");
        }
        try
        {
            var id = await meeting.DecideAsync(new(subject, subjectId, ruleId, decision, notes, today, followUpOn), ct);
            return new JsonResult(new
            {
                id, decided = true, decision = Vocabulary.Describe(decision), decidedOn = today.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                decidedBy = User.Identity?.Name, message = $"Decision recorded for {subjectId}: {Vocabulary.Describe(decision)}.",
            });
        }
        catch (ActionRefusedException ex)
        {
            return new JsonResult(new { decided = false, message = ex.Message }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }
    }

    public async Task<IActionResult> OnPostOutcomeAsync(long id, string outcome, DateOnly on, CancellationToken ct)
    {
        await meeting.RecordOutcomeAsync(id, outcome, ct);
        TempData["Notice"] = "Outcome recorded.";
        return Redirect($"/risk/meeting?on={on:yyyy-MM-dd}");
    }
}

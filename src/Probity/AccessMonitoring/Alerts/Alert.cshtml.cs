using Probity.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Infrastructure.Time;
using Probity.Infrastructure.Web;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>One alert, evidence first, with the decisions open to investigators and senior managers.</summary>
[Authorize(Policy = Policies.ReadMonitoring)]
[PostPolicy(Policies.ManageMonitoring)]
internal sealed class AlertModel(ViewAlert view, IAuthorizationService authz, DirectoratePeople people, Risk.Contracts.ConcernMarkers concerns, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ViewAlert.View View { get; private set; } = null!;
    public bool CanDecide { get; private set; }
    /// <summary>Whether the reader may also record intelligence (investigators; not senior managers).</summary>
    public bool CanRecordIntelligence { get; private set; }
    /// <summary>Who the alert can be assigned to (investigators and senior managers, not the person it is about), offered by name.</summary>
    public ChoiceList Assignees { get; private set; } = new([]);
    /// <summary>The name of the person the alert is assigned to.</summary>
    public string? AssignedName { get; private set; }
    public DateOnly DefaultReview => time.Today().AddMonths(3);
    /// <summary>Whether the reader may read the Persons of Concern register: only then is anything of it shown here.</summary>
    public bool MayReadConcerns { get; private set; }
    /// <summary>What the register says about the member of staff (null: nothing, or nothing this reader may know).</summary>
    public Risk.Contracts.ConcernMarkers.Marker? Concern { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await view.HandleAsync(Id, ct);
        CanDecide = (await authz.AuthorizeAsync(User, Policies.ManageMonitoring)).Succeeded;
        CanRecordIntelligence = CanDecide && (await authz.AuthorizeAsync(User, Policies.RecordIntelligence)).Succeeded;
        MayReadConcerns = await concerns.MayReadAsync(User);
        Concern = (await concerns.ForStaffAsync(User, [View.Alert.StaffId], $"alert {Id}", ct)).GetValueOrDefault(View.Alert.StaffId);
        if (!MayReadConcerns && View.Alert.ConcernId is not null)
        {
            // Raised to the register: a reader who may not read it learns only that the alert was raised, as for a case they
            // may not see, and not the rationale written for the register (kept on the alert as its note).
            View.Alert.ConcernId = null;
            View.Alert.Note = null;
            if (View.Alert.CaseId is null) View.Alert.CaseId = Cases.Contracts.CaseReferences.Withheld;
        }
        if (View.Alert.AssignedTo is { } assigned) AssignedName = await people.NameOfAsync(assigned);
        if (CanDecide) Assignees = await people.WithRolesAsync(DirectoratePeople.AlertWorkers, notAbout: View.Alert.StaffId);
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid version, string? assignedTo, [FromServices] DecideAlert decide, CancellationToken ct)
    {
        var name = await decide.AssignAsync(Id, version, assignedTo, ct);
        return Done($"Alert assigned to {name}.");
    }

    public async Task<IActionResult> OnPostDismissAsync(Guid version, string? reason, string? note, [FromServices] DecideAlert decide, CancellationToken ct)
    {
        await decide.DismissAsync(Id, version, reason, note, ct);
        return Done($"Alert dismissed: {AlertWords.DismissReason(reason)}.");
    }

    public async Task<IActionResult> OnPostRaiseCaseAsync(Guid version, string? note, [FromServices] RaiseAlert raise, CancellationToken ct)
    {
        var caseId = await raise.AsConductCaseAsync(Id, version, note, ct);
        return Done($"Raised as conduct case {caseId}.");
    }

    public async Task<IActionResult> OnPostRaiseIntelligenceAsync(Guid version, string? category, string? rationale, string? reviewOn, [FromServices] RaiseAlert raise, CancellationToken ct)
    {
        // The register is the Intelligence Bureau's and investigators': a senior manager deciding alerts does not put people on it.
        if (!(await authz.AuthorizeAsync(User, Policies.ManagePersonsOfConcern)).Succeeded) return Forbid();
        var (concernId, existing) = await raise.AsIntelligenceAsync(Id, version, new RaiseAlert.Intelligence(category ?? "", rationale, Risk.Contracts.ConcernRegister.ParseDate(reviewOn, "the review date")), ct);
        return Done(existing ? $"Already on the Persons of Concern register: the alert is linked to entry {concernId}." : $"Added to the Persons of Concern register as {concernId}.");
    }

    /// <summary>
    /// The alert becomes an item of the intelligence log, with its explanation and evidence (as this reader sees them:
    /// case references they may not see are already withheld). Needs the right to record intelligence as well.
    /// </summary>
    public async Task<IActionResult> OnPostRecordIntelligenceAsync([FromServices] Probity.Intelligence.Contracts.IIntelligenceIntake intake, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RecordIntelligence)).Succeeded) return Forbid();
        var v = await view.HandleAsync(Id, ct);
        var a = v.Alert;
        var evidence = string.Join('\n', v.Evidence.Select(e => System.FormattableString.Invariant(
            $"{e.Time:yyyy-MM-dd HH:mm} {e.System} {e.Action} {e.RecordType} {e.RecordId} subject {e.SubjectPersonId} workstation {e.WorkstationId} reason {e.ReasonRef}")));
        var text = $"Information-misuse alert {a.Id} ({v.RuleTitle}, score {a.Score:0.##}, {a.EventCount} events {a.FirstEventTime:d MMM yyyy} to {a.LastEventTime:d MMM yyyy}): {a.Explanation}\n\nEvidence:\n{evidence}";
        if (text.Length > 8000) text = text[..7999] + "…";
        var (itemId, existing) = await intake.FromAlertAsync(new(a.Id, a.StaffId, DateOnly.FromDateTime(a.DetectedAt.UtcDateTime), text), ct);
        return Done(existing ? $"Already in the intelligence log as item {itemId}." : $"Recorded in the intelligence log as item {itemId}.");
    }

    private RedirectResult Done(string message)
    {
        TempData["Notice"] = message;
        return Redirect($"/monitoring/alerts/{Uri.EscapeDataString(Id)}");
    }
}

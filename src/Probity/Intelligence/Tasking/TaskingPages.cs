using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Kernel;

namespace Probity.Intelligence.Tasking;

/// <summary>The tasking meeting: open operations, those with tests awaiting authorisation or an overdue action first.</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
internal sealed class TaskingMeetingModel(TaskingHandler handler, IAuthorizationService authorization) : PageModel
{
    public TaskingHandler.Meeting View { get; private set; } = null!;
    public bool MayOpen { get; private set; }
    public TaskingHandler Handler => handler;

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await handler.MeetingAsync(ct);
        MayOpen = (await authorization.AuthorizeAsync(User, Policies.RecordIntelligence)).Succeeded;
    }
}

/// <summary>Opening an operation: the form keeps what was typed when a field is refused (422, the reason named).</summary>
[Authorize(Policy = Policies.RecordIntelligence)]
internal sealed class OpenOperationModel(TaskingHandler handler) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Objective { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Priority { get; set; }
    [BindProperty] public string? Items { get; set; }
    [BindProperty] public string? Cases { get; set; }
    public string? Error { get; private set; }
    public TaskingHandler Handler => handler;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var id = await handler.OpenAsync(new TaskingHandler.Opening(Name, Objective, Subject, Priority, Lines(Items), Lines(Cases)), ct);
            TempData["Notice"] = $"Operation {Name?.Trim()} opened as {id}.";
            return Redirect($"/intelligence/tasking/operations/{id}");
        }
        catch (ActionRefusedException refused)
        {
            Error = refused.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', '\r', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>
/// One operation: read (audited before it is shown); progress, tactics and integrity tests by the Bureau and the
/// investigators; authorisations by a senior manager of the Anti-Corruption Command who did not ask for them. A refused
/// change answers 422 and a stale one 409, with the reason on the page as it now is.
/// </summary>
[Authorize(Policy = Policies.ReadIntelligence)]
[PostPolicy(Policies.RecordIntelligence)]
[PostPolicy(Policies.AuthoriseTactics, Handler = "AuthoriseTactic")]
[PostPolicy(Policies.AuthoriseTactics, Handler = "AuthoriseTest")]
internal sealed class OperationModel(TaskingHandler handler, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public TaskingHandler.OperationView View { get; private set; } = null!;
    public bool MayWork { get; private set; }
    public bool MayAuthorise { get; private set; }
    public string? Error { get; private set; }
    public TaskingHandler Handler => handler;
    public string Actor => User.Identity?.Name ?? "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostProgressAsync(Guid version, string? text, string? nextAction, string? nextActionDue, CancellationToken ct) =>
        ActAsync(() => handler.ProgressAsync(Id, version, text, nextAction, nextActionDue, ct), "Progress recorded.", ct);

    public Task<IActionResult> OnPostRequestTacticAsync(Guid version, string? option, string? reason, CancellationToken ct) =>
        ActAsync(() => handler.RequestTacticAsync(Id, version, option, reason, ct), "Tactic requested: it awaits authorisation.", ct);

    public Task<IActionResult> OnPostAuthoriseTacticAsync(Guid version, Guid tactic, CancellationToken ct) =>
        ActAsync(() => handler.AuthoriseTacticAsync(Id, version, tactic, ct), "Tactic authorised.", ct);

    public Task<IActionResult> OnPostPlanTestAsync(Guid version, string? scenario, string? plannedFor, CancellationToken ct) =>
        ActAsync(() => handler.PlanTestAsync(Id, version, scenario, plannedFor, ct), "Integrity test planned: it awaits authorisation.", ct);

    public Task<IActionResult> OnPostAuthoriseTestAsync(Guid version, Guid test, CancellationToken ct) =>
        ActAsync(() => handler.AuthoriseTestAsync(Id, version, test, ct), "Integrity test authorised.", ct);

    public Task<IActionResult> OnPostRecordTestAsync(Guid version, Guid test, string? conductedOn, string? result, string? followUp, string? followUpCase, string? note, CancellationToken ct) =>
        ActAsync(() => handler.RecordTestAsync(Id, version, test, new TaskingHandler.TestRecord(conductedOn, result, followUp, followUpCase, note), ct), "Integrity test result recorded.", ct);

    public Task<IActionResult> OnPostCloseAsync(Guid version, string? result, CancellationToken ct) =>
        ActAsync(() => handler.CloseAsync(Id, version, result, ct), "Operation closed.", ct);

    private async Task<IActionResult> ActAsync(Func<Task> action, string notice, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Notice"] = notice;
            return Redirect($"/intelligence/tasking/operations/{Uri.EscapeDataString(Id)}");
        }
        catch (Exception e) when (e is ActionRefusedException or EditConflictException)
        {
            Error = e.Message;
            Response.StatusCode = e is EditConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await handler.ReadAsync(Id, ct);
        MayWork = (await authorization.AuthorizeAsync(User, Policies.RecordIntelligence)).Succeeded;
        MayAuthorise = (await authorization.AuthorizeAsync(User, Policies.AuthoriseTactics)).Succeeded;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;

namespace Probity.Intelligence.ControlStrategy;

/// <summary>The control strategy: each priority with its evidence this year and its trend, and the assessment's review cycle.</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
internal sealed class StrategyModel(ControlStrategyHandler handler) : PageModel
{
    public ControlStrategyHandler.Overview View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await handler.OverviewAsync(ct);
}

/// <summary>One priority: its evidence by year, its intelligence picture, and its activities (changed by senior managers).</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
[PostPolicy(Policies.ManageControlStrategy)]
internal sealed class PriorityModel(ControlStrategyHandler handler, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public ControlStrategyHandler.PriorityPage View { get; private set; } = null!;
    public bool MayManage { get; private set; }
    public DateOnly Today => handler.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await handler.PriorityAsync(Code, ct);
        MayManage = (await authorization.AuthorizeAsync(User, Policies.ManageControlStrategy)).Succeeded;
    }

    public async Task<IActionResult> OnPostAddAsync(string? kind, string? description, string? owner, string? dueOn, CancellationToken ct)
    {
        await handler.AddActivityAsync(Code, new ControlStrategyHandler.ActivityInput(kind, description, owner, dueOn, null), ct);
        return Done("Activity added.");
    }

    public async Task<IActionResult> OnPostEditAsync(Guid activity, Guid version, string? kind, string? description, string? owner, string? dueOn, string? state, CancellationToken ct)
    {
        await handler.EditActivityAsync(Code, activity, version, new ControlStrategyHandler.ActivityInput(kind, description, owner, dueOn, state), ct);
        return Done("Activity saved.");
    }

    public async Task<IActionResult> OnPostProgressAsync(Guid activity, Guid version, string? text, CancellationToken ct)
    {
        await handler.AddProgressAsync(Code, activity, version, text, ct);
        return Done("Progress recorded.");
    }

    private RedirectResult Done(string message)
    {
        TempData["Notice"] = message;
        return Redirect($"/intelligence/control-strategy/priorities/{Uri.EscapeDataString(Code)}");
    }
}

/// <summary>The Strategic Intelligence Assessment: its review cycle (recorded by senior managers) and the document for the committee.</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
[PostPolicy(Policies.ManageControlStrategy)]
internal sealed class AssessmentModel(ControlStrategyHandler handler, IAuthorizationService authorization) : PageModel
{
    public AssessmentDocument Document { get; private set; } = null!;
    public bool MayManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Document = await handler.AssessmentAsync("view", ct);
        MayManage = (await authorization.AuthorizeAsync(User, Policies.ManageControlStrategy)).Succeeded;
    }

    public async Task<IActionResult> OnPostAsync(string? kind, string? assessedOn, string? note, CancellationToken ct)
    {
        await handler.RecordAssessmentAsync(kind, assessedOn, note, ct);
        TempData["Notice"] = "Assessment recorded.";
        return Redirect("/intelligence/control-strategy/assessment");
    }
}

/// <summary>The assessment as a PDF for the strategic committee, drawn now from what the reader may see; the download is on the trail.</summary>
[Authorize(Policy = Policies.ReadIntelligence)]
internal sealed class AssessmentPdfModel(ControlStrategyHandler handler) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var document = await handler.AssessmentAsync("export", ct);
        var bytes = AssessmentPdf.Render(document);
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = document.FileName }.ToString();
        return File(bytes, "application/pdf");
    }
}

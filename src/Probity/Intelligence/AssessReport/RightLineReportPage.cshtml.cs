using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Web;
using Probity.Intelligence.Contracts;

namespace Probity.Intelligence.AssessReport;

/// <summary>One report: read (audited before it is shown), replied to and assessed by the Bureau.</summary>
[Authorize(Policy = Policies.ReadRightLine)]
[PostPolicy(Policies.AnswerRightLine)]
internal sealed class RightLineReportModel(BureauDesk desk, IAuthorizationService authorization) : PageModel
{
    public RightLineReport Report { get; private set; } = null!;
    public bool MayAnswer { get; private set; }
    /// <summary>The intelligence item the report became, if any.</summary>
    public string? ItemId { get; private set; }

    public async Task OnGetAsync(string reference, CancellationToken ct)
    {
        Report = await desk.ReadAsync(reference, ct);
        MayAnswer = (await authorization.AuthorizeAsync(User, Policies.AnswerRightLine)).Succeeded;
        if (Report.Assessment == RightLineAssessments.Intelligence) ItemId = await desk.ItemOfAsync(reference, ct);
    }

    public async Task<IActionResult> OnPostReplyAsync(string reference, Guid version, string? text, CancellationToken ct)
    {
        await desk.ReplyAsync(reference, version, text, ct);
        TempData["Notice"] = "Your reply is waiting for the reporter, who will see it when they next open the report.";
        return Redirect($"/intelligence/right-line/{reference}");
    }

    public async Task<IActionResult> OnPostAssessAsync(string reference, Guid version, string? assessment, string? note, string? unitId, string? category, string? staffId, CancellationToken ct)
    {
        var caseId = await desk.AssessAsync(reference, version, new(assessment ?? "", note, unitId, category, staffId), ct);
        TempData["Notice"] = caseId is null ? $"Report {reference} assessed." : $"Report {reference} became case {caseId}.";
        return Redirect($"/intelligence/right-line/{reference}");
    }
}

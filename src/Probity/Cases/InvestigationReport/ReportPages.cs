using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Probity.Cases.Contracts;
using Probity.Identity.Contracts;

namespace Probity.Cases.InvestigationReport;

/// <summary>The case's investigation report as the report pages show it: where it stands, by whom, and the document it points to.</summary>
internal sealed record ReportShown(CaseReport? Report, string? SubmittedBy, string? DecidedBy, CaseDocument? Document, string CaseUrl);

/// <summary>What both report pages load besides the case: the report and the names of the people on it.</summary>
internal abstract class ReportPageBase(InvestigationReportHandler reports, DirectoratePeople people, ViewCase.ViewCaseHandler view, TimeProvider time) : CaseOperationPage(view, time)
{
    public ReportShown Shown { get; private set; } = new(null, null, null, null, "");

    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];

    /// <summary>The signed-in person's sign-in name, as the case names its investigating officer and supervisor.</summary>
    public string Me => User.Identity?.Name ?? "";

    protected InvestigationReportHandler Reports => reports;

    protected override async Task LoadChoicesAsync(CancellationToken ct)
    {
        var report = await reports.CurrentAsync(Id, ct);
        Documents = await reports.DocumentsAsync(Id, ct);
        Shown = new ReportShown(report,
            report is null ? null : await people.NameOfAsync(report.SubmittedBy),
            report?.DecidedBy is { } decider ? await people.NameOfAsync(decider) : null,
            report?.DocumentId is { } doc ? Documents.FirstOrDefault(d => d.Id == doc) : null, CaseUrl);
    }
}

/// <summary><c>/cases/{id}/report</c>: the investigating officer submits the report, or revises and resubmits a returned one.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class SubmitReportPage(InvestigationReportHandler reports, DirectoratePeople people, ViewCase.ViewCaseHandler view, TimeProvider time)
    : ReportPageBase(reports, people, view, time)
{
    [BindProperty] public string? Summary { get; set; }
    [BindProperty, Display(Name = "document")] public long? DocumentId { get; set; }

    /// <summary>Whether the form is offered: the case's investigating officer, on a live case with a route, with no report awaiting or approved.</summary>
    public bool MaySubmit => Case.FinalisedOn is null && Case.HandlingRoute is not null && Case.InvestigatingOfficer == Me && Case.Supervisor is not null
        && Shown.Report?.State is null or CaseReportStates.Returned;

    protected override void StartFrom(Case c)
    {
        Summary = Shown.Report?.Summary;
        DocumentId = Shown.Report?.DocumentId;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var supervisor = await Reports.SubmitAsync(new(Id, Version, Summary, DocumentId), ct);
        return $"Investigation report submitted to {supervisor} for sign-off.";
    }, ct);
}

/// <summary><c>/cases/{id}/sign-off</c>: the case's supervisor approves the submitted report or returns it with comments.</summary>
[Authorize(Policy = Policies.EditCases)]
internal sealed class SignOffReportPage(InvestigationReportHandler reports, DirectoratePeople people, ViewCase.ViewCaseHandler view, TimeProvider time)
    : ReportPageBase(reports, people, view, time)
{
    /// <summary>"approve" or "return": the button pressed.</summary>
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Comments { get; set; }

    public bool MayDecide => Case.FinalisedOn is null && Case.Supervisor == Me && Shown.Report is { State: CaseReportStates.Submitted } r && r.SubmittedBy != Me;

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PerformAsync(async () =>
    {
        var approve = Decision switch
        {
            "approve" => true,
            "return" => false,
            _ => throw new Kernel.ActionRefusedException("Choose whether to approve the report or return it with comments."),
        };
        await Reports.DecideAsync(new(Id, Version, approve, Comments), ct);
        return approve ? "Investigation report approved." : "Investigation report returned to the investigating officer with your comments.";
    }, ct);
}

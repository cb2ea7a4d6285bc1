using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Cases.Documents;
using Probity.Identity.Contracts;
using Probity.Kernel;

namespace Probity.Cases.InvestigationReport;

/// <summary>
/// The supervisor's sign-off of an investigation report (ADR 0022): the case's investigating officer submits it, the
/// case's named supervisor approves it or returns it with comments, and a returned report is revised and submitted
/// again. Each step is a case edit (the case's version guards it, the timeline and the audit trail record it), and the
/// case is read as the actor may see it, so a subject of the case, or anyone it is restricted away from, finds nothing.
/// </summary>
internal sealed class InvestigationReportHandler(CaseEditing editing, DirectoratePeople people, CaseReferences references)
{
    /// <summary>A report's summary is kept whole on the timeline entry of its submission, so it has the timeline's length.</summary>
    public const int MaxSummary = CaseEditing.MaxReason;

    internal sealed record Submission(string CaseId, Guid Version, string? Summary, long? DocumentId);

    internal sealed record Decision(string CaseId, Guid Version, bool Approve, string? Comments);

    /// <summary>The case's report as it stands, or null before the first submission (read through need-to-know).</summary>
    public Task<CaseReport?> CurrentAsync(string caseId, CancellationToken ct) =>
        editing.Db.CaseReports.AsNoTracking().FirstOrDefaultAsync(r => r.CaseId == caseId, ct);

    /// <summary>The documents on the case a report may point at, as the reader may see them (<see cref="ShownDocuments"/>):
    /// reports first, then the rest, newest first.</summary>
    public async Task<IReadOnlyList<CaseDocument>> DocumentsAsync(string caseId, CancellationToken ct) =>
        await references.AsShownAsync([.. (await Pointable(caseId).ToListAsync(ct)).OrderBy(d => d.Kind == "report" ? 0 : 1).ThenByDescending(d => d.Id)], ct);

    /// <summary>The documents a report may point at, offered and accepted alike: the case's own, never a letter it sent.</summary>
    private IQueryable<CaseDocument> Pointable(string caseId) =>
        editing.Db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId && d.Kind != DocumentKinds.Letter && d.RemovedAt == null);

    /// <returns>The name of the supervisor it went to.</returns>
    public async Task<string> SubmitAsync(Submission cmd, CancellationToken ct)
    {
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        CaseEditing.RequireOpen(c, "take an investigation report");
        if (c.HandlingRoute is null) throw new ActionRefusedException($"Case {c.Id} has no handling route yet; decide how it is handled before submitting its report.");
        var me = editing.Db.Scope.Actor;
        if (c.InvestigatingOfficer is null)
            throw new ActionRefusedException($"Case {c.Id} has no investigating officer named; name them (and a supervisor) before a report is submitted.");
        if (c.InvestigatingOfficer != me)
            throw new ActionRefusedException($"Only the case's investigating officer, {await people.NameOfAsync(c.InvestigatingOfficer)}, submits its investigation report.");
        if (c.Supervisor is null)
            throw new ActionRefusedException($"Case {c.Id} has no supervisor named to sign the report off; name one before submitting it.");
        var summary = cmd.Summary?.Trim();
        if (string.IsNullOrEmpty(summary)) throw new ActionRefusedException("Summary: give the report's findings and conclusions in a few paragraphs.");
        if (summary.Length > MaxSummary) throw new ActionRefusedException($"Summary: keep it to {MaxSummary:N0} characters (it has {summary.Length:N0}); attach the full report as a document and point to it.");
        CaseDocument? document = null;
        if (cmd.DocumentId is { } documentId)
            document = await Pointable(c.Id).FirstOrDefaultAsync(d => d.Id == documentId, ct)
                ?? throw new ActionRefusedException($"Document: document {documentId} is not a statement, report or other document on case {c.Id}; attach the report to this case first.");

        var report = await editing.Db.CaseReports.FirstOrDefaultAsync(r => r.CaseId == c.Id, ct);
        switch (report?.State)
        {
            case CaseReportStates.Submitted:
                throw new ActionRefusedException($"The report on case {c.Id} was submitted on {report.SubmittedAt:d MMM yyyy} and awaits {await people.NameOfAsync(c.Supervisor)}'s sign-off; it can be revised once it is returned.");
            case CaseReportStates.Approved:
                throw new ActionRefusedException($"The report on case {c.Id} was approved on {report.DecidedAt:d MMM yyyy}; an approved report is not submitted again.");
        }
        if (report is null)
        {
            report = new CaseReport { CaseId = c.Id, State = CaseReportStates.Submitted, Summary = summary, SubmittedBy = me, Submissions = 0 };
            editing.Db.CaseReports.Add(report);
        }
        var resubmitted = report.Submissions > 0;
        report.State = CaseReportStates.Submitted;
        report.Summary = summary;
        report.DocumentId = document?.Id;
        report.SubmittedBy = me;
        report.SubmittedAt = editing.Now;
        report.Submissions++;
        report.DecidedBy = null;
        report.DecidedAt = null;
        report.Comments = null;
        var supervisor = await people.NameOfAsync(c.Supervisor);
        var detail = $"Investigation report {(resubmitted ? "resubmitted" : "submitted")} to {supervisor} for sign-off"
            + (document is null ? "" : $"; the full report: {document.Title}");
        await editing.SaveAsync(c, "report_submitted", detail, editing.Today, summary, ct);
        return supervisor;
    }

    public async Task DecideAsync(Decision cmd, CancellationToken ct)
    {
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct, withChildren: false);
        CaseEditing.RequireOpen(c, "have its report signed off");
        var report = await editing.Db.CaseReports.FirstOrDefaultAsync(r => r.CaseId == c.Id, ct);
        if (report?.State != CaseReportStates.Submitted)
            throw new ActionRefusedException(report is null
                ? $"No investigation report has been submitted on case {c.Id}; there is nothing to sign off."
                : $"The report on case {c.Id} is not awaiting sign-off: it is {CaseReportStates.Describe(report.State).ToLowerInvariant()}.");
        var me = editing.Db.Scope.Actor;
        if (c.Supervisor != me)
            throw new ActionRefusedException(c.Supervisor is null
                ? $"Case {c.Id} has no supervisor named; only the case's supervisor signs its report off."
                : $"Only the case's supervisor, {await people.NameOfAsync(c.Supervisor)}, signs its investigation report off.");
        // Separation of duties: the case may have been reassigned since, but nobody reviews a report they wrote, including
        // one they submitted before it was returned and the case reassigned to someone who resubmitted it (every version's
        // submission is on the timeline, by whom).
        if (report.SubmittedBy == me || await editing.Db.CaseEvents.AnyAsync(e => e.CaseId == c.Id && e.Kind == "report_submitted" && e.Actor == me, ct))
            throw new ActionRefusedException("You submitted this report (this version or an earlier one): a supervisor cannot approve or return a report they submitted themselves. Ask for another supervisor to be named.");
        var comments = cmd.Comments?.Trim();
        if (!cmd.Approve && string.IsNullOrEmpty(comments))
            throw new ActionRefusedException("Comments: say what the investigating officer should do before the report is submitted again.");

        report.State = cmd.Approve ? CaseReportStates.Approved : CaseReportStates.Returned;
        report.DecidedBy = me;
        report.DecidedAt = editing.Now;
        report.Comments = string.IsNullOrEmpty(comments) ? null : comments;
        var author = await people.NameOfAsync(report.SubmittedBy);
        await editing.SaveAsync(c, cmd.Approve ? "report_approved" : "report_returned",
            cmd.Approve ? $"Investigation report by {author} approved" : $"Investigation report returned to {author} with comments",
            editing.Today, comments, ct);
    }

    /// <summary>Why a case on a route that needs an approved report cannot be finalised yet; null when nothing is missing.</summary>
    public static string? MissingForFinalisation(Case c, Rulebook book, CaseReport? report)
    {
        if (book.Route(c.HandlingRoute) is not { RequiresReportApproval: true }) return null;
        var needs = $"a case handled by {Vocabulary.Describe(c.HandlingRoute).ToLowerInvariant()} under the {book.Regime} regime is finalised only once its investigation report is approved by its supervisor";
        return report?.State switch
        {
            CaseReportStates.Approved => null,
            null => $"No investigation report has been submitted on case {c.Id}: {needs}.",
            CaseReportStates.Submitted => $"The investigation report on case {c.Id} awaits its supervisor's sign-off: {needs}.",
            CaseReportStates.Returned => $"The investigation report on case {c.Id} was returned with comments; revise and resubmit it: {needs}.",
            _ => $"The investigation report on case {c.Id} is not approved: {needs}.",
        };
    }
}

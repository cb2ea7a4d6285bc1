using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Kernel;

namespace Probity.Cases.AssessSeverity;

/// <summary>
/// Assesses (or reassesses) the severity of the matter against one subject officer (ADR 0023). The severities are the
/// regime's (its rulebook); the assessment names who made it and why, and a reassessment keeps the earlier ones.
/// </summary>
internal sealed class AssessSeverityHandler(CaseEditing editing, RulebookCatalogue rulebooks, HandleLocally.HandleLocallyHandler local)
{
    internal sealed record Command(string CaseId, Guid Version, string? StaffId, string? Severity, DateOnly AssessedOn, string? Rationale);

    public async Task HandleAsync(Command cmd, CancellationToken ct)
    {
        editing.RequireDate(cmd.AssessedOn, "assessment date");
        var c = await editing.LoadAsync(cmd.CaseId, cmd.Version, ct);
        CaseEditing.RequireStanding(c, "be assessed");
        CaseEditing.RequireUnderRegulations(c, "have the severity of a matter assessed");
        var book = rulebooks.For(c);
        var severity = book.RequireSeverity(cmd.Severity);
        var staffId = RequireSubject(c, cmd.StaffId);
        var rationale = cmd.Rationale?.Trim() ?? "";
        if (rationale.Length == 0) throw new ActionRefusedException("rationale: give the reasons for the assessment; they stay with it.");
        if (rationale.Length > CaseEditing.MaxReason) throw new ActionRefusedException($"rationale: keep it to {CaseEditing.MaxReason:N0} characters (it has {rationale.Length:N0}).");
        CaseEditing.RequireNotBefore(cmd.AssessedOn, c.ReceivedOn, "assessment date", "received date");
        var last = await CurrentAsync(editing, c.Id, staffId, ct);
        if (last is not null)
        {
            if (last.Severity == severity)
                throw new ActionRefusedException($"The matter against {staffId} is already assessed as {Vocabulary.Describe(severity).ToLowerInvariant()} (on {last.AssessedOn:d MMM yyyy}); a reassessment changes the severity.");
            CaseEditing.RequireNotBefore(cmd.AssessedOn, last.AssessedOn, "assessment date", "previous assessment");
        }
        // Gross misconduct is the Directorate's: a borough handling the case locally hands it back (ADR 0026).
        var returned = await local.ReturnOnGrossMisconductAsync(c, severity, ct);
        editing.Db.SeverityAssessments.Add(new SeverityAssessment
        {
            CaseId = c.Id, StaffId = staffId, Severity = severity, AssessedOn = cmd.AssessedOn, AssessedBy = editing.Db.Scope.Actor,
            RecordedAt = editing.Now, Rationale = rationale,
        });
        var detail = last is null
            ? $"Severity assessed for {staffId}: {Vocabulary.Describe(severity).ToLowerInvariant()}"
            : $"Severity reassessed for {staffId}: {Vocabulary.Describe(severity).ToLowerInvariant()} (was {Vocabulary.Describe(last.Severity).ToLowerInvariant()})";
        if (returned is not null) detail += "; " + returned;
        await editing.SaveAsync(c, last is null ? "severity_assessed" : "severity_reassessed", detail, cmd.AssessedOn, rationale, ct);
    }

    /// <summary>The assessment in force for the officer (the latest), or null when none has been made.</summary>
    internal static Task<SeverityAssessment?> CurrentAsync(CaseEditing editing, string caseId, string staffId, CancellationToken ct) =>
        editing.Db.SeverityAssessments.AsNoTracking().Where(s => s.CaseId == caseId && s.StaffId == staffId)
            .OrderByDescending(s => s.AssessedOn).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);

    /// <summary>An officer named by one of the case's allegations (chosen from the case's subjects, never typed).</summary>
    internal static string RequireSubject(Case c, string? staffId)
    {
        if (string.IsNullOrWhiteSpace(staffId)) throw new ActionRefusedException("officer: choose the subject officer.");
        if (!c.Allegations.Any(a => a.StaffId == staffId))
            throw new ActionRefusedException($"officer: no allegation in case {c.Id} names {staffId}.");
        return staffId;
    }
}

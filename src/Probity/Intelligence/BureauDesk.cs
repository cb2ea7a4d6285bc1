using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;
using Probity.Kernel;

namespace Probity.Intelligence;

/// <summary>
/// The Intelligence Bureau's side of Right Line: the queue, reading a report (audited before it is shown), replying or
/// asking the reporter a question, and assessing the report: no further action, a case (through the Cases module's
/// own intake), or intelligence (an item of the intelligence log, made in the same step, keeping the report's words and reference).
/// </summary>
internal sealed class BureauDesk(ProbityDb db, Audit audit, ICaseIntake caseIntake, CaseReferences cases, IntelligenceIntake intelligence, TimeProvider time)
{
    internal sealed record QueueRow(string Reference, DateOnly ReceivedOn, bool AwaitingBureau, int Messages, string? Assessment, string? CaseId);

    internal sealed record Assessing(string Assessment, string? Note, string? UnitId, string? Category, string? StaffId);

    public async Task<IReadOnlyList<QueueRow>> QueueAsync(CancellationToken ct)
    {
        var rows = await db.Set<RightLineReport>().AsNoTracking()
            .OrderByDescending(r => r.Assessment == null).ThenByDescending(r => r.AwaitingBureau).ThenByDescending(r => r.ReceivedOn).ThenBy(r => r.Id)
            .Select(r => new QueueRow(r.Id, r.ReceivedOn, r.AwaitingBureau, r.Messages.Count, r.Assessment, r.CaseId))
            .ToListAsync(ct);
        // A report that became a case belongs to that case's need-to-know: a reader the case is hidden from (restricted,
        // or about them) sees neither the case nor the report behind it.
        var hidden = await cases.HiddenAsync(rows.Select(r => r.CaseId), ct);
        rows = [.. rows.Where(r => r.CaseId is null || !hidden.Contains(r.CaseId))];
        await audit.RecordAsync("search", "right-line", $"the Right Line queue ({rows.Count} reports)", ct);
        return rows;
    }

    public async Task<RightLineReport> ReadAsync(string reference, CancellationToken ct)
    {
        var report = await db.Set<RightLineReport>().AsNoTracking().Include(r => r.Messages).FirstOrDefaultAsync(r => r.Id == reference, ct)
            ?? throw new RecordNotFoundException($"Right Line report {reference}");
        if (report.CaseId is not null && (await cases.HiddenAsync([report.CaseId], ct)).Count > 0)
            throw new RecordNotFoundException($"Right Line report {reference}");
        await audit.RecordAsync("view", RightLineReporting.Target(report.Id), null, ct);
        report.Messages.Sort((a, b) => a.Number.CompareTo(b.Number));
        return report;
    }

    /// <summary>The intelligence item the report became, if the reader may see it.</summary>
    public Task<string?> ItemOfAsync(string reference, CancellationToken ct) =>
        db.Set<IntelligenceItem>().AsNoTracking().Where(i => i.FromRightLine == reference).Select(i => i.Id).FirstOrDefaultAsync(ct);

    public async Task ReplyAsync(string reference, Guid version, string? text, CancellationToken ct)
    {
        var report = await LoadAsync(reference, version, ct);
        var reply = RightLineReporting.RequireText(text, "the reply");
        var author = db.Scope.Actor;
        db.Set<RightLineMessage>().Add(new RightLineMessage
        {
            ReportId = report.Id, Number = await db.Set<RightLineMessage>().CountAsync(m => m.ReportId == report.Id, ct) + 1,
            FromReporter = false, Author = author, Text = reply, WrittenOn = time.Today(),
        });
        report.AwaitingBureau = false;
        report.Version = Guid.NewGuid();
        audit.Change("right_line_message", RightLineReporting.Target(report.Id), "reply to the reporter");
        await db.SaveChangesOrConflictAsync($"Report {reference} changed while you were writing (the reporter wrote, or a colleague replied). Reload it, then reply.", ct);
    }

    /// <returns>The case id, when the report became a case.</returns>
    public async Task<string?> AssessAsync(string reference, Guid version, Assessing input, CancellationToken ct)
    {
        if (!RightLineAssessments.Words.ContainsKey(input.Assessment ?? ""))
            throw new ActionRefusedException($"Choose what the report is: {string.Join(", ", RightLineAssessments.Words.Values)}.");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > RightLineLimits.Note })
            throw new ActionRefusedException($"The assessment note is {note.Length:N0} characters: the limit is {RightLineLimits.Note:N0}.");
        var report = await LoadAsync(reference, version, ct);
        if (report.Assessment is not null)
            throw new ActionRefusedException($"Report {reference} was already assessed ({RightLineAssessments.Words.GetValueOrDefault(report.Assessment, report.Assessment)}, {report.AssessedOn:d MMM yyyy}).");
        report.Assessment = input.Assessment;
        report.AssessmentNote = note;
        report.AssessedOn = time.Today();
        report.AssessedBy = db.Scope.Actor;
        report.Version = Guid.NewGuid();
        if (input.Assessment == RightLineAssessments.Intelligence)
        {
            var messages = await db.Set<RightLineMessage>().AsNoTracking().Where(m => m.ReportId == report.Id).ToListAsync(ct);
            var item = await intelligence.FromRightLineAsync(report, messages, ct);
            audit.Change("right_line_assess", RightLineReporting.Target(report.Id), $"{RightLineAssessments.Words[RightLineAssessments.Intelligence]}: item {item.Id}");
            await db.SaveChangesOrConflictAsync($"Report {reference} was changed by someone else. Reload it and assess it again.", ct);
            return null;
        }
        if (input.Assessment != RightLineAssessments.Case)
        {
            audit.Change("right_line_assess", RightLineReporting.Target(report.Id), RightLineAssessments.Words[input.Assessment!]);
            await db.SaveChangesOrConflictAsync($"Report {reference} was changed by someone else. Reload it and assess it again.", ct);
            return null;
        }

        // The case is described by the Bureau's own note, never by the report's text: the case's readers are not the
        // Bureau, and the reporter's words may identify them.
        if (note is null) throw new ActionRefusedException("Write the note that becomes the case's summary (the report's own words are not copied into the case).");
        if (string.IsNullOrWhiteSpace(input.UnitId)) throw new ActionRefusedException("Choose the unit where the matter arose.");
        if (string.IsNullOrWhiteSpace(input.Category) || !Vocabulary.AllegationCategories.Contains(input.Category))
            throw new ActionRefusedException("Choose the allegation's category.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        audit.Change("right_line_assess", RightLineReporting.Target(report.Id), RightLineAssessments.Words[RightLineAssessments.Case]);
        await db.SaveChangesOrConflictAsync($"Report {reference} was changed by someone else. Reload it and assess it again.", ct);
        // Not the report's reference: the case's readers are wider than the Bureau, and with the reference anyone could
        // spend the reporter's passphrase tries and lock them out of their own report.
        var summary = $"From a Right Line report: {note}";
        if (summary.Length > NewCase.SummaryLimit) summary = summary[..(NewCase.SummaryLimit - 1)] + "…";
        var caseId = await caseIntake.RecordAsync(new NewCase
        {
            CaseType = "conduct_matter", Source = "right_line", ReceivedOn = report.ReceivedOn, LocationUnitId = input.UnitId.Trim(), Summary = summary,
            Allegations = [new NewAllegation { Category = input.Category, StaffId = string.IsNullOrWhiteSpace(input.StaffId) ? null : input.StaffId.Trim() }],
        }, ct);
        report.CaseId = caseId;
        audit.Change("right_line_assess", RightLineReporting.Target(report.Id), $"became case {caseId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return caseId;
    }

    private async Task<RightLineReport> LoadAsync(string reference, Guid version, CancellationToken ct)
    {
        var report = await db.Set<RightLineReport>().FirstOrDefaultAsync(r => r.Id == reference, ct)
            ?? throw new RecordNotFoundException($"Right Line report {reference}");
        if (report.CaseId is not null && (await cases.HiddenAsync([report.CaseId], ct)).Count > 0)
            throw new RecordNotFoundException($"Right Line report {reference}");
        if (report.Version != version)
            throw new EditConflictException($"Report {reference} changed since you opened it (the reporter wrote, or a colleague acted). Reload it and try again.");
        return report;
    }
}

using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.RecordItem;

namespace Probity.Intelligence.Log;

/// <summary>
/// The one-step conversions into the log, keeping their evidence: an information-misuse alert (through
/// <see cref="IIntelligenceIntake"/>, for the AccessMonitoring module) and a Right Line report (from the Bureau's desk).
/// Each gets the first grading its scheme's data gives (<see cref="FirstGrading"/>) and is reviewed like any other item.
/// </summary>
internal sealed class IntelligenceIntake(ProbityDb db, Audit audit, RecordItemHandler record, IntelligenceLists lists, TimeProvider time) : IIntelligenceIntake
{
    public async Task<(string ItemId, bool Existing)> FromAlertAsync(AlertIntelligence alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var existing = await db.Set<IntelligenceItem>().AsNoTracking().Where(i => i.FromAlert == alert.AlertId).Select(i => i.Id).FirstOrDefaultAsync(ct);
        if (existing is not null) return (existing, true);
        var first = lists.InForceOn(alert.DetectedOn).MisuseAlert;
        var item = await record.BuildAsync(new RecordItemHandler.Command(alert.DetectedOn, "misuse_alert", first.Source, first.Intelligence, first.Handling, first.Conditions,
            alert.Evidence, [alert.StaffId], [], [], ["information_misuse"], []), ct);
        item.FromAlert = alert.AlertId;
        db.Set<IntelligenceItem>().Add(item);
        audit.Change("intelligence_record", IntelligenceLog.Target(item.Id), $"from alert {alert.AlertId}; " + RecordItemHandler.Describe(item));
        await db.SaveChangesAsync(ct);
        return (item.Id, false);
    }

    /// <summary>
    /// The item a Right Line report becomes: its words (the first account and the reporter's later messages, each with its
    /// day) and its reference. Staged, not saved: the caller saves it with the report's assessment, in one transaction.
    /// Nothing finer than the day is kept (ADR right-line-anonymity): the item's recorded moment is the day's start.
    /// </summary>
    public async Task<IntelligenceItem> FromRightLineAsync(RightLineReport report, IReadOnlyList<RightLineMessage> messages, CancellationToken ct)
    {
        var first = lists.InForceOn(report.ReceivedOn).RightLine;
        var words = string.Join("\n\n", new[] { $"Right Line report {report.Id}, {report.ReceivedOn:d MMMM yyyy}: {report.Account}" }
            .Concat(messages.Where(m => m.FromReporter).OrderBy(m => m.Number).Select(m => $"The reporter, {m.WrittenOn:d MMMM yyyy}: {m.Text}")));
        if (words.Length > IntelligenceLimits.Text) words = words[..(IntelligenceLimits.Text - 1)] + "…";
        var item = await record.BuildAsync(new RecordItemHandler.Command(report.ReceivedOn, "right_line", first.Source, first.Intelligence, first.Handling, first.Conditions,
            words, [], [], [], [], []), ct);
        item.FromRightLine = report.Id;
        item.RecordedAt = new DateTimeOffset(time.Today().ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        db.Set<IntelligenceItem>().Add(item);
        audit.Change("intelligence_record", IntelligenceLog.Target(item.Id), $"from Right Line report {report.Id}; " + RecordItemHandler.Describe(item));
        return item;
    }
}

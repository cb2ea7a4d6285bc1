using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Identity.Contracts;
using Probity.Infrastructure.Time;

namespace Probity.Cases.MyCases;

/// <summary>
/// "My cases": the reader's live cases as investigating officer and as supervisor, read through need-to-know like every
/// case query (a case restricted away from them since they were named, or about them, drops out). Due dates and the
/// overdue order are the case list's own (<see cref="CaseClock"/>), so a case is due or overdue here exactly when its page
/// says so.
/// </summary>
internal sealed class CaseloadHandler(ProbityDb db, CaseTargets targets, CaseloadSettings settings, DirectoratePeople people, Audit audit, TimeProvider time) : ICaseloads
{
    public async Task<Caseload> ForReaderAsync(string action, CancellationToken ct)
    {
        var me = db.Scope.Actor;
        var today = time.Today();
        // Two queries, each a seek on its own (person, FinalisedOn) index, not one with "officer = me OR supervisor = me" and
        // the report joined in: SQLite then walked every live case and every case for the reports' join (80-220 ms on the
        // 10-year store instead of about 1 ms; bench/README.md, "HTTP load: My cases and the team caseload").
        var live = db.Cases.AsNoTracking().Where(CaseStatus.Stands).Where(c => c.FinalisedOn == null);
        var mine = await live.Where(c => c.InvestigatingOfficer == me).ToListAsync(ct);
        var supervised = await live.Where(c => c.Supervisor == me).ToListAsync(ct);
        var ids = mine.Concat(supervised).Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        // The investigation report's sign-off (ADR 0022): submitted reports wait for their supervisor, returned ones for their officer.
        var report = ids.Count == 0 ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await db.CaseReports.AsNoTracking().Where(r => ids.Contains(r.CaseId)).Select(r => new { r.CaseId, r.State })
                .ToDictionaryAsync(r => r.CaseId, r => r.State, StringComparer.Ordinal, ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in mine.Concat(supervised).Select(c => c.InvestigatingOfficer).OfType<string>().Distinct(StringComparer.Ordinal))
            names[user] = await people.NameOfAsync(user);

        CaseloadEntry Entry(Case c)
        {
            var clock = CaseClock.Of(c, targets, today);
            return new CaseloadEntry(c.Id, CaseStatus.Of(c), clock?.DueOn, clock?.WorkingDaysLeft, clock?.Overdue == true,
                c.InvestigatingOfficer is null ? null : names[c.InvestigatingOfficer]);
        }
        var entries = CaseClock.MostOverdueFirst(mine, targets, today).Select(Entry).ToList();
        var overdue = entries.Where(e => e.Overdue).ToList();
        var dueSoon = entries.Where(e => !e.Overdue && e.WorkingDaysLeft is { } left && left <= settings.DueSoonWorkingDays).ToList();
        var awaitingDecision = entries.Where(e => e.Status is CaseStatus.Received or CaseStatus.Recorded
            || (report.TryGetValue(e.CaseId, out var state) && state == CaseReportStates.Returned)).ToList();

        var supervisedCases = CaseClock.MostOverdueFirst(supervised, targets, today).ToList();
        var signOff = supervisedCases.Where(c => report.TryGetValue(c.Id, out var state) && state == CaseReportStates.Submitted).Select(Entry).ToList();
        var team = supervisedCases.GroupBy(c => c.InvestigatingOfficer)
            .Select(g => new TeamMemberLoad(g.Key, g.Key is null ? "No investigating officer named" : names[g.Key], g.Select(Entry).ToList()))
            .OrderBy(t => t.UserName is null).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var updates = await UpdatesDueAsync(mine, names, today, ct);
        var hearings = await HearingsAsync(ids, today, ct);
        var window = today.AddDays(-CaseloadSettings.UpdateOverdueWindowDays);
        var load = new Caseload(settings.DueSoonWorkingDays, entries, dueSoon, overdue, awaitingDecision, signOff, team)
        {
            UpdatesDue = [.. updates.Where(u => u.DueOn >= window)],
            UpdatesLongOverdue = [.. updates.Where(u => u.DueOn < window).Reverse()],
            Hearings = hearings,
        };
        await audit.RecordAsync(action, "caseload",
            $"investigating={entries.Count} due_soon={dueSoon.Count} overdue={overdue.Count} awaiting_decision={awaitingDecision.Count} supervising={load.Supervising} awaiting_sign_off={signOff.Count} updates_due={load.UpdatesDue.Count} updates_long_overdue={load.UpdatesLongOverdue.Count} hearings={hearings.Count}", ct);
        return load;
    }

    /// <summary>The meetings and hearings on these cases held within the window ahead, or held and awaiting their outcome, earliest first.</summary>
    private async Task<IReadOnlyList<CaseloadHearing>> HearingsAsync(List<string> ids, DateOnly today, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var until = today.AddDays(Caseload.HearingWindowDays);
        // The cases were read through need-to-know above; this only looks further into those same cases.
        var due = await db.ConductHearings.AsNoTracking().Where(h => ids.Contains(h.CaseId) && h.Outcome == null && h.HeldOn <= until)
            .OrderBy(h => h.HeldOn).ThenBy(h => h.Id).Select(h => new { h.CaseId, h.Kind, h.HeldOn, h.StaffId }).ToListAsync(ct);
        var officers = due.Select(h => h.StaffId).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => officers.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        return [.. due.Select(h => new CaseloadHearing(h.CaseId, h.Kind, h.HeldOn, names.GetValueOrDefault(h.StaffId) ?? h.StaffId, h.HeldOn < today))];
    }

    /// <summary>Of the reader's cases with a complainant, those due an update within a week or past it, soonest first.</summary>
    private async Task<IReadOnlyList<CaseloadEntry>> UpdatesDueAsync(IReadOnlyList<Case> mine, Dictionary<string, string> names, DateOnly today, CancellationToken ct)
    {
        if (mine.Count == 0) return [];
        var ids = mine.Select(c => c.Id).ToList();
        // The cases were read through need-to-know above; these two queries only look further into those same cases.
        var withComplainant = (await db.Complainants.AsNoTracking().Where(p => ids.Contains(p.CaseId)).Select(p => p.CaseId).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var kinds = ContactLog.ComplainantUpdates.UpdateKinds;
        var latest = await db.CaseEvents.AsNoTracking().Where(e => ids.Contains(e.CaseId) && kinds.Contains(e.Kind))
            .GroupBy(e => e.CaseId).Select(g => new { CaseId = g.Key, Last = g.Max(e => e.OccurredOn) }).ToDictionaryAsync(x => x.CaseId, x => x.Last, StringComparer.Ordinal, ct);
        return mine.Where(c => withComplainant.Contains(c.Id))
            .Select(c => (Case: c, Due: ContactLog.ComplainantUpdates.NextDue(c.ReceivedOn, latest.TryGetValue(c.Id, out var last) ? last : null, settings.ComplainantUpdateDays)))
            .Where(x => x.Due <= today.AddDays(CaseloadSettings.UpdateWarningDays))
            .OrderBy(x => x.Due).ThenBy(x => x.Case.Id, StringComparer.Ordinal)
            .Select(x => new CaseloadEntry(x.Case.Id, CaseStatus.Of(x.Case), x.Due, null, x.Due < today, x.Case.InvestigatingOfficer is { } io ? names[io] : null))
            .ToList();
    }
}

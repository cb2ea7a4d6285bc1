using Probity.AuditTrail.Contracts;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.EventStore;
using Probity.Infrastructure;
using Probity.Database;
using Probity.Infrastructure.Time;

namespace Probity.AccessMonitoring.Detection;

/// <param name="ClosedAsMerged">Open alerts of earlier runs closed because an alert of this run now holds their accesses.</param>
internal sealed record DetectionReport(IReadOnlyList<ScoredAlert> Alerts, DetectionOutput Output, int NewAlerts, int ClosedAsMerged, TimeSpan Elapsed);

/// <summary>
/// Runs detection for whole days: copies the reference data (staff, flagged persons, associations, assignments,
/// leaks) into the event store, measures, applies the rules, scores (moved by the unit's decisions on earlier days'
/// alerts, <see cref="UnitDecisions"/>) and explains, and files the alerts for work.
/// Alerts already being worked keep their status; a re-run updates their evidence.
/// </summary>
internal sealed class DetectMisuse(ProbityDb db, IAccessEventStore store, MisuseRuleSet rules, Audit audit, TimeProvider time)
{
    public async Task<DetectionReport> HandleAsync(DateOnly from, DateOnly to, IProgress<string>? progress, CancellationToken ct)
    {
        WorkingDays.RequireCovered(from, "the first day");
        WorkingDays.RequireCovered(to, "the last day");
        if (to < from) throw new Kernel.ActionRefusedException($"The last day ({to:yyyy-MM-dd}) is before the first ({from:yyyy-MM-dd}).");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress?.Report("reference data");
        await store.ReplaceReferenceAsync(await LoadReferenceAsync(db, ct), ct);
        var output = await store.DetectAsync(new DetectionRequest(from, to, rules), progress, ct);
        var decisions = await UnitDecisions.LoadAsync(db, from, rules.Learning, ct);
        var alerts = ExplainAlert.Queue(output.Signals, rules, decisions);
        var added = await FileAlertsAsync(alerts, ct);
        var merged = await CloseMergedAsync(alerts, from, to, ct);
        await audit.RecordAsync("detect", "access_events", $"detect {from:yyyy-MM-dd}..{to:yyyy-MM-dd} events={output.EventsExamined} alerts={alerts.Count} new={added} merged={merged}", ct);
        return new DetectionReport(alerts, output, added, merged, clock.Elapsed);
    }

    public static async Task<ReferenceData> LoadReferenceAsync(ProbityDb db, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new { s.Id, s.UnitId, s.StaffType, s.Rank }).ToListAsync(ct);
        var staffReferences = staff.Select(s => new StaffReference(s.Id, s.UnitId, StaffReference.PeerGroupOf(s.StaffType, s.Rank))).ToList();
        var persons = (await db.Persons.AsNoTracking().Where(p => p.Flags != null && p.Flags != "").Select(p => new { p.Id, p.Flags }).ToListAsync(ct))
            .Select(p => new PersonReference(p.Id, p.Flags!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList();
        var associations = await db.Associations.AsNoTracking()
            .Select(a => new AssociationReference(a.StaffId, a.PersonId, a.Relation, a.Source, a.FromDate, a.ToDate)).ToListAsync(ct);
        var assignments = await db.Assignments.AsNoTracking()
            .Select(a => new AssignmentReference(a.StaffId, a.ReasonRef, a.RecordType, a.RecordId, a.SubjectPersonId, a.FromTime, a.ToTime)).ToListAsync(ct);
        var leaks = await db.LeakReports.AsNoTracking()
            .Select(l => new LeakReference(l.Id, l.RecordId, l.SubjectPersonId, l.LeakedAt, l.WindowDays)).ToListAsync(ct);
        return new ReferenceData(staffReferences, persons, associations, assignments, leaks);
    }

    private async Task<int> FileAlertsAsync(IReadOnlyList<ScoredAlert> alerts, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var added = 0;
        // 200 a save: every alert reopened in one is named on its trail entry (the detail holds 4,000 characters).
        foreach (var chunk in alerts.Chunk(200))
        {
            var addedBefore = added;
            var reopened = new List<string>();
            var ids = chunk.Select(a => a.AlertId).ToList();
            var existing = await db.MisuseAlerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            foreach (var alert in chunk)
            {
                var evidence = JsonSerializer.Serialize(alert.Signal.Evidence, EvidenceJson.Options);
                if (existing.TryGetValue(alert.AlertId, out var row))
                {
                    if (ClosedAsMerged(row))
                    {
                        // It heads its group now (the group's scores moved): back in the queue, as the alert that holds them.
                        (row.Status, row.DismissReason, row.Note, row.DecidedBy, row.DecidedAt, row.Version) = (AlertStatus.Open, null, null, null, null, Guid.NewGuid());
                        reopened.Add(row.Id);
                    }
                    row.Score = alert.Score;
                    row.Explanation = Truncate(alert.Explanation, 4000);
                    row.EvidenceJson = evidence;
                    row.FirstEventTime = alert.Signal.First;
                    row.LastEventTime = alert.Signal.Last;
                    row.EventCount = alert.Signal.EventCount;
                    continue;
                }
                added++;
                db.MisuseAlerts.Add(new MisuseAlert
                {
                    Id = alert.AlertId, StaffId = alert.Signal.StaffId, Rule = alert.Signal.Rule, Key = Truncate(alert.Signal.Key, 200), Score = alert.Score,
                    FirstEventTime = alert.Signal.First, LastEventTime = alert.Signal.Last, EventCount = alert.Signal.EventCount,
                    Explanation = Truncate(alert.Explanation, 4000), EvidenceJson = evidence, DetectedAt = now,
                });
            }
            var (newAlerts, rescored) = (added - addedBefore, chunk.Length - (added - addedBefore));
            audit.Change("detect", "misuse_alerts", $"filed {newAlerts} new alert(s), rescored {rescored}: {string.Join(' ', chunk.Select(a => a.AlertId).Take(20))}{(chunk.Length > 20 ? " …" : "")}" +
                (reopened.Count == 0 ? "" : $"; reopened {reopened.Count} closed earlier as merged, now heading their group: {string.Join(' ', reopened)}"));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return added;
    }

    /// <summary>
    /// An earlier run over the same days that did not yet see a group (a batch arrived since; ADR 0035) filed one of its
    /// findings as an alert of its own, which now stands in the queue beside the alert holding its accesses. Such an alert,
    /// while still open, is closed as a duplicate of the one that holds it, with a note saying which, on the trail like any
    /// decision; a duplicate teaches the queue nothing (<see cref="UnitDecisions"/>). An alert someone has taken (assigned)
    /// or decided is theirs and is left as it is; so is one whose holder is already decided. Returns how many were closed.
    /// </summary>
    private async Task<int> CloseMergedAsync(IReadOnlyList<ScoredAlert> alerts, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var heads = alerts.Select(a => a.AlertId).ToHashSet(StringComparer.Ordinal);
        var holder = alerts.SelectMany(a => a.MergedIds.Where(id => !heads.Contains(id)).Select(id => (Member: id, Head: a.AlertId)))
            .GroupBy(x => x.Member, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Head, StringComparer.Ordinal);
        var closed = 0;
        // 100 a save: every closing is named on its trail entry, "closed>holder" (the detail holds 4,000 characters), so an
        // alert reading "Closed by detection" that no entry names was not closed by detection.
        foreach (var chunk in holder.Keys.Chunk(100))
        {
            for (var attempt = 1; ; attempt++)
            {
                var open = await db.MisuseAlerts.Where(a => chunk.Contains(a.Id) && a.Status == AlertStatus.Open).ToListAsync(ct);
                // Only under a holder still to be worked: one decided before the group held these accesses was decided
                // without them, and closing them under it would leave them unreviewed and the group with no open alert.
                var holders = open.Select(r => holder[r.Id]).Distinct(StringComparer.Ordinal).ToList();
                var undecided = await db.MisuseAlerts.Where(a => holders.Contains(a.Id) && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Assigned))
                    .Select(a => a.Id).ToListAsync(ct);
                open.RemoveAll(r => !undecided.Contains(holder[r.Id]));
                if (open.Count == 0) break;
                var mark = db.MarkUnsaved();
                var now = time.GetUtcNow();
                foreach (var row in open)
                {
                    row.Status = AlertStatus.Dismissed;
                    row.DismissReason = AlertStatus.Duplicate;
                    row.Note = $"{MergedNote} of {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: alert {holder[row.Id]} now holds these accesses with others of the same day; review them there.";
                    row.DecidedBy = db.Scope.Actor;
                    row.DecidedAt = now;
                    row.Version = Guid.NewGuid();
                }
                audit.Change("detect", "misuse_alerts", $"closed {open.Count} open alert(s) as duplicates of the alerts that now hold their accesses: " +
                    string.Join(' ', open.Select(r => $"{r.Id}>{holder[r.Id]}")));
                try
                {
                    await db.SaveChangesAsync(ct);
                    closed += open.Count;
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    // Someone decided one of them meanwhile: theirs stands; the rest are read again.
                    db.ForgetSince(mark);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
        return closed;
    }

    /// <summary>How the note of an alert closed by <see cref="CloseMergedAsync"/> begins.</summary>
    internal const string MergedNote = "Closed by detection";

    /// <summary>
    /// Closed by detection as held by another alert. Should it head its group on a later run (the group's scores moved),
    /// it is reopened, or the group would have no open alert. A person's note written to look like detection's can only
    /// put an alert back in the queue, never take one out.
    /// </summary>
    private static bool ClosedAsMerged(MisuseAlert row) =>
        row.Status == AlertStatus.Dismissed && row.DismissReason == AlertStatus.Duplicate && row.Note?.StartsWith(MergedNote, StringComparison.Ordinal) == true;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";

    /// <summary>alerts.csv: alert_id,staff_id,rule,score,first_event_time,last_event_time,event_count,explanation.</summary>
    public static async Task WriteCsvAsync(TextWriter writer, IEnumerable<ScoredAlert> alerts, CancellationToken ct)
    {
        await writer.WriteAsync("alert_id,staff_id,rule,score,first_event_time,last_event_time,event_count,explanation\r\n");
        foreach (var a in alerts)
        {
            ct.ThrowIfCancellationRequested();
            var line = Csv.Record([
                a.AlertId, a.Signal.StaffId, a.Signal.Rule, a.Score.ToString("0.0", CultureInfo.InvariantCulture),
                a.Signal.First.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                a.Signal.Last.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                a.Signal.EventCount.ToString(CultureInfo.InvariantCulture), a.Explanation]);
            await writer.WriteAsync(line + "\r\n");
        }
    }

}

internal static class EvidenceJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<AccessEvent> Read(string json) =>
        JsonSerializer.Deserialize<List<AccessEvent>>(json, Options) ?? [];
}

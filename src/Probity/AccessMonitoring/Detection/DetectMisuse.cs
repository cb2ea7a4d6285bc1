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

internal sealed record DetectionReport(IReadOnlyList<ScoredAlert> Alerts, DetectionOutput Output, int NewAlerts, TimeSpan Elapsed);

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
        await audit.RecordAsync("detect", "access_events", $"detect {from:yyyy-MM-dd}..{to:yyyy-MM-dd} events={output.EventsExamined} alerts={alerts.Count} new={added}", ct);
        return new DetectionReport(alerts, output, added, clock.Elapsed);
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
        foreach (var chunk in alerts.Chunk(500))
        {
            var addedBefore = added;
            var ids = chunk.Select(a => a.AlertId).ToList();
            var existing = await db.MisuseAlerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            foreach (var alert in chunk)
            {
                var evidence = JsonSerializer.Serialize(alert.Signal.Evidence, EvidenceJson.Options);
                if (existing.TryGetValue(alert.AlertId, out var row))
                {
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
            audit.Change("detect", "misuse_alerts", $"filed {newAlerts} new alert(s), rescored {rescored}: {string.Join(' ', chunk.Select(a => a.AlertId).Take(20))}{(chunk.Length > 20 ? " …" : "")}");
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return added;
    }

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

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
/// Alerts being worked (open, assigned) keep their status and a re-run updates their evidence; a decided alert keeps
/// what it was decided on, and accesses it did not see go to its follow-up (ADR 0036).
/// </summary>
internal sealed class DetectMisuse(ProbityDb db, IAccessEventStore store, MisuseRuleSet rules, Audit audit, TimeProvider time)
{
    public async Task<DetectionReport> HandleAsync(DateOnly from, DateOnly to, IProgress<string>? progress, CancellationToken ct)
    {
        WorkingDays.RequireCovered(from, "the first day");
        WorkingDays.RequireCovered(to, "the last day");
        if (to < from) throw new Kernel.ActionRefusedException($"The last day ({to:yyyy-MM-dd}) is before the first ({from:yyyy-MM-dd}).");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // One run at a time over the store, across processes: two runs over the same days each close as merged what the
        // other's queue holds apart, and each files from what it read (ADR 0035, ADR 0036).
        using var held = await store.HoldDetectionAsync(progress, ct);
        progress?.Report("reference data");
        await store.ReplaceReferenceAsync(await LoadReferenceAsync(db, ct), ct);
        var output = await store.DetectAsync(new DetectionRequest(from, to, rules), progress, ct);
        var decisions = await UnitDecisions.LoadAsync(db, from, rules.Learning, ct);
        var alerts = ExplainAlert.Queue(output.Signals, rules, decisions);
        var (added, filedAs) = await FileAlertsAsync(alerts, ct);
        var merged = await CloseMergedAsync(alerts, filedAs, from, to, ct);
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

    /// <summary>
    /// Files each alert where it belongs (ADR 0036): a new alert; an open or assigned one rescored with the accesses that
    /// have arrived; one closed as merged reopened when it heads its group again. A decided alert (dismissed or raised)
    /// keeps the score, explanation and evidence it was decided on; accesses it did not hold go to its follow-up, an alert
    /// of their own that names the decision (and a decided follow-up to its own). A person deciding an alert while this
    /// saves wins: the chunk is read again and filed as it now stands. Returns how many alerts were new, and for each alert
    /// of the run the id it was filed under (its own, or a follow-up's).
    /// </summary>
    private async Task<(int Added, Dictionary<string, string> FiledAs)> FileAlertsAsync(IReadOnlyList<ScoredAlert> alerts, CancellationToken ct)
    {
        var added = 0;
        var filedAs = new Dictionary<string, string>(StringComparer.Ordinal);
        // 200 a save: every alert reopened in one is named on its trail entry (the detail holds 4,000 characters), every one
        // followed up on an entry of 100 follow-ups.
        foreach (var chunk in alerts.Chunk(200))
        {
            for (var attempt = 1; ; attempt++)
            {
                var mark = db.MarkUnsaved();
                var filing = await FileChunkAsync(chunk, ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                    added += filing.Added;
                    foreach (var (id, at) in filing.FiledAs) filedAs[id] = at;
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    // Someone decided or took one of them meanwhile: theirs stands; the chunk is read again.
                    db.ForgetSince(mark);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
        return (added, filedAs);
    }

    private async Task<(int Added, Dictionary<string, string> FiledAs)> FileChunkAsync(ScoredAlert[] chunk, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (added, rescored, standing, reopened, followedUp) = (0, 0, 0, new List<string>(), new List<string>());
        var filedAs = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = chunk.Select(c => c.AlertId).ToList();
        var rows = await db.MisuseAlerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, ct);
        // Each alert's place: its own id, or along its chain of follow-ups past every decision that did not see all it holds.
        var place = chunk.ToDictionary(a => a.AlertId, a => a.AlertId, StringComparer.Ordinal);
        var decidedOn = new Dictionary<string, MisuseAlert>(StringComparer.Ordinal);
        for (var depth = 0; depth < MaxFollowUps; depth++)
        {
            var onward = chunk.Where(a => rows.TryGetValue(place[a.AlertId], out var row) && Decided(row) && HoldsMore(a, row)).ToList();
            if (onward.Count == 0) break;
            foreach (var a in onward)
            {
                decidedOn[a.AlertId] = rows[place[a.AlertId]];
                place[a.AlertId] = FollowUpId(place[a.AlertId]);
            }
            var next = onward.Select(a => place[a.AlertId]).Where(id => !rows.ContainsKey(id)).ToList();
            foreach (var row in await db.MisuseAlerts.Where(a => next.Contains(a.Id)).ToListAsync(ct)) rows[row.Id] = row;
        }
        foreach (var alert in chunk)
        {
            var id = place[alert.AlertId];
            filedAs[alert.AlertId] = id;
            rows.TryGetValue(id, out var row);
            // Decided on all it holds now: the decision stands as made.
            if (row is not null && Decided(row))
            {
                standing++;
                continue;
            }
            var decision = decidedOn.GetValueOrDefault(alert.AlertId);
            var explanation = Truncate(decision is null ? alert.Explanation : AfterDecision(decision, alert) + alert.Explanation, 4000);
            var evidence = JsonSerializer.Serialize(alert.Signal.Evidence, EvidenceJson.Options);
            if (row is not null)
            {
                rescored++;
                if (ClosedAsMerged(row))
                {
                    // It heads its group now (the group's scores moved): back in the queue, as the alert that holds them.
                    (row.Status, row.DismissReason, row.Note, row.DecidedBy, row.DecidedAt, row.Version) = (AlertStatus.Open, null, null, null, null, Guid.NewGuid());
                    reopened.Add(row.Id);
                }
                row.Score = alert.Score;
                row.Explanation = explanation;
                row.EvidenceJson = evidence;
                row.FirstEventTime = alert.Signal.First;
                row.LastEventTime = alert.Signal.Last;
                row.EventCount = alert.Signal.EventCount;
                continue;
            }
            added++;
            if (decision is not null) followedUp.Add($"{decision.Id}>{id}");
            db.MisuseAlerts.Add(new MisuseAlert
            {
                Id = id, StaffId = alert.Signal.StaffId, Rule = alert.Signal.Rule, Key = Truncate(alert.Signal.Key, 200), Score = alert.Score,
                FirstEventTime = alert.Signal.First, LastEventTime = alert.Signal.Last, EventCount = alert.Signal.EventCount,
                Explanation = explanation, EvidenceJson = evidence, DetectedAt = now,
            });
        }
        audit.Change("detect", "misuse_alerts", $"filed {added} new alert(s), rescored {rescored}, left {standing} as decided: {string.Join(' ', chunk.Select(a => a.AlertId).Take(20))}{(chunk.Length > 20 ? " …" : "")}" +
            (reopened.Count == 0 ? "" : $"; reopened {reopened.Count} closed earlier as merged, now heading their group: {string.Join(' ', reopened)}"));
        // Each "decided>follow-up" pair is 31 characters: 200 of them overran the detail's 4,000 and were cut unnamed, so
        // they go on entries of their own, 100 an entry.
        foreach (var pairs in followedUp.Chunk(100))
            audit.Change("detect", "misuse_alerts", $"followed up {pairs.Length} decided alert(s) with accesses their decision did not see: {string.Join(' ', pairs)}");
        return (added, filedAs);
    }

    /// <summary>How many follow-ups deep an alert's chain is followed in one run (each needs a decision on the one before).</summary>
    private const int MaxFollowUps = 20;

    /// <summary>Dismissed or raised by a person (not closed by detection as held by another alert).</summary>
    private static bool Decided(MisuseAlert row) => row.Status is AlertStatus.Dismissed or AlertStatus.Raised && !ClosedAsMerged(row);

    /// <summary>
    /// The finding holds accesses the decided alert did not: more of them, earlier or later than it held, or one it was not
    /// shown, where the decision was shown every access it counted. Where it was shown a sample: a finding of the group none
    /// of whose accesses it was shown (a look at another flagged person joining a custody officer's day adds one access to
    /// a count of hundreds; one access of each finding is listed), or an access of a head whose every access it was shown
    /// (<see cref="ScoredAlert.MustHaveShown"/>). A count can fall between runs (an access explained since) and rise again
    /// with a late batch, over the same span: as many accesses, not the same ones.
    /// </summary>
    internal static bool HoldsMore(ScoredAlert alert, MisuseAlert row)
    {
        if (alert.Signal.EventCount > row.EventCount || alert.Signal.First < row.FirstEventTime || alert.Signal.Last > row.LastEventTime) return true;
        var shown = EvidenceJson.Read(row.EvidenceJson).ToHashSet();
        return shown.Count >= row.EventCount ? alert.Signal.Evidence.Any(e => !shown.Contains(e)) : alert.MustHaveShown.Any(each => !each.Any(shown.Contains));
    }

    /// <summary>The alert that takes the accesses a decision on <paramref name="decidedId"/> did not see: the same on every run.</summary>
    internal static string FollowUpId(string decidedId) => ExplainAlert.IdOf(decidedId + "\nfollow-up");

    private static string AfterDecision(MisuseAlert decided, ScoredAlert alert) =>
        $"Alert {decided.Id} was {(decided.Status == AlertStatus.Raised ? "raised" : $"dismissed ({AlertWords.DismissReason(decided.DismissReason).ToLowerInvariant()})")}" +
        $"{(decided.DecidedAt is { } at ? $" on {LondonTime.ToLocal(at):d MMM yyyy HH:mm}" : "")} on {decided.EventCount:N0} access(es) " +
        $"from {LondonTime.ToLocal(decided.FirstEventTime):HH:mm} to {LondonTime.ToLocal(decided.LastEventTime):HH:mm}; this finding now holds " +
        $"{alert.Signal.EventCount:N0} from {LondonTime.ToLocal(alert.Signal.First):HH:mm} to {LondonTime.ToLocal(alert.Signal.Last):HH:mm}, which that decision did not see. ";

    /// <summary>
    /// An earlier run over the same days that did not yet see a group (a batch arrived since; ADR 0035) filed one of its
    /// findings as an alert of its own, which now stands in the queue beside the alert holding its accesses. Such an alert,
    /// while still open, is closed as a duplicate of the one that holds it, with a note saying which, on the trail like any
    /// decision; a duplicate teaches the queue nothing (<see cref="UnitDecisions"/>). An alert someone has taken (assigned)
    /// or decided is theirs and is left as it is; so is one whose holder is already decided. Returns how many were closed.
    /// </summary>
    private async Task<int> CloseMergedAsync(IReadOnlyList<ScoredAlert> alerts, Dictionary<string, string> filedAs, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var heads = alerts.Select(a => a.AlertId).ToHashSet(StringComparer.Ordinal);
        // Held where the head was filed: its follow-up, when a decision on it did not see all the group holds.
        var holder = alerts.SelectMany(a => a.MergedIds.Where(id => !heads.Contains(id)).Select(id => (Member: id, Head: filedAs.GetValueOrDefault(a.AlertId, a.AlertId))))
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
                    .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, ct);
                open.RemoveAll(r => !undecided.ContainsKey(holder[r.Id]));
                if (open.Count == 0) break;
                // The holders are saved unchanged with their version checked: a person deciding one after it was read here
                // fails this save (their decision stands), and the retry leaves its members open.
                foreach (var h in open.Select(r => undecided[holder[r.Id]]).Distinct()) db.Entry(h).Property(x => x.Version).IsModified = true;
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
                    // Someone decided one of them, or a holder, meanwhile: theirs stands; the rest are read again.
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

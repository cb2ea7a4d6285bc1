using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.AuditTrail.Contracts;
using Probity.Database;

using static Probity.IntegrationTests.AccessMonitoring.AlertRuns;

namespace Probity.IntegrationTests.AccessMonitoring;

/// <summary>
/// One alert per thing to review holds across runs (ADR 0035 addendum). Detection runs over a day again as batches
/// arrive; a run that did not yet see a group filed one of its findings as an alert of its own, which then stood in the
/// queue beside the alert that later held its accesses: two alerts, one thing to review. The later run closes the
/// earlier alert as a duplicate of the one holding it, on the trail, unless somebody has taken it; and should the closed
/// one head its group on a run after that, it is reopened rather than leaving the group with no open alert.
/// </summary>
public sealed class MergedOnRerunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_open_alert_a_later_run_puts_under_another_is_closed_as_its_duplicate_a_taken_one_is_left_and_a_closed_head_is_reopened(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var groups = await GroupsAsync(app, 2);
        var ((day, head), (takenDay, takenHead)) = (groups[0], groups[1]);
        var (open, taken) = (head.MergedIds[0], takenHead.MergedIds[0]);

        // As runs before the groups were seen left them: a finding of each filed as an alert of its own, one taken since.
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
            var heads = await db.MisuseAlerts.AsNoTracking().Where(a => a.Id == head.AlertId || a.Id == takenHead.AlertId).ToDictionaryAsync(a => a.Id, Ct);
            MisuseAlert Earlier(string id, MisuseAlert row) => new()
            {
                Id = id, StaffId = row.StaffId, Rule = row.Rule, Key = "earlier run " + id, Score = row.Score - 1, FirstEventTime = row.FirstEventTime,
                LastEventTime = row.FirstEventTime, EventCount = 1, Explanation = "Filed by a run that had not yet seen the rest of the day.", EvidenceJson = "[]",
                DetectedAt = row.DetectedAt,
            };
            var assigned = Earlier(taken, heads[takenHead.AlertId]);
            (assigned.Status, assigned.AssignedTo) = (AlertStatus.Assigned, "investigator");
            db.MisuseAlerts.AddRange(Earlier(open, heads[head.AlertId]), assigned);
            scope.ServiceProvider.GetRequiredService<Audit>().Change("test", "misuse_alerts", "as an earlier run left them");
            await db.SaveChangesAsync(Ct);
        }
        var mark = await app.TrailSequenceAsync();

        await DetectAsync(app, day);
        await DetectAsync(app, takenDay);

        var rows = await AlertsAsync(app, head.AlertId, open, taken);
        Assert.Equal((AlertStatus.Dismissed, AlertStatus.Duplicate), (rows[open].Status, rows[open].DismissReason));
        Assert.StartsWith(DetectMisuse.MergedNote, rows[open].Note, StringComparison.Ordinal);
        Assert.Contains($"alert {head.AlertId} now holds these accesses", rows[open].Note, StringComparison.Ordinal);
        Assert.Equal((AlertStatus.Assigned, "investigator"), (rows[taken].Status, rows[taken].AssignedTo));
        Assert.Equal(AlertStatus.Open, rows[head.AlertId].Status);
        var entry = Assert.Single(await app.TrailAsync(), e => e.Sequence > mark && e.Detail?.Contains("as duplicates of the alerts that now hold", StringComparison.Ordinal) == true);
        Assert.Equal(("detect", "misuse_alerts"), (entry.Action, entry.Target));
        Assert.Contains($"{open}>{head.AlertId}", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(taken, entry.Detail, StringComparison.Ordinal);

        // A run after: the head itself had been closed as held by another (the group's scores moved since); it heads the
        // group now, so it is back in the queue. A person's dismissal of it as a duplicate stands.
        await SetAsync(app, head.AlertId, AlertStatus.Dismissed, AlertStatus.Duplicate, DetectMisuse.MergedNote + " of an earlier day: alert MA-000000000000 now holds these accesses.");
        mark = await app.TrailSequenceAsync();
        await DetectAsync(app, day);
        var reopened = (await AlertsAsync(app, head.AlertId))[head.AlertId];
        Assert.Equal((AlertStatus.Open, null, null, null), (reopened.Status, reopened.DismissReason, reopened.Note, reopened.DecidedBy));
        Assert.Contains((await app.TrailAsync()).Where(e => e.Sequence > mark), e => e.Detail?.Contains($"reopened 1 closed earlier as merged, now heading their group: {head.AlertId}", StringComparison.Ordinal) == true);

        await SetAsync(app, head.AlertId, AlertStatus.Dismissed, AlertStatus.Duplicate, "Same as the alert I raised this morning.");
        await DetectAsync(app, day);
        Assert.Equal(AlertStatus.Dismissed, (await AlertsAsync(app, head.AlertId))[head.AlertId].Status);
    }

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task An_open_alert_is_not_closed_under_an_alert_already_decided_whose_review_never_saw_its_accesses(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var groups = await GroupsAsync(app, 2);
        var ((day, decidedHead), (takenDay, takenHead)) = (groups[0], groups[1]);
        var (underDecided, underTaken) = (decidedHead.MergedIds[0], takenHead.MergedIds[0]);
        await PlantEarlierAsync(app, (underDecided, decidedHead.AlertId), (underTaken, takenHead.AlertId));
        // The head was dismissed on its own accesses before a batch brought the earlier alert's finding into its group; the
        // other head is being looked into, and will be read with the group's accesses.
        await SetAsync(app, decidedHead.AlertId, AlertStatus.Dismissed, "legitimate_business", "Tasked to the custody suite that day.");
        await SetAsync(app, takenHead.AlertId, AlertStatus.Assigned, null, null);

        await DetectAsync(app, day);
        await DetectAsync(app, takenDay);

        var rows = await AlertsAsync(app, underDecided, underTaken);
        Assert.Equal((AlertStatus.Open, null), (rows[underDecided].Status, rows[underDecided].Note));
        Assert.Equal((AlertStatus.Dismissed, AlertStatus.Duplicate), (rows[underTaken].Status, rows[underTaken].DismissReason));
    }

    /// <summary>As runs before the groups were seen left them: each finding filed as an open alert of its own.</summary>
    private static async Task PlantEarlierAsync(ProbityApp app, params (string Id, string Head)[] earlier)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var headIds = earlier.Select(e => e.Head).Distinct().ToList();
        var heads = await db.MisuseAlerts.AsNoTracking().Where(a => headIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, Ct);
        db.MisuseAlerts.AddRange(earlier.Select(e => new MisuseAlert
        {
            Id = e.Id, StaffId = heads[e.Head].StaffId, Rule = heads[e.Head].Rule, Key = "earlier run " + e.Id, Score = heads[e.Head].Score - 1,
            FirstEventTime = heads[e.Head].FirstEventTime, LastEventTime = heads[e.Head].FirstEventTime, EventCount = 1,
            Explanation = "Filed by a run that had not yet seen the rest of the day.", EvidenceJson = "[]", DetectedAt = heads[e.Head].DetectedAt,
        }));
        scope.ServiceProvider.GetRequiredService<Audit>().Change("test", "misuse_alerts", "as an earlier run left them");
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The first <paramref name="count"/> groups (an alert holding another finding) of the demo's days, with their day, detected again.</summary>
    private static async Task<List<(DateOnly Day, ScoredAlert Head)>> GroupsAsync(ProbityApp app, int count)
    {
        List<DateOnly> days;
        await using (var scope = app.SystemScope())
        {
            var times = await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.AsNoTracking().Select(a => a.FirstEventTime).ToListAsync(Ct);
            days = [.. times.Select(t => DateOnly.FromDateTime(LondonTime.ToLocal(t).Date)).Distinct().Order()];
        }
        var groups = new List<(DateOnly, ScoredAlert)>();
        foreach (var day in days)
        {
            groups.AddRange((await DetectAsync(app, day)).Alerts.Where(a => a.MergedIds.Count > 0).Select(a => (day, a)));
            if (groups.Count >= count) return groups;
        }
        throw new InvalidOperationException($"The demo's days group findings under {groups.Count} alert(s); the test needs {count}.");
    }

    private static Task SetAsync(ProbityApp app, string id, string status, string? reason, string? note) =>
        ChangeAsync(app, id, row =>
        {
            if (status == AlertStatus.Assigned) (row.Status, row.AssignedTo, row.Version) = (status, "investigator", Guid.NewGuid());
            else (row.Status, row.DismissReason, row.Note, row.DecidedBy, row.DecidedAt, row.Version) = (status, reason, note, "investigator", row.DetectedAt, Guid.NewGuid());
        }, note ?? status);
}

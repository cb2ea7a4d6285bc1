using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.Database;

using static Probity.IntegrationTests.AccessMonitoring.AlertRuns;

namespace Probity.IntegrationTests.AccessMonitoring;

/// <summary>
/// A decision stands on what it saw (ADR 0036). Detection runs over a day again as batches arrive. Before, a re-run
/// rewrote a dismissed alert's score, explanation and evidence with accesses the reviewer never saw, so the dismissal
/// appeared to cover them and they went unreviewed; and a person deciding an alert while detection saved it made the
/// run fail. Now a decided alert keeps what it was decided on, the accesses it did not see go to a follow-up alert that
/// names the decision, and a decision made mid-run stands while the run files around it.
/// </summary>
public sealed class DecidedOnRerunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_dismissal_stands_on_what_it_saw_and_the_accesses_it_did_not_see_come_back_as_a_follow_up_once(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var (seenPart, seenAll) = await TwoAlertsAsync(app);
        // As a run before the day's last batch left one of them: it held only the first access when it was dismissed.
        var partial = await ChangeAsync(app, seenPart.Id, row =>
        {
            (row.EventCount, row.LastEventTime, row.Explanation) = (1, row.FirstEventTime, "As it was when dismissed.");
            Dismiss(row);
        });
        var whole = await ChangeAsync(app, seenAll.Id, row =>
        {
            row.Explanation = "As it was when dismissed.";
            Dismiss(row);
        });
        var mark = await app.TrailSequenceAsync();

        var first = await DetectAsync(app, Day(seenPart));
        if (Day(seenAll) != Day(seenPart)) await DetectAsync(app, Day(seenAll));

        var followUpId = DetectMisuse.FollowUpId(seenPart.Id);
        var rows = await AlertsAsync(app, seenPart.Id, seenAll.Id, followUpId);
        // Both decisions stand as made: nothing about the dismissed alerts was rewritten.
        Assert.Equivalent(Decided(partial), Decided(rows[seenPart.Id]));
        Assert.Equivalent(Decided(whole), Decided(rows[seenAll.Id]));
        // The accesses the first dismissal did not see are an alert of their own, in the queue, naming the decision.
        var followUp = rows[followUpId];
        Assert.Equal((AlertStatus.Open, seenPart.StaffId, seenPart.Rule, seenPart.EventCount, seenPart.LastEventTime),
            (followUp.Status, followUp.StaffId, followUp.Rule, followUp.EventCount, followUp.LastEventTime));
        Assert.StartsWith($"Alert {seenPart.Id} was dismissed (legitimate business the data did not show) on ", followUp.Explanation, StringComparison.Ordinal);
        Assert.Contains($"on 1 access(es) from ", followUp.Explanation, StringComparison.Ordinal);
        Assert.Contains($"this finding now holds {seenPart.EventCount:N0} ", followUp.Explanation, StringComparison.Ordinal);
        // The one that saw everything has no follow-up.
        Assert.False(rows.ContainsKey(DetectMisuse.FollowUpId(seenAll.Id)));
        Assert.Contains(await app.TrailAsync(), e => e.Sequence > mark && e.Action == "detect"
            && e.Detail?.Contains($"followed up 1 decided alert(s) with accesses their decision did not see: {seenPart.Id}>{followUpId}", StringComparison.Ordinal) == true);
        Assert.True(first.NewAlerts >= 1);
        // Each page links the other: the reviewer opening the dismissal sees where the later accesses went.
        var reviewer = await app.SignInAsync("investigator");
        Assert.Contains($"href=\"/monitoring/alerts/{followUpId}\" data-testid=\"followed-by-link\"", await reviewer.Http.GetStringAsync($"/monitoring/alerts/{seenPart.Id}", Ct), StringComparison.Ordinal);
        Assert.Contains($"href=\"/monitoring/alerts/{seenPart.Id}\" data-testid=\"follows-link\"", await reviewer.Http.GetStringAsync($"/monitoring/alerts/{followUpId}", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("followed-by-link", await reviewer.Http.GetStringAsync($"/monitoring/alerts/{seenAll.Id}", Ct), StringComparison.Ordinal);

        // Run again: the follow-up is rescored, not filed twice.
        Assert.Equal(0, (await DetectAsync(app, Day(seenPart))).NewAlerts);
        // Decided on everything, the follow-up stands too, and there is nothing to follow it up with.
        await ChangeAsync(app, followUpId, Dismiss);
        Assert.Equal(0, (await DetectAsync(app, Day(seenPart))).NewAlerts);
        Assert.False((await AlertsAsync(app, DetectMisuse.FollowUpId(followUpId))).Count > 0);
        Assert.Equal(AlertStatus.Dismissed, (await AlertsAsync(app, followUpId))[followUpId].Status);
    }

    /// <summary>
    /// A reviewer dismisses an alert while detection is saving its rescoring (PostgreSQL: the dismissal holds the row until
    /// it commits, so the run's save waits on it and then finds the row changed). Before, the run failed on the
    /// conflict; now the dismissal stands and the run files the accesses the reviewer did not see as its follow-up.
    /// </summary>
    [Fact]
    public async Task A_dismissal_made_while_detection_saves_stands_and_the_run_files_around_it()
    {
        await using var app = await Apps.CreateAsync(Provider.Postgres);
        var (alert, _) = await TwoAlertsAsync(app);
        // As a run before the day's last batch left it: open, holding only its first access.
        await ChangeAsync(app, alert.Id, row => (row.EventCount, row.LastEventTime) = (1, row.FirstEventTime));
        string connection;
        await using (var scope = app.SystemScope())
            connection = scope.ServiceProvider.GetRequiredService<ProbityDb>().Database.GetConnectionString()!;

        await using var reviewer = new NpgsqlConnection(connection);
        await reviewer.OpenAsync(Ct);
        await using var decision = await reviewer.BeginTransactionAsync(Ct);
        await using (var dismiss = new NpgsqlCommand("""
            UPDATE misuse_alerts SET "Status" = 'dismissed', "DismissReason" = 'legitimate_business', "DecidedBy" = 'reviewer', "Version" = gen_random_uuid()
            WHERE "Id" = @id
            """, reviewer, decision))
        {
            dismiss.Parameters.AddWithValue("id", alert.Id);
            Assert.Equal(1, await dismiss.ExecuteNonQueryAsync(Ct));
        }
        var run = DetectAsync(app, Day(alert));
        // The run reads the alert as open (the dismissal is not committed) and its save waits on the reviewer's row.
        await using (var probe = new NpgsqlConnection(connection))
        {
            await probe.OpenAsync(Ct);
            var waited = false;
            for (var i = 0; i < 2_400 && !run.IsCompleted && !waited; i++)
            {
                await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", probe);
                waited = (long)(await waiting.ExecuteScalarAsync(Ct))! > 0;
                if (!waited) await Task.Delay(25, Ct);
            }
            Assert.True(waited, "the run's save never waited on the reviewer's uncommitted dismissal");
        }
        await decision.CommitAsync(Ct);

        await run;
        var followUpId = DetectMisuse.FollowUpId(alert.Id);
        var rows = await AlertsAsync(app, alert.Id, followUpId);
        Assert.Equal((AlertStatus.Dismissed, "reviewer", 1L), (rows[alert.Id].Status, rows[alert.Id].DecidedBy, rows[alert.Id].EventCount));
        Assert.Equal((AlertStatus.Open, alert.EventCount), (rows[followUpId].Status, rows[followUpId].EventCount));
    }

    /// <summary>Two open demo alerts of several accesses each, as detection filed them.</summary>
    private static async Task<(MisuseAlert, MisuseAlert)> TwoAlertsAsync(ProbityApp app)
    {
        await using var scope = app.SystemScope();
        var several = await scope.ServiceProvider.GetRequiredService<ProbityDb>().MisuseAlerts.AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open && a.EventCount >= 3).OrderBy(a => a.Id).Take(2).ToListAsync(Ct);
        Assert.True(several.Count == 2, "the demo's alerts have fewer than two open alerts of three or more accesses");
        return (several[0], several[1]);
    }

    private static object Decided(MisuseAlert a) =>
        new { a.Status, a.DismissReason, a.Note, a.DecidedBy, a.DecidedAt, a.Score, a.Explanation, a.EvidenceJson, a.EventCount, a.FirstEventTime, a.LastEventTime, a.Version };
}

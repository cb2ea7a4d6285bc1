using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.Database;

using static Probity.IntegrationTests.AccessMonitoring.AlertRuns;

namespace Probity.IntegrationTests.AccessMonitoring;

/// <summary>
/// Adversarial review of ADR 0036 (a decision stands on what it saw; late accesses come back as a follow-up): what a
/// decision covers, and what the unit's learning counts once follow-ups exist.
/// </summary>
public sealed class FollowUpReviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A finding's count can fall as well as rise between runs (an assignment or a record made in the hours after explains
    /// one access) and rise again with a late batch: the same count over the same span, but an access in it the decision
    /// never saw. The decision listed every access it was shown, so the one it did not list goes to a follow-up.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_decision_on_as_many_accesses_over_the_same_span_does_not_cover_an_access_it_was_never_shown(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var alert = await CompleteAlertAsync(app);
        var evidence = EvidenceJson.Read(alert.EvidenceJson);
        // What the reviewer was shown: every access but the second, and in its place one since explained.
        var shown = evidence.ToList();
        var unseen = shown[1];
        shown[1] = unseen with { RecordId = "R-EXPLAINED-SINCE", SubjectPersonId = "P-EXPLAINED-SINCE", ReasonRef = null };
        await ChangeAsync(app, alert.Id, row =>
        {
            row.EvidenceJson = JsonSerializer.Serialize(shown, EvidenceJson.Options);
            Dismiss(row);
        });

        await DetectAsync(app, Day(alert));

        var followUpId = DetectMisuse.FollowUpId(alert.Id);
        var rows = await AlertsAsync(app, alert.Id, followUpId);
        Assert.Equal(AlertStatus.Dismissed, rows[alert.Id].Status);
        Assert.True(rows.ContainsKey(followUpId), "the access the dismissal was never shown went unreviewed: no follow-up was filed");
        Assert.Equal(AlertStatus.Open, rows[followUpId].Status);
        Assert.Contains(unseen, EvidenceJson.Read(rows[followUpId].EvidenceJson));

        // Run again: the follow-up is rescored, the decision still stands, nothing more is filed.
        Assert.Equal(0, (await DetectAsync(app, Day(alert))).NewAlerts);
    }

    /// <summary>
    /// One finding, one decision: a follow-up decided in turn is the same finding decided again on more of its accesses.
    /// Counted as two, each batch behind a dismissal (every few minutes) added another dismissal of the same look, so a
    /// reviewer working one officer's day could talk the rule down for the whole role. The chain counts once.
    /// </summary>
    [Theory, MemberData(nameof(Apps.Providers), MemberType = typeof(Apps))]
    public async Task A_finding_and_its_follow_up_count_once_in_the_units_learning(Provider provider)
    {
        await using var app = await Apps.CreateAsync(provider);
        var alert = await CompleteAlertAsync(app, staffWithoutSignIn: true);
        await ChangeAsync(app, alert.Id, row =>
        {
            (row.EventCount, row.LastEventTime) = (1, row.FirstEventTime);
            Dismiss(row);
        });
        await DetectAsync(app, Day(alert));
        var followUpId = DetectMisuse.FollowUpId(alert.Id);
        Assert.Equal(AlertStatus.Open, (await AlertsAsync(app, followUpId))[followUpId].Status);
        var once = await DecisionsAsync(app, alert);

        await ChangeAsync(app, followUpId, Dismiss);

        Assert.Equal(once, await DecisionsAsync(app, alert));
    }

    /// <summary>The unit's decisions as detection of the day after the alert's reads them: dismissed under its rule.</summary>
    private static async Task<int> DecisionsAsync(ProbityApp app, MisuseAlert alert)
    {
        await using var scope = app.SystemScope();
        var learned = await UnitDecisions.LoadAsync(scope.ServiceProvider.GetRequiredService<ProbityDb>(), Day(alert).AddDays(1), DecisionLearning.Default, Ct);
        return learned.For(alert.Rule, "").RuleDismissed;
    }

    /// <summary>An open alert of three or more accesses whose evidence lists every one of them.</summary>
    private static async Task<MisuseAlert> CompleteAlertAsync(ProbityApp app, bool staffWithoutSignIn = false)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbityDb>();
        var users = await db.Users.Where(u => u.StaffId != null).Select(u => u.StaffId!).ToListAsync(Ct);
        var candidates = await db.MisuseAlerts.AsNoTracking().Where(a => a.Status == AlertStatus.Open && a.EventCount >= 3 && a.EventCount <= 50)
            .OrderBy(a => a.Id).ToListAsync(Ct);
        var alert = candidates.FirstOrDefault(a => EvidenceJson.Read(a.EvidenceJson).Distinct().Count() == a.EventCount && (!staffWithoutSignIn || !users.Contains(a.StaffId)));
        Assert.True(alert is not null, "the demo has no open alert of three or more accesses that lists them all");
        return alert;
    }
}

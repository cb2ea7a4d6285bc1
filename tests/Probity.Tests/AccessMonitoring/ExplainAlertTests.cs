using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>The score and the sentence an analyst reads first: both must follow from the measurements.</summary>
public sealed class ExplainAlertTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();

    private static AccessEvent E(string time, string staff = "S1", string person = "P1", string action = "view", string recordType = "crime", string record = "CR1") =>
        new(Utc(time), staff, "cris", action, recordType, record, person, "WS1", null);

    private static MisuseSignal Linked(string relation, int events, string staff = "S1", string first = "2026-03-02T09:00:00Z")
    {
        var list = Enumerable.Range(0, events).Select(i => E(first, staff) with { Time = Utc(first).AddMinutes(i) }).ToList();
        var hits = list.Select(e => new DetectionSignals.Hit(e, null, false)).ToList();
        return DetectionSignals.FromHits(hits, [new AssociationReference(staff, "P1", relation, "vetting", null, null)], Rules).Single();
    }

    private static MisuseSignal Volume(double events, double peerZ) => new(
        MisuseRuleIds.VolumeSpike, "S1", "2026-03-02", Utc("2026-03-02T07:00:00Z"), Utc("2026-03-02T15:00:00Z"), (long)events,
        new Dictionary<string, double>
        {
            ["value"] = events, ["own_mean"] = 120, ["history_days"] = 20, ["peer_median"] = 110, ["peer_z"] = peerZ, ["peers"] = 60, ["events"] = events,
        },
        new Dictionary<string, string> { ["day"] = "2026-03-02", ["peer_group"] = "response" }, []);

    [Theory]
    [InlineData("partner", 1, 90.0)]
    [InlineData("friend", 1, 76.5)]
    [InlineData("partner", 4, 100.0)]
    [InlineData("neighbour", 2, 72.9)]
    public void The_score_is_the_rule_s_weight_times_the_relation_factor_rising_with_repeats_and_capped_at_100(string relation, int events, double score)
    {
        Assert.Equal(score, ExplainAlert.Score(Linked(relation, events), Rules).Score);
    }

    [Fact]
    public void A_more_extreme_spike_scores_higher_but_never_beyond_the_cap()
    {
        var modest = ExplainAlert.Score(Volume(700, 5), Rules).Score;
        var extreme = ExplainAlert.Score(Volume(5000, 500), Rules).Score;

        Assert.True(extreme > modest, $"{extreme} should be above {modest}");
        Assert.InRange(modest, 1, 100);
        Assert.Equal(Math.Round(55 * 1.35, 1), extreme);
    }

    [Fact]
    public void The_same_finding_on_the_same_London_day_keeps_its_alert_id()
    {
        var morning = ExplainAlert.AlertId(Linked("partner", 1, first: "2026-06-02T08:00:00Z"));
        var evening = ExplainAlert.AlertId(Linked("partner", 3, first: "2026-06-02T20:00:00Z"));
        var lateEveningIsNextDay = ExplainAlert.AlertId(Linked("partner", 1, first: "2026-06-02T23:30:00Z"));
        var nextDay = ExplainAlert.AlertId(Linked("partner", 1, first: "2026-06-03T08:00:00Z"));
        var otherUser = ExplainAlert.AlertId(Linked("partner", 1, staff: "S2", first: "2026-06-02T08:00:00Z"));

        Assert.Matches("^MA-[0-9a-f]{12}$", morning);
        Assert.Equal(morning, evening);
        Assert.Equal(nextDay, lateEveningIsNextDay);
        Assert.NotEqual(morning, nextDay);
        Assert.NotEqual(morning, otherUser);
    }

    [Fact]
    public void The_explanation_of_a_linked_person_says_who_they_are_how_often_and_where_the_link_came_from()
    {
        var text = ExplainAlert.Score(Linked("former_partner", 3), Rules).Explanation;

        Assert.Contains("P1", text, StringComparison.Ordinal);
        Assert.Contains("3 times", text, StringComparison.Ordinal);
        Assert.Contains("former partner", text, StringComparison.Ordinal);
        Assert.Contains("link from vetting", text, StringComparison.Ordinal);
        Assert.Contains("02 Mar 2026 09:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_of_a_spike_gives_the_day_s_count_the_user_s_own_average_and_the_peers()
    {
        var text = ExplainAlert.Score(Volume(1250, 27.3), Rules).Explanation;

        Assert.Contains("1,250 accesses on 2026-03-02", text, StringComparison.Ordinal);
        Assert.Contains("10.4× their own 20-day average (120)", text, StringComparison.Ordinal);
        Assert.Contains("median 110", text, StringComparison.Ordinal);
        Assert.Contains("robust z 27.3", text, StringComparison.Ordinal);
        Assert.Contains("response", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_of_a_print_names_the_action_the_record_and_the_flag()
    {
        var hits = new[]
        {
            new DetectionSignals.Hit(E("2026-03-02T09:00:00Z", action: "print", recordType: "intelligence", record: "IN1"), "ocn_nominal", false),
        };
        var signal = DetectionSignals.FromHits(hits, [], Rules).Single(s => s.Rule == MisuseRuleIds.SensitivePrintExport);

        var text = ExplainAlert.Score(signal, Rules).Explanation;

        Assert.StartsWith("Print intelligence record IN1 about P1 (flagged ocn nominal) once", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_of_a_leak_gives_the_window_and_the_hours_before_it()
    {
        var leak = new LeakReference("LEAK-7", "CR1", null, Utc("2026-03-03T10:00:00Z"), 14);
        var signal = DetectionSignals.FromLeak(leak, [E("2026-03-02T09:30:00Z")]).Single();

        var alert = ExplainAlert.Score(signal, Rules);

        Assert.Contains("record CR1 once in the 14 days before leak LEAK-7", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("24.5 hours before it", alert.Explanation, StringComparison.Ordinal);
        Assert.Equal(Math.Round(85 * 1.15, 1), alert.Score);
    }
}

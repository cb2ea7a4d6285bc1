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

    /// <summary>The finding as routine rarity would have rated it: <paramref name="routineP"/> over a role of 999 user-days.</summary>
    internal static MisuseSignal Rated(MisuseSignal s, double routineP) =>
        s with { Measures = new Dictionary<string, double>(s.Measures) { ["routine_p"] = routineP, ["role_user_days"] = 999 } };

    [Theory]
    [InlineData("partner", 1e-3, 60.0)]   // 10 × (3 + bonus 3)
    [InlineData("friend", 1e-3, 59.3)]    // + log10(0.85)
    [InlineData("partner", 1e-1, 40.0)]
    [InlineData("partner", 1e-9, 100.0)]  // capped
    public void The_score_is_ten_times_the_rarity_in_routine_work_plus_the_rule_s_bonus_and_the_relation_s_factor(string relation, double routineP, double score)
    {
        Assert.Equal(score, ExplainAlert.Score(Rated(Linked(relation, 1), routineP), Rules).Score);
    }

    [Fact]
    public void Scores_are_comparable_across_rules_a_finding_as_rare_scores_the_same_but_for_the_rule_s_bonus()
    {
        var spike = ExplainAlert.Score(Rated(Volume(700, 12), 1e-3), Rules).Score;
        var linked = ExplainAlert.Score(Rated(Linked("partner", 1), 1e-3), Rules).Score;

        Assert.Equal(10 * (3 + 0.5), spike);
        Assert.Equal(10 * (3 + 3.0), linked);
        Assert.True(ExplainAlert.Score(Rated(Volume(700, 12), 1e-4), Rules).Score > spike);
    }

    [Fact]
    public void A_finding_not_yet_rated_against_routine_work_scores_only_its_bonus()
    {
        Assert.Equal(30.0, ExplainAlert.Score(Linked("partner", 1), Rules).Score);
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
        Assert.Contains("robust z 27.3 against 5.0 needed", text, StringComparison.Ordinal);
        Assert.Contains("response", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_says_how_often_routine_work_in_the_role_gives_the_finding_and_what_joined_it()
    {
        var signal = Rated(Volume(1250, 27.3), 2e-5) with { Facts = new Dictionary<string, string> { ["day"] = "2026-03-02", ["peer_group"] = "response", ["role"] = "response", ["joined_by"] = MisuseRuleIds.SensitivePrintExport } };
        signal = signal with { Measures = new Dictionary<string, double>(signal.Measures) { ["alone_p"] = 0.004 } };

        var text = ExplainAlert.Score(signal, Rules).Explanation;

        Assert.Contains("Routine work in their role (response) gives a finding like this about once in 250 user-days (counted over the role's 999 user-days in the detected window).", text, StringComparison.Ordinal);
        Assert.Contains("On the same day they also had an alert for: printed or exported a sensitive record with no business reason.", text, StringComparison.Ordinal);
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

    [Theory]
    [InlineData(0, "Use of crimint (intelligence records) with no earlier detected days of theirs on record: 5 unexplained access(es) of 9, and it is not normal work for their unit (U1).")]
    [InlineData(12, "First use of crimint (intelligence records) in their 12 detected day(s) on record: 5 unexplained access(es) of 9, and it is not normal work for their unit (U1).")]
    public void The_explanation_of_a_first_use_says_how_much_history_of_their_own_it_was_judged_against(int historyDays, string expected)
    {
        var events = Enumerable.Range(0, 5).Select(i => new AccessEvent(Utc("2026-03-02T09:00:00Z").AddMinutes(i), "S1", "crimint", "view", "intelligence", $"IN{i}", $"P{i}", "WS1", null)).ToList();
        var signal = DetectionSignals.FromFirstTime([new DetectionSignals.FirstTimeUse("S1", "crimint", "intelligence", 9, events)],
            new Dictionary<string, string?> { ["S1"] = "U1" }, Rules, new Dictionary<string, int> { ["S1"] = historyDays }).Single();

        Assert.Equal(expected, ExplainAlert.Score(signal, Rules).Explanation);
    }

    [Fact]
    public void The_explanation_of_a_leak_gives_the_window_and_the_hours_before_it()
    {
        var leak = new LeakReference("LEAK-7", "CR1", null, Utc("2026-03-03T10:00:00Z"), 14);
        var signal = DetectionSignals.FromLeaks([(leak, [E("2026-03-02T09:30:00Z")])]).Single();

        var alert = ExplainAlert.Score(signal, Rules);

        Assert.Contains("record CR1 once in the 14 days before leak LEAK-7", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("24.5 hours before it", alert.Explanation, StringComparison.Ordinal);
        Assert.Equal(30.0, alert.Score); // the bonus alone until rated against routine work
        Assert.DoesNotContain("Routine work", alert.Explanation, StringComparison.Ordinal);
    }

    /// <summary>
    /// One thing to review, one alert: a print of a flagged person's intelligence record met the print rule and the
    /// flagged-person rule on the same accesses (flag-dense, 2026-12-03: three prints each headed the queue twice), and a
    /// user's looks at flagged people on one day are rated as a day (custody-heavy: one neighbourhood officer's day was
    /// three alerts at 50-51). The alert is the highest-scoring finding, holding the group's accesses. Another day's look,
    /// another user's, and a day's totals (whose evidence is a sample of the day) stay alerts of their own.
    /// </summary>
    [Fact]
    public void Findings_that_share_an_access_or_a_day_of_flagged_looks_are_one_alert_the_highest_scoring_holding_them_all()
    {
        AccessEvent Intel(string staff, string time, string action, string person) => new(Utc(time), staff, "crimint", action, "intelligence", "INT-" + person, person, "WS1", null);
        var looks = new[]
        {
            Intel("S1", "2026-03-02T10:00:00Z", "view", "P1"), Intel("S1", "2026-03-02T10:02:00Z", "print", "P1"),
            Intel("S1", "2026-03-02T16:00:00Z", "view", "P2"), Intel("S1", "2026-03-03T11:00:00Z", "view", "P3"),
            Intel("S2", "2026-03-02T10:00:00Z", "print", "P1"),
        };
        var signals = DetectionSignals.FromHits(looks.Select(e => new DetectionSignals.Hit(e, "ocn_nominal", false)).ToList(), [], Rules)
            .Select(s => Rated(s, s.Rule == MisuseRuleIds.SensitivePrintExport ? 1e-4 : 1e-2)).ToList();
        Assert.Equal(2, signals.Count(s => s.StaffId == "S1" && s.Persons.SequenceEqual(["P1"])));
        var volume = Rated(Volume(700, 12), 1e-3) with { Evidence = [looks[0]] };

        var queue = ExplainAlert.Queue([.. signals, volume], Rules);

        var day = Assert.Single(queue, a => a.Signal.StaffId == "S1" && a.Signal.Rule != MisuseRuleIds.VolumeSpike && RoutineRarity.Day(a.Signal) == "2026-03-02");
        Assert.Equal(MisuseRuleIds.SensitivePrintExport, day.Signal.Rule);
        Assert.Equal(MisuseRuleIds.SensitiveSubject, day.Signal.Facts["same_accesses"]);
        Assert.Equal("P2", day.Signal.Facts["other_people"]);
        Assert.Equal(looks[..3], day.Signal.Evidence);
        Assert.Equal((looks[0].Time, looks[2].Time, 3L), (day.Signal.First, day.Signal.Last, day.Signal.EventCount));
        Assert.EndsWith("The same accesses also met: accessed a sensitive person with no business reason. This alert also holds their accesses that day to P2.", day.Explanation, StringComparison.Ordinal);
        // The alerts the group's other findings would have been on their own: an earlier run may have filed them (ADR 0035).
        var others = signals.Where(s => s.StaffId == "S1" && RoutineRarity.Day(s) == "2026-03-02" && s.Rule == MisuseRuleIds.SensitiveSubject).Select(ExplainAlert.AlertId).Order(StringComparer.Ordinal);
        Assert.Equal(others, day.MergedIds);
        Assert.Empty(Assert.Single(queue, a => a.Signal.Rule == MisuseRuleIds.VolumeSpike).MergedIds);
        Assert.Single(queue, a => a.Signal.StaffId == "S1" && a.Signal.Persons.SequenceEqual(["P3"]));
        Assert.Equal(MisuseRuleIds.SensitiveSubject, Assert.Single(queue, a => a.Signal.StaffId == "S2").Signal.Facts["same_accesses"]);
        Assert.Single(queue, a => a.Signal.Rule == MisuseRuleIds.VolumeSpike);
        Assert.Equal(queue.OrderByDescending(a => a.Score).Select(a => a.AlertId), queue.Select(a => a.AlertId));
    }

    /// <summary>A custody officer's day of sixty flagged contacts is one alert that keeps the rules' evidence limit, its head's accesses among them.</summary>
    [Fact]
    public void A_group_larger_than_the_evidence_limit_keeps_the_limit_with_the_head_s_accesses_and_counts_them_all()
    {
        var looks = Enumerable.Range(0, 60).Select(i => new AccessEvent(Utc("2026-03-02T08:00:00Z").AddMinutes(i), "S1", "custody", "view", "custody", $"CU{i}", $"P{i}", "WS1", null)).ToList();
        var signals = DetectionSignals.FromHits(looks.Select(e => new DetectionSignals.Hit(e, "ocn_nominal", false)).ToList(), [], Rules)
            .Select(s => Rated(s, s.Persons[0] == "P59" ? 1e-5 : 1e-1)).ToList();

        var alert = Assert.Single(ExplainAlert.Queue(signals, Rules));

        Assert.Equal(["P59"], alert.Signal.Persons);
        Assert.Equal(Rules.EvidenceLimit, alert.Signal.Evidence.Count);
        Assert.Contains(looks[59], alert.Signal.Evidence);
        Assert.Equal((looks[0].Time, looks[59].Time, 60L), (alert.Signal.First, alert.Signal.Last, alert.Signal.EventCount));
        Assert.Equal(59, alert.Signal.Facts["other_people"].Split(';').Length);
        Assert.EndsWith(", P17 and 49 more.", alert.Explanation, StringComparison.Ordinal); // ordinal order: P0, P1, P10 … P17
    }
}

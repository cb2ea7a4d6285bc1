using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using static Probity.AccessMonitoring.Detection.DetectionSignals;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>Each rule's thresholds on their own, against the built-in rules (misuse-rules.json).</summary>
public sealed class DetectionSignalsTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();

    private static Hit View(string time, string staff, string? person, string? flags = null, string action = "view", string recordType = "crime", string? record = "CR1") =>
        new(new AccessEvent(Utc(time), staff, "cris", action, recordType, record, person, "WS1", null), flags, FirstTime: false);

    private static AssociationReference Link(string staff, string person, string relation, DateOnly? from = null, DateOnly? to = null) =>
        new(staff, person, relation, "declared", from, to);

    private static List<MisuseSignal> Hits(IReadOnlyList<Hit> hits, params AssociationReference[] links) => FromHits(hits, links, Rules).ToList();

    // ---------------------------------------------------------------- associated person

    [Fact]
    public void Looking_up_a_linked_person_is_one_alert_per_person_with_the_relation_and_its_factor()
    {
        var signals = Hits(
            [View("2026-03-02T09:00:00Z", "S1", "P1"), View("2026-03-02T10:00:00Z", "S1", "P1", record: "CR2"), View("2026-03-02T11:00:00Z", "S1", "P2")],
            Link("S1", "P1", "partner"), Link("S1", "P2", "neighbour"));

        Assert.Equal([("P1", 2L, 1.0), ("P2", 1L, 0.75)], signals.Select(s => (s.Key, s.EventCount, s.Measures["factor"])));
        Assert.All(signals, s => Assert.Equal(MisuseRuleIds.AssociatedPerson, s.Rule));
        Assert.Equal("partner", signals[0].Facts["relation"]);
        Assert.Equal(Utc("2026-03-02T09:00:00Z"), signals[0].First);
        Assert.Equal(Utc("2026-03-02T10:00:00Z"), signals[0].Last);
        Assert.Equal(2, signals[0].Evidence.Count);
    }

    [Theory]
    [InlineData("2026-03-09T12:00:00Z", false)]
    [InlineData("2026-03-10T00:00:00Z", true)]
    [InlineData("2026-03-20T23:59:00Z", true)]
    [InlineData("2026-03-21T00:00:00Z", false)]
    public void A_link_counts_only_on_the_days_it_is_active(string time, bool alerts)
    {
        var signals = Hits([View(time, "S1", "P1")], Link("S1", "P1", "former_partner", new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20)));

        Assert.Equal(alerts, signals.Any(s => s.Rule == MisuseRuleIds.AssociatedPerson));
    }

    [Fact]
    public void The_day_a_link_starts_is_the_London_day_so_a_late_evening_access_in_summer_belongs_to_the_next_day()
    {
        var link = Link("S1", "P1", "partner", from: new DateOnly(2026, 6, 10));

        Assert.Single(Hits([View("2026-06-09T23:30:00Z", "S1", "P1")], link));
        Assert.Empty(Hits([View("2026-06-09T22:30:00Z", "S1", "P1")], link));
    }

    [Fact]
    public void Someone_else_s_link_is_not_an_alert_for_this_user()
    {
        Assert.Empty(Hits([View("2026-03-02T09:00:00Z", "S2", "P1")], Link("S1", "P1", "family")));
    }

    [Fact]
    public void A_linked_person_who_is_also_flagged_is_one_associated_person_alert_that_mentions_the_flag()
    {
        var signal = Assert.Single(Hits([View("2026-03-02T09:00:00Z", "S1", "P1", flags: "ocn_nominal")], Link("S1", "P1", "friend")));

        Assert.Equal(MisuseRuleIds.AssociatedPerson, signal.Rule);
        Assert.Equal("ocn_nominal", signal.Facts["flags"]);
    }

    // ---------------------------------------------------------------- sensitive subject

    [Theory]
    [InlineData("ocn_nominal", 1.0)]
    [InlineData("journalist", 0.95)]
    [InlineData("high_profile;protected", 1.0)]
    public void An_unexplained_look_at_a_flagged_person_alerts_with_the_strongest_flag_s_factor(string flags, double factor)
    {
        var signal = Assert.Single(Hits([View("2026-03-02T09:00:00Z", "S1", "P1", flags)]));

        Assert.Equal(MisuseRuleIds.SensitiveSubject, signal.Rule);
        Assert.Equal(factor, signal.Measures["factor"]);
        Assert.Equal(flags, signal.Facts["flags"]);
    }

    [Fact]
    public void A_flag_the_rules_give_no_weight_to_is_not_an_alert()
    {
        Assert.Empty(Hits([View("2026-03-02T09:00:00Z", "S1", "P1", "staff_member")]));
    }

    // ---------------------------------------------------------------- print and export

    [Theory]
    [InlineData("print", "intelligence", null, true)]
    [InlineData("export", "intelligence", null, true)]
    [InlineData("print", "crime", "ocn_nominal", true)]
    [InlineData("print", "crime", null, false)]
    [InlineData("view", "intelligence", null, false)]
    public void Printing_or_exporting_a_sensitive_record_type_or_a_flagged_person_s_record_alerts(string action, string recordType, string? flags, bool alerts)
    {
        var signals = Hits([View("2026-03-02T09:00:00Z", "S1", "P1", flags, action, recordType, "IN1")]);

        var print = signals.SingleOrDefault(s => s.Rule == MisuseRuleIds.SensitivePrintExport);
        Assert.Equal(alerts, print is not null);
        if (print is not null)
        {
            Assert.Equal("IN1", print.Key);
            Assert.Equal(recordType, print.Facts["record_type"]);
            Assert.Equal(action, print.Facts["actions"]);
        }
    }

    [Fact]
    public void A_print_and_an_export_of_the_same_record_are_one_alert_naming_both()
    {
        var signal = Assert.Single(Hits([
            View("2026-03-02T09:00:00Z", "S1", "P1", null, "print", "intelligence", "IN1"),
            View("2026-03-02T09:02:00Z", "S1", "P1", null, "export", "intelligence", "IN1"),
        ]));

        Assert.Equal("print and export", signal.Facts["actions"]);
        Assert.Equal(2, signal.EventCount);
    }

    // ---------------------------------------------------------------- statistical rules

    private static UserDay Day(double events = 100, double subjects = 40, double ooh = 0, int historyDays = 20,
        double meanEvents = 100, double meanSubjects = 40, double meanOoh = 0,
        double peerEvents = 100, double peerEventsMad = 20, double peerSubjects = 40, double peerSubjectsMad = 8, double peerOoh = 0, double peerOohMad = 0,
        double? oohEvents = null) =>
        new("S1", new DateOnly(2026, 3, 2), events, subjects, ooh, oohEvents ?? ooh, Utc("2026-03-02T07:00:00Z"), Utc("2026-03-02T15:00:00Z"), "response",
            historyDays, meanEvents, meanSubjects, meanOoh, 60, peerEvents, peerEventsMad, peerSubjects, peerSubjectsMad, peerOoh, peerOohMad);

    private static List<string> Daily(UserDay day) => FromDaily([day], Rules).Select(s => s.Rule).ToList();

    [Fact]
    public void An_ordinary_day_raises_nothing()
    {
        Assert.Empty(Daily(Day()));
    }

    [Fact]
    public void Far_more_accesses_than_their_own_norm_and_their_peers_is_a_volume_spike()
    {
        var signal = Assert.Single(FromDaily([Day(events: 900)], Rules));

        Assert.Equal(MisuseRuleIds.VolumeSpike, signal.Rule);
        Assert.Equal("2026-03-02", signal.Key);
        Assert.Equal(900, signal.EventCount);
        Assert.Equal(Math.Round(RobustZ(900, 100, 20), 1), signal.Measures["peer_z"]);
    }

    [Fact]
    public void A_browsing_spree_that_is_about_many_people_is_a_breadth_alert_and_not_also_a_volume_alert()
    {
        Assert.Equal([MisuseRuleIds.BreadthSpike], Daily(Day(events: 900, subjects: 400)));
    }

    [Fact]
    public void A_busy_day_below_three_times_their_own_average_is_not_a_spike_even_when_peers_are_quieter()
    {
        Assert.Empty(Daily(Day(events: 900, meanEvents: 400)));
    }

    [Fact]
    public void Without_history_the_peer_test_is_half_as_strict_again()
    {
        // A robust z of 6.5: past the 5 needed with history, short of the 7.5 needed without.
        var between = 100 + 6.5 * 1.4826 * 20;

        Assert.Equal([MisuseRuleIds.VolumeSpike], Daily(Day(events: between, meanEvents: 50)));
        Assert.Empty(Daily(Day(events: between, historyDays: 0, meanEvents: 0)));
        Assert.Equal([MisuseRuleIds.VolumeSpike], Daily(Day(events: 100 + 8 * 1.4826 * 20, historyDays: 0, meanEvents: 0)));
    }

    [Fact]
    public void Below_the_floor_nothing_fires_however_unusual()
    {
        Assert.Empty(Daily(Day(events: 149, meanEvents: 10, peerEvents: 10, peerEventsMad: 1)));
    }

    [Fact]
    public void Bulk_searching_at_night_fires_for_a_user_with_history()
    {
        var signal = Assert.Single(FromDaily([Day(ooh: 60)], Rules));

        Assert.Equal(MisuseRuleIds.OutOfHoursSearch, signal.Rule);
        Assert.Equal(60, signal.Measures["value"]);
    }

    [Fact]
    public void From_the_first_day_bulk_night_searching_far_above_role_peers_fires_but_a_new_night_worker_searching_like_them_does_not()
    {
        // No history of their own: compared with role peers only, the test half as strict again (z 12 rather than 8).
        // A day worker: 60 night searches beside a day of 300 accesses.
        var signal = Assert.Single(FromDaily([Day(events: 300, ooh: 60, historyDays: 0, meanOoh: 0, peerEvents: 300, peerEventsMad: 60)], Rules));
        Assert.Equal((MisuseRuleIds.OutOfHoursSearch, 0.0), (signal.Rule, signal.Measures["history_days"]));
        Assert.Empty(Daily(Day(events: 300, ooh: 60, historyDays: 0, meanOoh: 0, peerEvents: 300, peerEventsMad: 60, peerOoh: 40, peerOohMad: 10)));
    }

    [Fact]
    public void On_their_first_nights_a_night_worker_whose_day_is_mostly_night_work_is_not_judged_against_day_working_peers()
    {
        // 60 night searches of 100 accesses, 80 of them out of hours: the night is their shift.
        Assert.Empty(Daily(Day(ooh: 60, oohEvents: 80, historyDays: 0, meanOoh: 0)));
        Assert.Empty(Daily(Day(ooh: 60, oohEvents: 80, historyDays: 2, meanOoh: 0)));
        // The same searches beside a day's work of 300 accesses stand apart from the rest of their own day.
        Assert.Equal([MisuseRuleIds.OutOfHoursSearch], Daily(Day(events: 300, ooh: 60, oohEvents: 60, historyDays: 0, meanOoh: 0, peerEvents: 300, peerEventsMad: 60)));
        // With a baseline of their own, their own nightly average decides, not the shape of one day.
        Assert.Equal([MisuseRuleIds.OutOfHoursSearch], Daily(Day(ooh: 60, oohEvents: 80, meanOoh: 5)));
    }

    [Fact]
    public void A_night_worker_searching_as_usual_at_night_is_not_out_of_hours_misuse()
    {
        Assert.Empty(Daily(Day(ooh: 60, meanOoh: 50, peerOoh: 45, peerOohMad: 10)));
    }

    [Theory]
    [InlineData(20, 10, 2, 10 / (1.4826 * 2))]
    [InlineData(20, 10, 0, 10)]
    [InlineData(5, 10, 10, -5 / (1.4826 * 10))]
    public void Robust_z_is_the_distance_from_the_median_in_scaled_MADs_with_a_floor_of_one(double value, double median, double mad, double expected)
    {
        Assert.Equal(expected, RobustZ(value, median, mad), 9);
    }

    // ---------------------------------------------------------------- first use, leaks

    [Fact]
    public void First_use_of_a_system_alerts_only_with_enough_unexplained_accesses()
    {
        AccessEvent E(int i) => new(Utc("2026-03-02T09:00:00Z").AddMinutes(i), "S1", "crimint", "view", "intelligence", $"IN{i}", $"P{i}", "WS1", null);
        var units = new Dictionary<string, string?> { ["S1"] = "U1" };

        var signals = FromFirstTime([
            new FirstTimeUse("S1", "crimint", "intelligence", 9, [.. Enumerable.Range(0, 5).Select(E)]),
            new FirstTimeUse("S1", "custody", "custody", 9, [.. Enumerable.Range(0, 4).Select(E)]),
        ], units, Rules).ToList();

        var signal = Assert.Single(signals);
        Assert.Equal("crimint/intelligence", signal.Key);
        Assert.Equal((9.0, 5.0), (signal.Measures["events"], signal.Measures["unexplained"]));
        Assert.Equal("U1", signal.Facts["unit"]);
    }

    [Fact]
    public void Several_leaks_of_one_record_are_one_story_each_user_one_alert_naming_the_leaks_they_preceded()
    {
        var first = new LeakReference("LEAK-A", "CR1", "P1", Utc("2026-03-03T10:00:00Z"), 14);
        var second = new LeakReference("LEAK-B", "CR1", "P1", Utc("2026-03-05T10:00:00Z"), 14);
        AccessEvent E(string staff, string time) => new(Utc(time), staff, "cris", "view", "crime", "CR1", "P1", "WS1", null);
        var early = E("S1", "2026-03-02T10:00:00Z");

        var signals = FromLeaks([(first, [early]), (second, [early, E("S1", "2026-03-04T10:00:00Z"), E("S2", "2026-03-05T08:00:00Z")])]).ToList();

        Assert.Equal([("S1", 2L, "LEAK-A, LEAK-B", 24.0), ("S2", 1L, "LEAK-B", 2.0)],
            signals.Select(s => (s.StaffId, s.EventCount, s.Facts["leak"], s.Measures["hours_before"])));
        Assert.All(signals, s => Assert.Equal("LEAK-A", s.Key));
        Assert.Equal(2, signals[0].Measures["leaks"]);
    }

    [Fact]
    public void Each_user_who_touched_a_leaked_record_is_one_alert_with_the_hours_before_the_leak()
    {
        var leak = new LeakReference("LEAK-1", "CR1", null, Utc("2026-03-03T10:00:00Z"), 14);
        AccessEvent E(string staff, string time) => new(Utc(time), staff, "cris", "view", "crime", "CR1", "P1", "WS1", null);

        var signals = FromLeaks([(leak, [E("S2", "2026-03-01T10:00:00Z"), E("S1", "2026-03-02T09:00:00Z"), E("S2", "2026-03-02T22:00:00Z")])]).ToList();

        Assert.Equal([("S2", 2L, 12.0), ("S1", 1L, 25.0)], signals.Select(s => (s.StaffId, s.EventCount, s.Measures["hours_before"])));
        Assert.All(signals, s => Assert.Equal("LEAK-1", s.Key));
        Assert.Equal("CR1", signals[0].Facts["record"]);
    }

    /// <summary>Leaks join through any record or person they share; one with neither shared stands alone.</summary>
    [Fact]
    public void Leaks_that_share_a_record_or_a_person_are_one_story()
    {
        LeakReference L(string id, string? record, string? person) => new(id, record, person, Utc("2026-03-03T10:00:00Z"), 14);
        var leaks = new[] { L("A", "CR1", "P1"), L("B", null, "P1"), L("C", "CR2", null), L("D", "CR2", "P2"), L("E", "CR9", "P9"), L("F", "CR3", "P2") };

        var stories = MisuseDetection.Stories(leaks).Select(s => string.Join("", s.Select(l => l.LeakId).Order())).Order();

        Assert.Equal(["AB", "CDF", "E"], stories);
    }

    /// <summary>A story joined through the person names every record its leaks were about, in words for one leak and for several.</summary>
    [Fact]
    public void A_story_of_several_records_names_them_all_and_one_leak_reads_as_one()
    {
        var first = new LeakReference("LEAK-A", "CR1", "P1", Utc("2026-03-03T10:00:00Z"), 14);
        var second = new LeakReference("LEAK-B", "CU2", "P1", Utc("2026-03-05T10:00:00Z"), 14);
        AccessEvent E(string record, string time) => new(Utc(time), "S1", "cris", "view", "crime", record, "P1", "WS1", null);

        var both = Assert.Single(FromLeaks([(first, [E("CR1", "2026-03-02T10:00:00Z")]), (second, [E("CU2", "2026-03-04T10:00:00Z")])]));
        var one = Assert.Single(FromLeaks([(first, [E("CR1", "2026-03-02T10:00:00Z")])]));

        Assert.Equal(("CR1, CU2", "P1"), (both.Facts["record"], both.Facts["person"]));
        Assert.StartsWith("Accessed records CR1, CU2 2 times in the 14 days before leaks LEAK-A, LEAK-B (the first ", ExplainAlert.Score(both, Rules).Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Accessed record CR1 once in the 14 days before leak LEAK-A (", ExplainAlert.Score(one, Rules).Explanation, StringComparison.Ordinal);
    }
}

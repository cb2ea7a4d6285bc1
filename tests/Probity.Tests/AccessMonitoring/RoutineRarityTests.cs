using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// One scale for every rule: a finding scores by how seldom routine work in the same role gives it, so a custody
/// officer's untasked look at a flagged detainee scores low, the same look from a neighbourhood officer high, and a
/// routine look joined by another finding that day (a print) high again.
/// </summary>
public sealed class RoutineRarityTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();

    private static DetectionSignals.UserDay Day(string staff, string role) =>
        new(staff, new DateOnly(2026, 3, 2), 100, 40, 0, 0, Utc("2026-03-02T07:00:00Z"), Utc("2026-03-02T15:00:00Z"), role, 0, 0, 0, 0, 50, 100, 20, 40, 8, 0, 0);

    private static MisuseSignal Flagged(string staff, string person, string action = "view")
    {
        var e = new AccessEvent(Utc("2026-03-02T10:00:00Z"), staff, "custody", action, "custody", "CU" + person, person, "WS1", null);
        return DetectionSignals.FromHits([new DetectionSignals.Hit(e, "ocn_nominal", false)], [], Rules).First();
    }

    /// <summary>50 custody officers of whom 20 touched a flagged detainee with no tasking; 50 neighbourhood officers of whom one did.</summary>
    private static (List<DetectionSignals.UserDay> Days, List<MisuseSignal> Signals) Force()
    {
        var days = Enumerable.Range(0, 50).Select(i => Day($"C{i}", "custody"))
            .Concat(Enumerable.Range(0, 50).Select(i => Day($"N{i}", "neighbourhood"))).ToList();
        var signals = Enumerable.Range(0, 20).Select(i => Flagged($"C{i}", $"P{i}")).Append(Flagged("N0", "P900")).ToList();
        return (days, signals);
    }

    private static ScoredAlert Scored(IReadOnlyList<MisuseSignal> rated, string staff, string rule = MisuseRuleIds.SensitiveSubject) =>
        ExplainAlert.Score(rated.First(s => s.StaffId == staff && s.Rule == rule), Rules);

    [Fact]
    public void Touching_a_flagged_person_in_a_roles_routine_work_scores_low_and_outside_it_high()
    {
        var (days, signals) = Force();
        var rated = RoutineRarity.Rate(signals, days);

        var custody = Scored(rated, "C0");
        var neighbourhood = Scored(rated, "N0");

        // The role's rate through custody records: 19 other custody findings (+1) over 50 user-days (+1); the chance of at
        // least one in a day at that rate (Poisson). Neighbourhood: nobody else, so the +1 alone.
        Assert.Equal(1 - Math.Exp(-20.0 / 51), custody.Signal.Measures["routine_p"], 9);
        Assert.Equal(1 - Math.Exp(-1.0 / 51), neighbourhood.Signal.Measures["routine_p"], 9);
        Assert.True(neighbourhood.Score > custody.Score + 10, $"{neighbourhood.Score} should be well above {custody.Score}");
        Assert.Contains("Routine work in their role (custody) gives a finding like this about once in 3.", custody.Explanation, StringComparison.Ordinal);
    }

    /// <summary>
    /// Routine contacts come in clusters (an incident with three nominals in it): where another officer's day in the role
    /// reached the same count, the Poisson rate cannot call it rarer than that share; where nobody's did, the rate speaks.
    /// </summary>
    [Fact]
    public void A_day_of_several_flagged_contacts_is_no_rarer_than_the_share_of_the_role_s_days_that_had_as_many()
    {
        var days = Enumerable.Range(0, 100).Select(i => Day($"R{i}", "response")).ToList();
        var signals = Enumerable.Range(0, 10).Select(i => Flagged($"R{i}", $"P{i}")).ToList();
        signals.AddRange(new[] { "A1", "A2", "A3" }.Select(p => Flagged("R50", p)));
        signals.AddRange(new[] { "B1", "B2", "B3" }.Select(p => Flagged("R51", p)));
        var alone = RoutineRarity.Rate(signals.Where(s => s.StaffId != "R51").ToList(), days);
        var both = RoutineRarity.Rate(signals, days);

        var unmatched = alone.First(s => s.StaffId == "R50").Measures["routine_p"];
        // One contact is no cluster: R0's single look keeps the rate model's word although nine others had one too.
        Assert.Equal(1 - Math.Exp(-(9 + 6 + 1.0) / 101), both.First(s => s.StaffId == "R0").Measures["routine_p"], 9);
        var matched = both.First(s => s.StaffId == "R50").Measures["routine_p"];
        Assert.True(unmatched < 1e-3, $"three contacts nobody else had: {unmatched}");
        Assert.Equal(2.0 / 101, matched, 9); // R51 had three too: (1 + 1) over the role's 100 days (+1)
    }

    /// <summary>
    /// Joined findings multiply as if independent; when other people's days in the role came out as rare, joined or not,
    /// the joined rarity is no rarer than their share, never less rare than alone, and the explanation says so.
    /// </summary>
    [Fact]
    public void A_joined_finding_that_other_days_in_the_role_matched_scores_as_one_of_them()
    {
        var (days, signals) = Force();
        foreach (var staff in new[] { "C1", "C2", "C3" })
        {
            var person = "P" + staff[1..];
            var printed = Flagged(staff, person, action: "print");
            signals.Add(DetectionSignals.FromHits([new DetectionSignals.Hit(printed.Evidence[0], "ocn_nominal", false)], [], Rules)
                .Single(s => s.Rule == MisuseRuleIds.SensitivePrintExport));
        }
        var rated = RoutineRarity.Rate(signals, days);

        var print = rated.First(s => s.StaffId == "C1" && s.Rule == MisuseRuleIds.SensitivePrintExport);
        var alone = print.Measures["alone_p"];
        Assert.Equal(2, print.Measures["reached_by_others"]);
        // No rarer than the share of the role's days that came out as rare (2 others, +1, over 50 + 1), and a join never
        // leaves a finding less rare than it was alone: printing what one looked at never lowers the look.
        Assert.Equal(Math.Min(alone, Math.Max(alone * JoinedBy(rated, "C1"), 3.0 / 51)), print.Measures["routine_p"], 9);
        Assert.True(print.Measures["routine_p"] <= alone);
        Assert.Contains("as rare as 2 other people's days in the role", ExplainAlert.Score(print, Rules).Explanation, StringComparison.Ordinal);

        static double JoinedBy(IReadOnlyList<MisuseSignal> rated, string staff) =>
            rated.First(s => s.StaffId == staff && s.Rule == MisuseRuleIds.SensitiveSubject).Measures.GetValueOrDefault("alone_p", 0);
    }

    [Fact]
    public void A_routine_touch_joined_by_another_finding_that_day_scores_high_and_says_what_joined_it()
    {
        var (days, signals) = Force();
        var printed = Flagged("C1", "P1", action: "print");
        signals.Add(DetectionSignals.FromHits([new DetectionSignals.Hit(printed.Evidence[0] with { RecordType = "intelligence", RecordId = "IN1" }, "ocn_nominal", false)], [], Rules)
            .Single(s => s.Rule == MisuseRuleIds.SensitivePrintExport));
        var rated = RoutineRarity.Rate(signals, days);

        var alone = Scored(rated, "C0");
        var joined = Scored(rated, "C1");

        Assert.True(joined.Score > alone.Score + 10, $"{joined.Score} should be well above {alone.Score}");
        Assert.Equal(MisuseRuleIds.SensitivePrintExport, joined.Signal.Facts["joined_by"]);
        Assert.Contains("On the same day they also had an alert for: printed or exported", joined.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("joined_by", alone.Signal.Facts.Keys);
    }

    [Fact]
    public void A_custody_officer_s_search_of_a_flagged_person_on_another_system_is_not_their_routine_contact()
    {
        var (days, signals) = Force();
        var search = Flagged("C3", "P500");
        signals.Add(search with { Evidence = [search.Evidence[0] with { System = "pnc", Action = "search", RecordType = "person" }] });
        var rated = RoutineRarity.Rate(signals, days);

        var throughCustody = rated.First(s => s.StaffId == "C3" && s.Evidence[0].System == "custody");
        var throughPnc = rated.First(s => s.StaffId == "C3" && s.Evidence[0].System == "pnc");
        Assert.True(throughPnc.Measures["routine_p"] < throughCustody.Measures["routine_p"] / 10,
            $"{throughPnc.Measures["routine_p"]} should be far below {throughCustody.Measures["routine_p"]}");
    }

    [Fact]
    public void Looking_at_the_same_flagged_person_again_that_day_is_rarer_than_once_when_routine_contact_is_with_whoever_comes_up()
    {
        var (days, signals) = Force();
        var again = Flagged("C4", "P4");
        var rated = RoutineRarity.Rate([.. signals.Where(s => s.StaffId != "C4"), again with { EventCount = 3 }], days);

        var once = rated.First(s => s.StaffId == "C0").Measures["routine_p"];
        var thrice = rated.First(s => s.StaffId == "C4").Measures["routine_p"];
        Assert.True(thrice < once / 10, $"{thrice} should be far below {once}");
    }

    [Fact]
    public void Browsing_many_flagged_people_in_a_day_is_rarer_than_touching_one()
    {
        var (days, signals) = Force();
        signals.AddRange(Enumerable.Range(0, 6).Select(i => Flagged("C2", $"P{100 + i}")));
        var rated = RoutineRarity.Rate(signals, days);

        // Seven in a day where the role's rate expects 0.4: far past what routine contact gives.
        Assert.True(rated.First(s => s.StaffId == "C2").Measures["routine_p"] < 1e-5);
        Assert.Equal(7, rated.First(s => s.StaffId == "C2").Measures["flagged_that_day"]);
        Assert.True(Scored(rated, "C2").Score > Scored(rated, "C0").Score + 10);
    }

    // ------------------------------------------------------------ one scale: spikes beyond the role's strongest day

    [Fact]
    public void Within_what_the_roles_other_days_reached_a_spike_is_rated_by_their_share_at_least_as_strong()
    {
        // 100 user-days; 3 others at least as strong: (3 + 1) / (100 + 1).
        var others = Enumerable.Range(0, 99).Select(i => i < 3 ? 9.0 : i / 20.0).OrderDescending().ToList();
        Assert.Equal(4.0 / 101, RoutineRarity.PeerTail.Tail(8.5, others, 100), 12);
    }

    [Fact]
    public void Beyond_the_roles_strongest_day_a_spike_goes_on_down_the_roles_own_tail_instead_of_stopping_at_once_in_its_days()
    {
        // The others' top twentieth (5 of 99) is 4, 3.5, 3, 2.5, 2: mean excess over 2 is 1. A day at z 4 + 3 is three
        // scales beyond the strongest: e^-3 of "once in the role's days".
        var others = new[] { 4.0, 3.5, 3.0, 2.5, 2.0 }.Concat(Enumerable.Repeat(0.5, 94)).ToList();
        Assert.Equal(1.0 / 101 * Math.Exp(-3), RoutineRarity.PeerTail.Tail(7, others, 100), 12);
        // Just past the strongest it is about where the rank left off, so the scale has no step in it.
        Assert.InRange(RoutineRarity.PeerTail.Tail(4.001, others, 100), 0.99 / 101, 1.0 / 101);
        // A role whose other days all sit at zero (nobody else searches at night) has a tail of at least one unit.
        var zeros = RoutineRarity.PeerTail.Tail(40, Enumerable.Repeat(0.0, 99).ToList(), 100);
        Assert.Equal(-40 - Math.Log(101), Math.Log(zeros), 9);
    }

    [Fact]
    public void A_volume_spike_eleven_times_the_roles_day_scores_above_a_routine_flagged_contact_and_a_modest_one_does_not()
    {
        var days = Enumerable.Range(0, 60).Select(i => Day($"R{i}", "response") with { Events = 90 + i % 20, PeerMedianEvents = 100, PeerMadEvents = 10 }).ToList();
        days[0] = days[0] with { Events = 1100, Subjects = 0 };
        days[1] = days[1] with { Events = 220, Subjects = 0 };
        var spikes = DetectionSignals.FromDaily(days, Rules);
        Assert.Equal(["R0", "R1"], spikes.Where(s => s.Rule == MisuseRuleIds.VolumeSpike).Select(s => s.StaffId).Order());
        var (custodyDays, contacts) = Force();
        var rated = RoutineRarity.Rate([.. spikes, .. contacts], [.. days, .. custodyDays]);

        var huge = rated.Single(s => s.StaffId == "R0").Measures["routine_p"];
        var modest = rated.Single(s => s.StaffId == "R1").Measures["routine_p"];
        Assert.True(huge < 1e-5, $"a day 11x the role's median should be far rarer than once in 60 user-days: {huge}");
        // The modest spike has one other day as strong (the huge one): a rank among the role's days, as before.
        Assert.Equal(2.0 / 61, modest, 12);
        Assert.True(ExplainAlert.Score(rated.Single(s => s.StaffId == "R0"), Rules).Score > Scored(rated, "C0").Score + 20);
    }

    // ------------------------------------------------------------ what may join a look at a person

    [Fact]
    public void A_spike_elsewhere_in_the_users_day_does_not_lend_its_rarity_to_each_of_their_routine_contacts()
    {
        var (days, signals) = Force();
        var c5 = days.First(d => d.StaffId == "C5");
        signals.Add(new MisuseSignal(MisuseRuleIds.VolumeSpike, "C5", "2026-03-02", c5.First, c5.Last, 900,
            new Dictionary<string, double> { ["peer_z"] = 60 }, new Dictionary<string, string>(), []));
        var rated = RoutineRarity.Rate(signals, days);

        var contact = rated.Single(s => s.StaffId == "C5" && s.Rule == MisuseRuleIds.SensitiveSubject);
        Assert.DoesNotContain("joined_by", contact.Facts.Keys);
        Assert.Equal(rated.Single(s => s.StaffId == "C6" && s.Rule == MisuseRuleIds.SensitiveSubject).Measures["routine_p"], contact.Measures["routine_p"], 12);
    }

    [Fact]
    public void A_nights_bulk_searching_joins_a_look_made_in_the_night_but_not_one_made_in_the_day()
    {
        var (days, signals) = Force();
        var nightLook = Flagged("C7", "P7");
        nightLook = nightLook with { First = Utc("2026-03-02T02:10:00Z"), Last = Utc("2026-03-02T02:10:00Z"), Evidence = [nightLook.Evidence[0] with { Time = Utc("2026-03-02T02:10:00Z") }] };
        signals = [.. signals.Where(s => s.StaffId != "C7"), nightLook];
        foreach (var staff in new[] { "C7", "C8" })
            signals.Add(NightSearches(staff, "2026-03-02T01:00:00Z", "2026-03-02T01:40:00Z"));
        var rated = RoutineRarity.Rate(signals, days, new OutOfHours(23, 6));

        Assert.Equal(MisuseRuleIds.OutOfHoursSearch, rated.Single(s => s.StaffId == "C7" && s.Rule == MisuseRuleIds.SensitiveSubject).Facts["joined_by"]);
        Assert.DoesNotContain("joined_by", rated.Single(s => s.StaffId == "C8" && s.Rule == MisuseRuleIds.SensitiveSubject).Facts.Keys);
    }

    /// <summary>
    /// A calendar day holds the end of one night and the start of the next. A night worker's routine look at 23:20 is not
    /// part of a spree of searching in the small hours of the same date (custody-heavy, 2026-12-03: four such looks headed
    /// the queue at 69-70, each counted false); a spree in the same night still joins it.
    /// </summary>
    [Fact]
    public void A_nights_bulk_searching_joins_only_looks_made_in_that_same_night_not_the_next_one_on_the_same_date()
    {
        var (days, signals) = Force();
        MisuseSignal LookAt(string staff, string time)
        {
            var look = Flagged(staff, "P" + staff);
            return look with { First = Utc(time), Last = Utc(time), Evidence = [look.Evidence[0] with { Time = Utc(time) }] };
        }
        signals = [.. signals.Where(s => s.StaffId is not ("C7" or "C8")),
            LookAt("C7", "2026-03-02T23:20:00Z"), NightSearches("C7", "2026-03-02T00:05:00Z", "2026-03-02T04:50:00Z"),
            LookAt("C8", "2026-03-02T23:20:00Z"), NightSearches("C8", "2026-03-02T00:05:00Z", "2026-03-02T23:40:00Z")];
        var rated = RoutineRarity.Rate(signals, days, new OutOfHours(23, 6));

        Assert.DoesNotContain("joined_by", rated.Single(s => s.StaffId == "C7" && s.Rule == MisuseRuleIds.SensitiveSubject).Facts.Keys);
        Assert.Equal(MisuseRuleIds.OutOfHoursSearch, rated.Single(s => s.StaffId == "C8" && s.Rule == MisuseRuleIds.SensitiveSubject).Facts["joined_by"]);
        Assert.Equal(new DateOnly(2026, 3, 1), new OutOfHours(23, 6).NightOf(new DateTime(2026, 3, 2, 5, 59, 0)));
        Assert.Equal(new DateOnly(2026, 3, 2), new OutOfHours(23, 6).NightOf(new DateTime(2026, 3, 2, 23, 0, 0)));
        Assert.Equal(new DateOnly(2026, 3, 2), new OutOfHours(0, 5).NightOf(new DateTime(2026, 3, 2, 4, 0, 0)));
    }

    /// <summary>
    /// A first use of a system that is not the unit's work, for eight different people, by someone nobody else in the role
    /// does that for, is rated by the role's rate (Poisson) and not capped at "once in the role's user-days"; where others in
    /// the role reached as many, it is no rarer than their share.
    /// </summary>
    [Fact]
    public void A_broad_first_use_nobody_else_in_the_role_makes_goes_on_past_the_role_s_user_days_and_a_shared_one_does_not()
    {
        var (days, signals) = Force();
        MisuseSignal FirstUse(string staff, int people) => new(MisuseRuleIds.FirstTimeSystem, staff, "crimint/intelligence",
            Utc("2026-03-02T10:00:00Z"), Utc("2026-03-02T12:00:00Z"), people, new Dictionary<string, double> { ["events"] = people, ["unexplained"] = people, ["history_days"] = 0 },
            new Dictionary<string, string> { ["system"] = "crimint", ["record_type"] = "intelligence", ["unit"] = "U1" },
            [.. Enumerable.Range(0, people).Select(i => new AccessEvent(Utc("2026-03-02T10:00:00Z").AddMinutes(i), staff, "crimint", "view", "intelligence", $"INT{i}", $"Q{staff}{i % people}", "WS1", null))]);

        var alone = RoutineRarity.Rate([.. signals, FirstUse("N1", 8)], days).Single(s => s.Rule == MisuseRuleIds.FirstTimeSystem);
        var shared = RoutineRarity.Rate([.. signals, FirstUse("C1", 8), FirstUse("C2", 9), FirstUse("C3", 8), FirstUse("C4", 3)], days).Single(s => s.StaffId == "C1" && s.Rule == MisuseRuleIds.FirstTimeSystem);

        Assert.Equal(8, RoutineRarity.FirstUseRate.Subjects(alone));
        Assert.Equal(1e-6, alone.Measures["routine_p"], 12); // Poisson(≥8; 1/51) is far below the floor
        Assert.Equal(3.0 / 51, shared.Measures["routine_p"], 12); // C2 and C3 reached 8 too: (2 + 1) / (50 + 1)
        Assert.True(ExplainAlert.Score(alone, Rules).Score > Scored(RoutineRarity.Rate(signals, days), "N0").Score);
    }

    /// <summary>A night's bulk searching, with the night's searches (out of hours) at the two times given as its evidence.</summary>
    private static MisuseSignal NightSearches(string staff, string first, string second) =>
        new(MisuseRuleIds.OutOfHoursSearch, staff, "2026-03-02", Utc("2026-03-02T00:00:00Z"), Utc("2026-03-02T23:59:00Z"), 80,
            new Dictionary<string, double> { ["peer_z"] = 80 }, new Dictionary<string, string>(),
            [new AccessEvent(Utc(first), staff, "pnc", "search", "person", null, "PX1", "WS1", null), new AccessEvent(Utc(second), staff, "pnc", "search", "person", null, "PX2", "WS1", null)]);

    [Fact]
    public void Several_joining_findings_offer_their_rarest_as_the_least_of_that_many_draws()
    {
        Assert.Equal(0.01, RoutineRarity.LeastOf(0.01, 1), 12);
        Assert.Equal(1 - Math.Pow(0.99, 20), RoutineRarity.LeastOf(0.01, 20), 12);
        Assert.Equal(24e-9, RoutineRarity.LeastOf(1e-9, 24), 1e-15);
    }

    [Fact]
    public void A_leak_touched_by_a_whole_custody_suite_rates_each_of_them_by_the_pools_share_and_a_lone_toucher_by_the_rank()
    {
        var (days, signals) = Force();
        MisuseSignal Leak(string staff, string leak) => new(MisuseRuleIds.PreLeakAccess, staff, leak, Utc("2026-03-02T10:00:00Z"), Utc("2026-03-02T10:00:00Z"), 1,
            new Dictionary<string, double> { ["events"] = 1 }, new Dictionary<string, string> { ["leak"] = leak, ["person"] = "P-FAMOUS" }, []);
        signals.AddRange(Enumerable.Range(10, 12).Select(i => Leak($"C{i}", "LEAK-CELEBRITY")));
        signals.Add(Leak("N1", "LEAK-QUIET"));
        var rated = RoutineRarity.Rate(signals, days);

        var pool = rated.First(s => s.StaffId == "C10" && s.Rule == MisuseRuleIds.PreLeakAccess);
        var lone = rated.Single(s => s.StaffId == "N1" && s.Rule == MisuseRuleIds.PreLeakAccess);
        Assert.Equal(12, pool.Measures["leak_pool"]);
        // 11 other custody days as strong (+1) over 50 (+1), taken once for each of the 12 in the pool: capped at 1.
        Assert.Equal(1, pool.Measures["routine_p"]);
        Assert.Equal(1.0 / 51, lone.Measures["routine_p"], 12);
    }

    /// <summary>
    /// The same access meeting two rules is one observation. A print of a flagged person's record is also a contact with a
    /// flagged person, and the print's rating (the flagged-contact model) already holds the flags and whether the person was
    /// the unit's work: multiplying the contact in as well rated a neighbourhood officer's one print of a nominal's crime
    /// report one in eight thousand, above planted misuse (`flag-dense`). A look at the record beforehand is another access
    /// and joins. A leak says what that model does not know, and joins the flagged look on the same access; a look before a
    /// leak is ranked blind to the flagged context, so the flagged contact on the same access joins it.
    /// </summary>
    [Fact]
    public void Two_findings_the_flagged_contact_model_rated_join_only_through_accesses_of_their_own_and_a_leak_joins_from_the_same_access()
    {
        var (days, signals) = Force();
        var print = Flagged("N1", "P901", action: "print").Evidence[0];
        var alone = DetectionSignals.FromHits([new DetectionSignals.Hit(print, "ocn_nominal", false)], [], Rules).ToList();
        var view = print with { Action = "view", Time = print.Time.AddMinutes(-5), StaffId = "N2" };
        var looked = DetectionSignals.FromHits([new(view, "ocn_nominal", false), new(print with { StaffId = "N2" }, "ocn_nominal", false)], [], Rules).ToList();
        var leak = new MisuseSignal(MisuseRuleIds.PreLeakAccess, "N3", "LEAK-1", print.Time, print.Time, 1, new Dictionary<string, double> { ["events"] = 1 },
            new Dictionary<string, string> { ["leak"] = "LEAK-1", ["person"] = "P903" }, [print with { StaffId = "N3", SubjectPersonId = "P903", Action = "view" }]);
        var leakContact = Flagged("N3", "P903");
        Assert.Equal([MisuseRuleIds.SensitivePrintExport, MisuseRuleIds.SensitiveSubject], alone.Select(s => s.Rule).Order(StringComparer.Ordinal));
        var rated = RoutineRarity.Rate([.. signals, .. alone, .. looked, leak, leakContact with { Evidence = leak.Evidence }], days);

        Assert.All(rated.Where(s => s.StaffId == "N1"), s => Assert.DoesNotContain("joined_by", s.Facts.Keys));
        Assert.Equal(MisuseRuleIds.SensitiveSubject, rated.Single(s => s.StaffId == "N2" && s.Rule == MisuseRuleIds.SensitivePrintExport).Facts["joined_by"]);
        Assert.Equal(MisuseRuleIds.SensitiveSubject, rated.Single(s => s.StaffId == "N3" && s.Rule == MisuseRuleIds.PreLeakAccess).Facts["joined_by"]);
        Assert.Equal(MisuseRuleIds.PreLeakAccess, rated.Single(s => s.StaffId == "N3" && s.Rule == MisuseRuleIds.SensitiveSubject).Facts["joined_by"]);
    }

    /// <summary>
    /// A look at someone the user is linked to, in a role of ten user-days where nobody else gave one: the role's days
    /// alone can only say "rarer than once in eleven" (a twenty-strong traffic unit's week capped the partner look at 49
    /// points, under thousands of routine flagged contacts in `operational-a`); the force's 110 user-days say how much
    /// rarer. Where another in the role gave one, the role's share stands; where others elsewhere did, they count.
    /// </summary>
    [Fact]
    public void A_finding_nobody_else_in_a_small_role_gave_is_rated_over_the_force_s_days_and_a_role_s_own_share_stands()
    {
        var (days, signals) = Force();
        days.AddRange(Enumerable.Range(0, 10).Select(i => Day($"T{i}", "traffic")));
        MisuseSignal Linked(string staff, string person) => new(MisuseRuleIds.AssociatedPerson, staff, person, Utc("2026-03-02T10:00:00Z"), Utc("2026-03-02T10:00:00Z"), 1,
            new Dictionary<string, double> { ["factor"] = 1 }, new Dictionary<string, string> { ["person"] = person, ["relation"] = "partner" },
            [new AccessEvent(Utc("2026-03-02T10:00:00Z"), staff, "pnc", "search", "person", null, person, "WS1", null)]);
        double P(IEnumerable<MisuseSignal> all, string staff) => RoutineRarity.Rate([.. signals, .. all], days).Single(s => s.StaffId == staff && s.Rule == MisuseRuleIds.AssociatedPerson).Measures["routine_p"];

        Assert.Equal(1.0 / 111, P([Linked("T1", "Q1")], "T1"), 12);
        Assert.Equal(3.0 / 111, P([Linked("T1", "Q1"), Linked("C1", "Q2"), Linked("N1", "Q3")], "T1"), 12);
        Assert.Equal(2.0 / 11, P([Linked("T1", "Q1"), Linked("T2", "Q2")], "T1"), 12);
        // A large role's own bound already says more than the force's share.
        Assert.Equal(1.0 / 51, P([Linked("N1", "Q1"), Linked("T1", "Q2"), Linked("T2", "Q3"), Linked("T3", "Q4")], "N1"), 12);
    }
}

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
}

using System.Text.Json;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// Review of ADR 0036's addendum (a decision on a sampled day is shown every finding it covers): what a merged alert
/// counts and lists, and when a re-run of the same day files a follow-up past a decision on it.
/// </summary>
public sealed class MergedEvidenceReviewTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();

    private static AccessEvent Look(DateTimeOffset at, string person, string action = "view", string record = "") =>
        new(at, "S1", "custody", action, "custody", record.Length > 0 ? record : "CU-" + person, person, "WS1", null);

    private static List<AccessEvent> Looks(string person, int n, string from, int everyMinutes = 2) =>
        Enumerable.Range(0, n).Select(i => Look(Utc(from).AddMinutes(i * everyMinutes), person)).ToList();

    /// <summary>The day's alert: P1 the rarer (it heads), every other person's looks joining it by the day.</summary>
    private static ScoredAlert Day(IEnumerable<AccessEvent> accesses)
    {
        var signals = DetectionSignals.FromHits(accesses.Select(e => new DetectionSignals.Hit(e, "ocn_nominal", false)).ToList(), [], Rules)
            .Select(s => ExplainAlertTests.Rated(s, s.Persons[0] == "P1" ? 1e-5 : 1e-2)).ToList();
        return Assert.Single(ExplainAlert.Queue(signals, Rules));
    }

    /// <summary>The alert as a reviewer dismissed it: what it was shown (its evidence, unless said), counted and spanned then.</summary>
    private static MisuseAlert Dismissed(ScoredAlert alert, IEnumerable<AccessEvent>? shown = null) => new()
    {
        Id = alert.AlertId, StaffId = "S1", Rule = alert.Signal.Rule, Key = alert.Signal.Key, Explanation = alert.Explanation,
        EvidenceJson = JsonSerializer.Serialize((shown ?? alert.Signal.Evidence).ToList(), EvidenceJson.Options), EventCount = alert.Signal.EventCount,
        FirstEventTime = alert.Signal.First, LastEventTime = alert.Signal.Last, Status = AlertStatus.Dismissed,
    };

    /// <summary>
    /// A custody officer who looked at one flagged person sixty times and at another once that day: the day is one alert
    /// headed by the sixty looks, whose own evidence is already at the limit (the first fifty). The other person's look is
    /// listed beside them and counted: before, the head's fifty filled the evidence and its count stood, so the other
    /// person was named in the words but neither listed nor counted, and a reviewer dismissing the day was never shown the
    /// look (ADR 0036, left open by its first review).
    /// </summary>
    [Fact]
    public void A_head_at_the_evidence_limit_lists_and_counts_a_finding_joined_by_the_day()
    {
        var (looks, other) = (Looks("P1", 60, "2026-03-02T08:00:00Z", everyMinutes: 1), Look(Utc("2026-03-02T10:30:00Z"), "P2"));
        var alert = Day(looks.Append(other));

        Assert.Equal(["P1"], alert.Signal.Persons);
        Assert.Equal("P2", alert.Signal.Facts["other_people"]);
        Assert.Equal(looks.Take(Rules.EvidenceLimit).Append(other), alert.Signal.Evidence);
        Assert.Equal([other], alert.OtherFindingsShown);
        Assert.Equal((looks[0].Time, other.Time, 61L), (alert.Signal.First, alert.Signal.Last, alert.Signal.EventCount));
    }

    /// <summary>
    /// The same day decided on what was shown, then run again with the count and span the same: a dismissal shown the other
    /// person's look covers the day; one shown only the fifty looks (as the code before listed it, when another look had
    /// since been explained and this one arrived late) does not, so the look goes to a follow-up rather than standing as
    /// dismissed unseen.
    /// </summary>
    [Fact]
    public void A_decision_shown_a_sample_of_the_day_covers_a_finding_joined_by_the_day_only_if_it_was_shown_it()
    {
        var looks = Looks("P1", 60, "2026-03-02T08:00:00Z", everyMinutes: 1);
        var alert = Day(looks.Append(Look(Utc("2026-03-02T10:30:00Z"), "P2")));

        Assert.False(DetectMisuse.HoldsMore(alert, Dismissed(alert)));
        Assert.True(DetectMisuse.HoldsMore(alert, Dismissed(alert, looks.Take(Rules.EvidenceLimit))));
    }

    /// <summary>
    /// A hundred looks at P1 head the day; sixty at P2 join it, of which P2's finding lists its first fifty. The day holds
    /// 160 accesses. The addendum counted only the fifty P2 looks its finding listed (150), so ten more P2 looks arriving
    /// within the day's span left count and span as dismissed, and the dismissal covered them unseen.
    /// </summary>
    [Fact]
    public void A_joined_finding_s_accesses_beyond_its_own_sample_are_counted_and_more_of_them_go_to_a_follow_up()
    {
        var p1 = Looks("P1", 100, "2026-03-02T08:00:00Z");
        var p2 = Looks("P2", 60, "2026-03-02T08:01:00Z");
        var alert = Day([.. p1, .. p2]);
        Assert.Equal(160, alert.Signal.EventCount);

        var later = Day([.. p1, .. p2, .. Looks("P2", 10, "2026-03-02T08:01:30Z")]);

        Assert.Equal((alert.Signal.First, alert.Signal.Last), (later.Signal.First, later.Signal.Last));
        Assert.True(DetectMisuse.HoldsMore(later, Dismissed(alert)));
    }

    /// <summary>
    /// A print of P1's record heads P1's day of sixty looks (it shares the print with them). The group's count was the larger
    /// of the print's count and the accesses listed (the look finding's first fifty): 50, not 60.
    /// </summary>
    [Fact]
    public void A_head_counts_at_least_every_access_a_finding_of_its_group_counts()
    {
        var looks = Looks("P1", 60, "2026-03-02T08:00:00Z");
        looks[0] = looks[0] with { Action = "print" };
        var signals = DetectionSignals.FromHits(looks.Select(e => new DetectionSignals.Hit(e, "ocn_nominal", false)).ToList(), [], Rules)
            .Select(s => ExplainAlertTests.Rated(s, s.Rule == MisuseRuleIds.SensitivePrintExport ? 1e-6 : 1e-2)).ToList();

        var alert = Assert.Single(ExplainAlert.Queue(signals, Rules));

        Assert.Equal(MisuseRuleIds.SensitivePrintExport, alert.Signal.Rule);
        Assert.Equal(60, alert.Signal.EventCount);
    }

    /// <summary>
    /// The store returns accesses of the same moment in no fixed order (hits are sorted by user and time only). P2's two
    /// looks in the same second: the access listed for P2's finding was the first of them in the order read, so the same
    /// data read again in the other order listed the other, which the dismissal was not shown: a follow-up on no new access.
    /// </summary>
    [Fact]
    public void The_same_day_read_again_with_ties_in_another_order_files_no_follow_up()
    {
        var p1 = Looks("P1", 60, "2026-03-02T08:00:00Z");
        var at = Utc("2026-03-02T10:30:00Z");
        var (search, view) = (Look(at, "P2", "search"), Look(at, "P2", "view"));

        var first = Day([.. p1, search, view]);
        var again = Day([.. p1, view, search]);

        Assert.False(DetectMisuse.HoldsMore(again, Dismissed(first)));
        Assert.Equal(first.Signal.Evidence.ToHashSet(), again.Signal.Evidence.ToHashSet());
    }

    /// <summary>
    /// P2's finding was shown by its first look. That look is since explained (an assignment recorded late), so the finding
    /// holds only its second, which was counted but not listed. From what was stored the decision cannot tell it from a
    /// look arriving late in place of the first (as many accesses, over the same span), so it goes to a follow-up: the
    /// price of reading a sample, paid in a follow-up rather than in a look covered unseen.
    /// </summary>
    [Fact]
    public void A_joined_finding_whose_listed_access_is_explained_since_is_followed_up_as_its_other_access_was_never_shown()
    {
        var p1 = Looks("P1", 60, "2026-03-02T08:00:00Z");
        var (early, late) = (Look(Utc("2026-03-02T08:30:30Z"), "P2"), Look(Utc("2026-03-02T08:40:30Z"), "P2"));
        var alert = Day([.. p1, early, late]);
        Assert.Contains(early, alert.Signal.Evidence);
        Assert.DoesNotContain(late, alert.Signal.Evidence);

        Assert.True(DetectMisuse.HoldsMore(Day([.. p1, late]), Dismissed(alert)));
        Assert.False(DetectMisuse.HoldsMore(Day([.. p1, early]), Dismissed(alert)));
    }

    /// <summary>
    /// Thirty looks at P1 head the day and are all listed; forty at P2 join it, so the day lists a sample (50 of 70). One
    /// P1 look is since explained and a late batch brings another within the span: as many accesses over the same span, and
    /// the new look at P1 was never shown. With a sample stored only P2's listed look was checked, so the dismissal covered it.
    /// </summary>
    [Fact]
    public void A_new_look_at_the_head_s_person_is_a_follow_up_when_the_decision_was_shown_every_look_of_the_head()
    {
        var p1 = Looks("P1", 30, "2026-03-02T08:00:00Z");
        var p2 = Looks("P2", 40, "2026-03-02T08:01:00Z");
        var alert = Day([.. p1, .. p2]);
        Assert.Equal((50, 70L), (alert.Signal.Evidence.Count, alert.Signal.EventCount));
        Assert.All(p1, e => Assert.Contains(e, alert.Signal.Evidence));

        var swapped = p1.Where((_, i) => i != 5).Append(Look(Utc("2026-03-02T08:20:30Z"), "P1"));
        var later = Day([.. swapped, .. p2]);

        Assert.Equal((alert.Signal.EventCount, alert.Signal.First, alert.Signal.Last), (later.Signal.EventCount, later.Signal.First, later.Signal.Last));
        Assert.True(DetectMisuse.HoldsMore(later, Dismissed(alert)));
    }
}

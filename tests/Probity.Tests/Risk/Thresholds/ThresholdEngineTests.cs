using System.Text;
using Microsoft.Extensions.Configuration;
using Probity.Kernel;
using Probity.Risk.Facts;
using Probity.Risk.Thresholds;

namespace Probity.Tests.Risk.Thresholds;

public sealed class ThresholdEngineTests
{
    private static readonly DateOnly AsOf = new(2010, 12, 31);

    private static RiskStaff Officer(string id, string unit = "bor-a", DateOnly? vettingExpires = null) =>
        new(id, "Officer " + id, "officer", "PC", unit, new DateOnly(2000, 1, 1), null, "rv", vettingExpires);

    private static RiskAllegation Allegation(string staff, string caseId, DateOnly received, string category = "incivility", string type = "public_complaint",
        string? finding = null, DateOnly? finalised = null, string location = "bor-a") =>
        new(staff, caseId, type, category, received, finding, finalised, location);

    private static RiskFacts Facts(IEnumerable<RiskStaff> staff, IEnumerable<RiskAllegation> allegations, IEnumerable<RiskInterest>? interests = null) => new()
    {
        Staff = staff.ToList(), Units = [new RiskUnit("bor-a", "Borough A", "borough", null), new RiskUnit("bor-b", "Borough B", "borough", null)],
        Allegations = allegations.ToList(), Sanctions = [], BusinessInterests = (interests ?? []).ToList(), Exposure = [], Postings = [],
    };

    private static ThresholdEngine Engine(string json) =>
        new(ThresholdRuleSet.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test rules"));

    private const string CountRule = """{ "rules": [ { "id": "c12", "title": "Complaints", "subject": "officer", "kind": "count", "caseTypes": ["public_complaint"], "windowMonths": 12, "warning": 3, "critical": 5 } ] }""";

    [Fact]
    public void A_count_rule_fires_at_warning_and_critical_and_names_the_cases()
    {
        var facts = Facts([Officer("s1"), Officer("s2"), Officer("s3")],
        [
            // s1: 3 in the window (1 Jan – 31 Dec 2010) → warning; the one on 31 Dec 2009 is outside.
            Allegation("s1", "C1", new(2010, 1, 1)), Allegation("s1", "C2", new(2010, 6, 1)), Allegation("s1", "C3", new(2010, 12, 31)),
            Allegation("s1", "C0", new(2009, 12, 31)),
            // s2: 5 → critical
            .. Enumerable.Range(1, 5).Select(i => Allegation("s2", $"D{i}", new(2010, i, 10))),
            // s3: 2 → nothing; a civil claim does not count for this rule
            Allegation("s3", "E1", new(2010, 3, 1)), Allegation("s3", "E2", new(2010, 4, 1)), Allegation("s3", "E3", new(2010, 5, 1), type: "civil_claim"),
        ]);
        var flags = Engine(CountRule).Evaluate(facts, AsOf);

        Assert.Equal(2, flags.Count);
        var critical = flags[0];
        Assert.Equal(("s2", "critical", 5.0), (critical.SubjectId, critical.Level, critical.Value));
        var warning = flags.Single(f => f.SubjectId == "s1");
        Assert.Equal("warning", warning.Level);
        Assert.Equal(["C1", "C2", "C3"], warning.Evidence);
        Assert.Equal("3 complaint or conduct allegations in the 12 months to 31 Dec 2010 (warning at 3)", warning.Explanation);
    }

    [Fact]
    public void Nothing_from_after_the_as_of_date_is_used()
    {
        var facts = Facts([Officer("s1")],
        [
            Allegation("s1", "C1", new(2010, 11, 1)), Allegation("s1", "C2", new(2010, 12, 1)),
            Allegation("s1", "C3", new(2011, 1, 2)), // after the as-of date: not yet known
        ]);
        Assert.Empty(Engine(CountRule).Evaluate(facts, AsOf));

        // A substantiated finding counts only once it was reached.
        var substantiated = """{ "rules": [ { "id": "s", "title": "Substantiated", "subject": "officer", "kind": "substantiated", "windowMonths": 24, "warning": 1, "critical": 2 } ] }""";
        var later = Facts([Officer("s1")], [Allegation("s1", "C1", new(2010, 5, 1), finding: "substantiated", finalised: new(2011, 2, 1))]);
        Assert.Empty(Engine(substantiated).Evaluate(later, AsOf));
        Assert.Single(Engine(substantiated).Evaluate(later, new DateOnly(2011, 2, 1)));
    }

    [Fact]
    public void Repeated_allegations_of_one_kind_and_lapsed_vetting_are_explained_in_words()
    {
        var rules = """
        { "rules": [
          { "id": "r", "title": "Repeats", "subject": "officer", "kind": "repeat_category", "windowMonths": 12, "warning": 2, "critical": 3 },
          { "id": "v", "title": "Vetting lapsed", "subject": "officer", "kind": "vetting_lapsed", "warning": 1, "critical": 180 } ] }
        """;
        var facts = Facts([Officer("s1", vettingExpires: new(2010, 12, 1)), Officer("s2", vettingExpires: new(2011, 6, 1))],
            [Allegation("s1", "C1", new(2010, 2, 1), "oppressive_conduct_or_harassment"), Allegation("s1", "C2", new(2010, 9, 1), "oppressive_conduct_or_harassment")]);
        var flags = Engine(rules).Evaluate(facts, AsOf);
        Assert.Equal(2, flags.Count);
        Assert.Contains(flags, f => f.RuleId == "r" && f.Explanation.StartsWith("2 allegations of oppressive conduct or harassment", StringComparison.Ordinal));
        Assert.Contains(flags, f => f.RuleId == "v" && f.SubjectId == "s1" && f.Value == 30 && f.Explanation.Contains("expired on 1 Dec 2010, 30 days ago", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refused_business_interest_followed_by_a_corruption_allegation_fires()
    {
        var rules = """{ "rules": [ { "id": "b", "title": "Interest", "subject": "officer", "kind": "interest_refused_then_suspected", "categories": ["business_interest", "corrupt_practice"], "windowMonths": 36, "warning": 1, "critical": 2 } ] }""";
        var facts = Facts([Officer("s1"), Officer("s2")],
            [Allegation("s1", "C1", new(2010, 8, 1), "business_interest"), Allegation("s2", "C2", new(2009, 1, 1), "corrupt_practice")],
            [new RiskInterest("s1", "second_job", new(2010, 1, 1), "refused", new(2010, 2, 1)), new RiskInterest("s2", "second_job", new(2010, 1, 1), "refused", new(2010, 2, 1))]);
        var flag = Assert.Single(Engine(rules).Evaluate(facts, AsOf)); // s2's allegation came before the refusal
        Assert.Equal("s1", flag.SubjectId);
    }

    [Fact]
    public void Team_rate_and_rising_location_rules_compare_like_with_like()
    {
        var rules = """
        { "rules": [
          { "id": "u", "title": "Team rate", "subject": "unit", "kind": "unit_rate", "categories": ["incivility"], "windowMonths": 12, "warning": 1.5, "critical": 2.0, "minimum": 4 },
          { "id": "l", "title": "Rising", "subject": "location", "kind": "rising", "categories": ["improper_use_of_it_systems"], "windowMonths": 6, "warning": 1.5, "critical": 2.0, "minimum": 3 } ] }
        """;
        // Incivility: Borough A: 2 officers, 6 allegations (3 each); Borough B: 4 officers, 2 allegations. Force: 8 / 6 = 1.33 per
        // officer. A's rate 3.0 is 2.25 times the force rate → critical; B has fewer than the minimum of 4.
        var staff = new[] { Officer("a1"), Officer("a2"), Officer("b1", "bor-b"), Officer("b2", "bor-b"), Officer("b3", "bor-b"), Officer("b4", "bor-b") };
        var allegations = new List<RiskAllegation>();
        for (var i = 0; i < 3; i++) { allegations.Add(Allegation("a1", $"A1-{i}", new(2010, 3 + i, 1))); allegations.Add(Allegation("a2", $"A2-{i}", new(2010, 3 + i, 2))); }
        allegations.Add(Allegation("b1", "B1", new(2010, 4, 1), location: "bor-b"));
        allegations.Add(Allegation("b2", "B2", new(2010, 4, 2), location: "bor-b"));
        // IT misuse in Borough B: 4 in Jul–Dec 2010 against 1 in Jan–Jun 2010 → 4 times → critical.
        allegations.Add(Allegation("b3", "M0", new(2010, 2, 1), "improper_use_of_it_systems", location: "bor-b"));
        for (var i = 0; i < 4; i++) allegations.Add(Allegation("b4", $"M{i + 1}", new(2010, 8 + i, 1), "improper_use_of_it_systems", location: "bor-b"));

        var flags = Engine(rules).Evaluate(Facts(staff, allegations), AsOf);
        var unit = Assert.Single(flags, f => f.RuleId == "u");
        Assert.Equal(("bor-a", "critical"), (unit.SubjectId, unit.Level));
        Assert.Contains("2.3 times the force rate", unit.Explanation, StringComparison.Ordinal);
        var place = Assert.Single(flags, f => f.RuleId == "l");
        Assert.Equal(("bor-b", "critical", 4.0), (place.SubjectId, place.Level, place.Value));
    }

    [Fact]
    public void The_top_percentile_rule_ranks_officers_against_all_serving_officers()
    {
        var rules = """{ "rules": [ { "id": "t", "title": "Top", "subject": "officer", "kind": "top_percentile", "windowMonths": 12, "warning": 10, "critical": 5, "minimum": 2 } ] }""";
        // 40 officers; s0 has 4 allegations (top 1 of 40 = 2.5% → critical), s1 has 2 (2 of 40 = 5% → critical), s2 has 1 (below the minimum).
        var staff = Enumerable.Range(0, 40).Select(i => Officer($"s{i}")).ToList();
        var allegations = Enumerable.Range(0, 4).Select(i => Allegation("s0", $"A{i}", new(2010, 2 + i, 1)))
            .Concat([Allegation("s1", "B1", new(2010, 3, 1)), Allegation("s1", "B2", new(2010, 4, 1)), Allegation("s2", "C1", new(2010, 3, 1))]);
        var flags = Engine(rules).Evaluate(Facts(staff, allegations), AsOf);
        Assert.Equal(["s0", "s1"], flags.Select(f => f.SubjectId).Order(StringComparer.Ordinal));
        Assert.All(flags, f => Assert.Equal("critical", f.Level));
    }

    [Fact]
    public void An_officer_on_the_watch_list_is_flagged_from_the_decision_until_it_is_resolved()
    {
        var rules = """{ "rules": [ { "id": "w", "title": "Watch", "subject": "officer", "kind": "watch_list", "warning": 1, "critical": 2 } ] }""";
        var facts = new RiskFacts
        {
            Staff = [Officer("s1"), Officer("s2")], Units = [], Allegations = [], Sanctions = [], BusinessInterests = [], Exposure = [], Postings = [],
            WatchList = [new RiskWatch("s1", new(2010, 6, 1), null, "pattern of incivility"), new RiskWatch("s2", new(2010, 1, 1), new(2010, 9, 1), "resolved")],
        };
        var flag = Assert.Single(Engine(rules).Evaluate(facts, AsOf));
        Assert.Equal(("s1", "warning"), (flag.SubjectId, flag.Level));
        Assert.StartsWith("on the watch list since 1 Jun 2010: pattern of incivility", flag.Explanation, StringComparison.Ordinal);
        Assert.Equal("s2", Assert.Single(Engine(rules).Evaluate(facts, new DateOnly(2010, 5, 31))).SubjectId); // before s1's decision, during s2's
    }

    [Fact]
    public void The_built_in_rules_load_and_a_bad_rule_is_refused_with_its_name()
    {
        var builtIn = ThresholdRuleSet.Load(new ConfigurationBuilder().Build());
        Assert.True(builtIn.Rules.Count >= 10);
        Assert.Contains(builtIn.Rules, r => r.Kind == "top_percentile");
        var ex = Assert.Throws<InvalidDataException>(() => Engine("""{ "rules": [ { "id": "x", "title": "X", "subject": "officer", "kind": "count", "categories": ["rudeness"], "warning": 1, "critical": 2 } ] }"""));
        Assert.Contains("rule 'x'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'rudeness' is not an allegation category", ex.Message, StringComparison.Ordinal);
        var levels = Assert.Throws<InvalidDataException>(() => Engine("""{ "rules": [ { "id": "y", "title": "Y", "subject": "officer", "kind": "count", "warning": 5, "critical": 2 } ] }"""));
        Assert.Contains("critical level (2) must be at or above the warning level (5)", levels.Message, StringComparison.Ordinal);
    }
}

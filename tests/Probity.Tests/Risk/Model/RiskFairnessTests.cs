using Probity.Risk.Facts;
using Probity.Risk.Model;

namespace Probity.Tests.Risk.Model;

public sealed class RiskFairnessTests
{
    [Fact]
    public void Wilson_and_rate_ratio_intervals_match_the_textbook()
    {
        var w = RiskFairness.Wilson(5, 10);
        Assert.Equal(0.5, w.Value, 9);
        Assert.Equal(0.2366, w.Low, 3);
        Assert.Equal(0.7634, w.High, 3);
        var zero = RiskFairness.Wilson(0, 20);
        Assert.Equal(0, zero.Low, 9);
        Assert.Equal(0.1611, zero.High, 3);

        // 20/100 against 10/100: ratio 2; Katz: exp(ln 2 ± 1.96·sqrt(1/20 − 1/100 + 1/10 − 1/100)).
        var r = RiskFairness.RateRatio(20, 100, 10, 100);
        Assert.Equal(2.0, r.Value, 9);
        var se = Math.Sqrt(1.0 / 20 - 1.0 / 100 + 1.0 / 10 - 1.0 / 100);
        Assert.Equal(Math.Exp(Math.Log(2) - 1.959963984540054 * se), r.Low, 9);
        Assert.Equal(Math.Exp(Math.Log(2) + 1.959963984540054 * se), r.High, 9);
    }

    [Fact]
    public void A_large_disparity_is_marked_and_a_small_one_is_not()
    {
        var people = new List<(RiskStaff, DateOnly)>();
        var selected = new List<bool>();
        var on = new DateOnly(2024, 1, 1);
        for (var i = 0; i < 1000; i++)
        {
            var isBlack = i < 300;
            people.Add((new RiskStaff($"s{i}", "x", "officer", "PC", "u1", on.AddYears(-(i % 25)), null, null, null, i % 2 == 0 ? "male" : "female", isBlack ? "b1" : "w1"), on));
            // 20% of black officers flagged against 5% of the rest (35 of 700): a ratio of 4. Men and women alike (47 and 48 of 500).
            selected.Add(isBlack ? i % 5 == 0 : i % 40 is 0 or 21);
        }
        var report = RiskFairness.Compute(people, [("flagged", [.. selected])], null);
        var black = report.Groups.Single(g => g.Dimension == RiskFairness.Ethnicity && g.Group == "black");
        Assert.Equal(300, black.Officers);
        Assert.Equal(0.3, black.Share, 9);
        Assert.Equal(0.2, black.Rates[0].Rate.Value, 9);
        Assert.Equal(4.0, black.Rates[0].RatioToOthers.Value, 9);
        Assert.True(black.Rates[0].LargeDisparity);
        Assert.True(report.AnyLargeDisparity);
        Assert.All(report.Groups.Where(g => g.Dimension == RiskFairness.Gender), g => Assert.False(g.Rates[0].LargeDisparity));
        Assert.Contains(report.Groups, g => g.Dimension == RiskFairness.Service && g.Group == "20 years or more");
        Assert.Null(black.Outcome);
    }

    [Fact]
    public void The_one_officer_of_a_small_group_cannot_read_their_own_flag_from_the_table()
    {
        // 40 serving officers: 37 white, 2 black, 1 mixed (the analyst, who is flagged; the flags page never shows them
        // their own flag). With every rate shown, "mixed: 100%" would tell them; so would "black: 0%" and the white rate
        // against the total flagged. Withholding must cover the small groups and enough others that they cannot be worked out.
        var on = new DateOnly(2024, 1, 1);
        var people = new List<(RiskStaff, DateOnly)>();
        var flagged = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            var ethnicity = i == 0 ? "m1" : i < 3 ? "b1" : "w1";
            people.Add((new RiskStaff($"s{i}", "x", "officer", "PC", "u1", on.AddYears(-3 - (i % 4)), null, null, null, i % 2 == 0 ? "male" : "female", ethnicity), on));
            flagged.Add(i == 0 || i % 10 == 5);
        }
        var report = RiskFairness.Compute(people, [("flagged", [.. flagged])], [.. flagged]);
        var ethnic = report.Groups.Where(g => g.Dimension == RiskFairness.Ethnicity).ToList();
        Assert.Equal(3, ethnic.Count);
        // Every ethnic group is withheld: the two small ones, and the large one too, since with only it shown the
        // total flagged would give away the small groups' (3 officers) count.
        Assert.All(ethnic, g =>
        {
            Assert.True(g.Withheld, $"{g.Group} ({g.Officers} officers) should be withheld");
            Assert.All(g.Rates, r => Assert.True(double.IsNaN(r.Rate.Value)));
            Assert.True(double.IsNaN(g.Outcome!.Rate.Value));
        });
        // Groups of 20 are shown as before.
        Assert.All(report.Groups.Where(g => g.Dimension == RiskFairness.Gender), g => { Assert.False(g.Withheld); Assert.False(double.IsNaN(g.Rates[0].Rate.Value)); });
        var text = new System.Text.StringBuilder();
        RiskEvaluationReport.Fairness(text, report);
        Assert.Contains("| ethnicity: mixed | 1 | 2.5% | not shown | not shown |", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_small_groups_holding_ten_officers_between_them_are_withheld_and_the_rest_shown()
    {
        var on = new DateOnly(2024, 1, 1);
        var people = new List<(RiskStaff, DateOnly)>();
        for (var i = 0; i < 100; i++)
            people.Add((new RiskStaff($"s{i}", "x", "officer", "PC", "u1", on.AddYears(-3), null, null, null, "male", i < 4 ? "m1" : i < 10 ? "a1" : i < 40 ? "b1" : "w1"), on));
        var report = RiskFairness.Compute(people, [("flagged", [.. Enumerable.Range(0, 100).Select(i => i % 3 == 0)])], null);
        var withheld = report.Groups.Where(g => g.Dimension == RiskFairness.Ethnicity && g.Withheld).Select(g => g.Group).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["asian", "mixed"], withheld);
        Assert.False(report.Groups.Single(g => g.Group == "black").Withheld);
    }
}

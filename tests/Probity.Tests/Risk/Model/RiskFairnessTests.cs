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
}

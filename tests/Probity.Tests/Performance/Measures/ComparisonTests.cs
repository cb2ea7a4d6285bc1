using Probity.Performance.Measures;

namespace Probity.Tests.Performance.Measures;

/// <summary>Direction of travel, significance (|z| ≥ 1.96) and RAG on numbers worked by hand.</summary>
public sealed class ComparisonTests
{
    private static Observation Count(long n) => new(n, n, 0, null);
    private static Observation Share(long k, long n) => new(100.0 * k / n, k, n, null);

    [Fact]
    public void Counts_100_vs_60_is_a_significant_rise()
    {
        // z = (100 − 60) / √(100 + 60) = 40 / 12.65 = 3.16 ≥ 1.96.
        Assert.Equal(3.1623, Statistics.CountZ(100, 60)!.Value, 4);
        var c = PmfCalculator.Compare(MeasureCatalogue.Get("cases_received"), Count(100), Count(60));
        Assert.Equal("up", c.Direction);
        Assert.Equal(60, c.Value);
        Assert.Equal(40, c.Change);
        Assert.True(c.Significant);
        Assert.Null(c.Better); // volumes are neither better nor worse
        Assert.Equal("▲", c.Arrow);
    }

    [Fact]
    public void Counts_100_vs_95_is_not_significant()
    {
        // z = 5 / √195 = 0.36.
        var c = PmfCalculator.Compare(MeasureCatalogue.Get("cases_received"), Count(100), Count(95));
        Assert.Equal("up", c.Direction);
        Assert.False(c.Significant);
    }

    [Fact]
    public void A_fall_in_a_lower_is_better_count_is_better()
    {
        // 60 vs 100 live cases past target: z = −3.16, down, better.
        var c = PmfCalculator.Compare(MeasureCatalogue.Get("live_cases_over_target"), Count(60), Count(100));
        Assert.Equal("down", c.Direction);
        Assert.True(c.Significant);
        Assert.True(c.Better);
        Assert.Equal("▼", c.Arrow);
    }

    [Fact]
    public void No_change_is_flat_and_neither_better_nor_worse()
    {
        var c = PmfCalculator.Compare(MeasureCatalogue.Get("live_cases_over_target"), Count(50), Count(50));
        Assert.Equal("flat", c.Direction);
        Assert.False(c.Significant);
        Assert.Null(c.Better);
        Assert.Equal("►", c.Arrow);
    }

    [Fact]
    public void Proportions_use_the_pooled_two_proportion_z_test()
    {
        var def = MeasureCatalogue.Get("pct_finalised_within_target");
        // 60/100 vs 40/100: pooled 0.5, se = √(0.5 × 0.5 × (1/100 + 1/100)) = 0.0707, z = 0.2 / 0.0707 = 2.83.
        Assert.Equal(2.8284, Statistics.ProportionZ(60, 100, 40, 100)!.Value, 4);
        var big = PmfCalculator.Compare(def, Share(60, 100), Share(40, 100));
        Assert.True(big.Significant);
        Assert.True(big.Better);
        Assert.Equal(20, big.Change!.Value, 9);
        // 55/100 vs 50/100: pooled 0.525, se = √(0.525 × 0.475 × 0.02) = √0.0049875 = 0.070622, z = 0.05 / 0.070622 = 0.7080.
        Assert.Equal(0.7080, Statistics.ProportionZ(55, 100, 50, 100)!.Value, 4);
        var small = PmfCalculator.Compare(def, Share(55, 100), Share(50, 100));
        Assert.Equal("up", small.Direction);
        Assert.False(small.Significant);
        Assert.True(small.Better);
    }

    [Fact]
    public void Means_use_Welch_z()
    {
        // Mean 40 vs 50 working days, variance 100 each, 25 cases each: se = √(100/25 + 100/25) = 2.83, z = −3.54.
        var def = MeasureCatalogue.Get("days_receipt_to_finalisation");
        var c = PmfCalculator.Compare(def, new Observation(40, 25, 25, 100), new Observation(50, 25, 25, 100));
        Assert.Equal(-3.5355, Statistics.MeanZ(40, 100, 25, 50, 100, 25)!.Value, 4);
        Assert.Equal("down", c.Direction);
        Assert.True(c.Significant);
        Assert.True(c.Better); // fewer days is better
    }

    [Fact]
    public void Rates_compare_counts_scaled_to_the_same_workforce()
    {
        // 30 allegations / 1,000 staff vs 10 / 500: the earlier count scaled to 1,000 staff is 20;
        // z = (30 − 20) / √50 = 1.41: up, worse, not significant.
        var def = MeasureCatalogue.Get("allegations_per_1000_employees");
        var c = PmfCalculator.Compare(def, new Observation(30, 30, 1000, null), new Observation(20, 10, 500, null));
        Assert.Equal("up", c.Direction);
        Assert.False(c.Better);
        Assert.False(c.Significant);
    }

    [Fact]
    public void A_missing_value_gives_no_comparison()
    {
        var def = MeasureCatalogue.Get("pct_appeals_upheld");
        Assert.Equal(Comparison.None, PmfCalculator.Compare(def, Share(1, 2), Observation.None));
        var none = PmfCalculator.Compare(def, Observation.None, Share(1, 2));
        Assert.Equal((null, null, "none", false, null), (none.Value, none.Change, none.Direction, none.Significant, none.Better));
        Assert.Equal(Share(1, 2), none.Then); // kept for publishing: the other period's figure may need hiding (ADR 0032 addendum)
    }

    [Theory]
    // Higher is better, target 80%: meets → green; 72 is 8/80 = 10% short → amber; 71.9 is 10.1% short → red.
    [InlineData("pct_finalised_within_target", 80.0, 80.0, "green")]
    [InlineData("pct_finalised_within_target", 95.0, 80.0, "green")]
    [InlineData("pct_finalised_within_target", 72.0, 80.0, "amber")]
    [InlineData("pct_finalised_within_target", 71.9, 80.0, "red")]
    // Lower is better, target 64 days: 64 green; 70 is 6/64 = 9.4% over → amber; 71 is 7/64 = 10.9% over → red.
    [InlineData("days_receipt_to_finalisation", 64.0, 64.0, "green")]
    [InlineData("days_receipt_to_finalisation", 50.0, 64.0, "green")]
    [InlineData("days_receipt_to_finalisation", 70.0, 64.0, "amber")]
    [InlineData("days_receipt_to_finalisation", 71.0, 64.0, "red")]
    // Neither better nor worse (a volume): no RAG even with a target.
    [InlineData("cases_received", 100.0, 80.0, "none")]
    public void Rag_against_target(string key, double value, double target, string expected)
    {
        Assert.Equal(expected, PmfCalculator.Rag(MeasureCatalogue.Get(key), value, target));
    }

    [Fact]
    public void No_rag_without_a_target_or_a_value()
    {
        var def = MeasureCatalogue.Get("pct_finalised_within_target");
        Assert.Equal("none", PmfCalculator.Rag(def, 50, null));
        Assert.Equal("none", PmfCalculator.Rag(def, null, 80));
    }
}

using Probity.Performance.Report;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

/// <summary>Complainants per 1,000 residents by broad ethnic group, with Wilson intervals.</summary>
public sealed class EqualityTests
{
    [Theory]
    [InlineData("w1", "white")]
    [InlineData("w9", "white")]
    [InlineData("b2", "black")]
    [InlineData("a3", "asian")]
    [InlineData("m1", "mixed")]
    [InlineData("o9", "other")]
    [InlineData("black", "black")]
    [InlineData("not_stated", "not_stated")]
    [InlineData("", "not_stated")]
    [InlineData(null, "not_stated")]
    [InlineData("x1", "not_stated")]
    public void Detailed_codes_map_to_broad_groups(string? code, string broad)
    {
        Assert.Equal(broad, PmfCalculator.Broad(code));
    }

    [Fact]
    public void Wilson_interval_for_5_in_500()
    {
        // p = 0.01, z² = 3.8415. centre = (0.01 + 3.8415/1000) / (1 + 3.8415/500) = 0.0138415 / 1.007683 = 0.013736;
        // half = 1.96 × √(0.0099/500 + 3.8415/(4 × 500²)) / 1.007683 = 1.96 × √0.00002364 / 1.007683 = 0.009457.
        var (low, high) = Statistics.Wilson(5, 500);
        Assert.Equal(0.004279, low, 6);
        Assert.Equal(0.023193, high, 6);
    }

    [Fact]
    public void Complainants_per_1000_residents_by_group()
    {
        var f = new FactsBuilder();
        f.Unit("tp", "business_group").Unit("camden", "borough", "tp").Unit("cst", "cst");
        // Camden residents: white 300 + 300 (w1, by gender) + 400 (w2) = 1,000; black 300 + 200 = 500; asian 250.
        f.Population.AddRange([
            new PopulationFact("camden", "w1", "male", "25_34", 300), new PopulationFact("camden", "w1", "female", "25_34", 300),
            new PopulationFact("camden", "w2", "male", "25_34", 400), new PopulationFact("camden", "b1", "male", "25_34", 300),
            new PopulationFact("camden", "b2", "female", "25_34", 200), new PopulationFact("camden", "a1", "male", "25_34", 250)]);
        var k1 = f.Case("K1", D(2010, 1, 4), finalised: D(2010, 1, 5), route: "local_resolution", unit: "camden");
        var k2 = f.Case("K2", D(2010, 2, 1), unit: "camden");
        var k3 = f.Case("K3", D(2009, 12, 31), unit: "camden"); // received before the period
        f.Complainants.AddRange([
            new(k1, "male", "w1", null, "camden"), new(k1, "male", "white", null, "camden"), new(k2, "female", "w2", null, "camden"), // white 3
            new(k1, "male", "b2", null, "camden"), new(k1, "male", "b2", null, "camden"),
            new(k2, "male", "b1", null, "camden"), new(k2, "male", "b1", null, "camden"), new(k2, "female", "b1", null, "camden"),  // black 5
            new(k2, "female", null, null, "camden"),            // not stated 1
            new(k3, "male", "w1", null, "camden"),              // case received outside the period
            new(k1, "male", "b1", null, null),                  // home unknown
            new(k2, "male", "o1", null, "cst")]);               // home is not a borough
        var table = Calculator().Compute(f.Build(), Q4, withTrend: false).Tables.Single(t => t.Key == "equality_complainants");
        // white: 3 / 1,000 = 3.00 per 1,000; Wilson(3, 1000) = 1.02–8.78 per 1,000; ratio 1.
        // black: 5 / 500 = 10.00; Wilson(5, 500) = 4.28–23.19 (above); ratio 10 / 3 = 3.33.
        // asian: 0 / 250; Wilson(0, 250) = 0 – z²/(250 + z²) = 3.8415 / 253.8415 = 15.13 per 1,000.
        // mixed and other: no complainants and no residents, so no row. Not stated: no residents to divide by.
        Assert.Equal(
            [
                ["White", "3", "1,000", "3.00", "1.02–8.78", "1.00"],
                ["Black", "5", "500", "10.00", "4.28–23.19", "3.33"],
                ["Asian", "0", "250", "0.00", "0.00–15.13", "0.00"],
                ["Not stated", "1", "—", "—", "—", "—"],
            ],
            TableText.Rows(table).Select(r => r.ToArray()).ToArray());
    }
}

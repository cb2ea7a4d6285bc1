using Probity.Kernel;
using Probity.Performance.Facts;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

/// <summary>A unit's figures cover the unit and every unit below it, by handling unit or location, and nothing else.</summary>
public sealed class UnitScopeTests
{
    // met ─┬─ tp (business group) ─┬─ camden (borough) ── camden-north (team)
    //      │                       └─ westminster (borough)
    //      └─ dps (directorate) ───── cst
    private static PerformanceFacts Facts()
    {
        var f = new FactsBuilder();
        f.Unit("met", "other").Unit("tp", "business_group", "met").Unit("camden", "borough", "tp", "Camden")
         .Unit("camden-north", "team", "camden").Unit("westminster", "borough", "tp").Unit("dps", "directorate", "met").Unit("cst", "cst", "dps");
        var u1 = f.Case("U1", D(2010, 1, 4), recorded: D(2010, 1, 5), finalised: D(2010, 2, 1), route: "local_resolution", unit: "camden");
        var u2 = f.Case("U2", D(2010, 1, 4), recorded: D(2010, 1, 5), unit: "camden-north");
        var u3 = f.Case("U3", D(2010, 1, 4), recorded: D(2010, 1, 5), unit: "westminster", location: "camden");
        var u4 = f.Case("U4", D(2010, 1, 4), recorded: D(2010, 1, 5), unit: "westminster", location: "westminster");
        var u5 = f.Case("U5", D(2010, 1, 4), recorded: D(2010, 1, 5), unit: "cst");
        f.Allegation(u1).Allegation(u2).Allegation(u3).Allegation(u4).Allegation(u4).Allegation(u5);
        f.Employee("e1", "officer", "camden").Employee("e2", "officer", "camden-north").Employee("e3", "police_staff", "westminster")
         .Employee("e4", "officer", "cst").Employee("e5", "pcso", null);
        return f.Build();
    }

    [Theory]
    // camden: U1 (itself), U2 (its team), U3 (located in it); staff e1, e2. 3 allegations / 2 staff = 1,500.
    [InlineData("camden", 3, 3, 1500.0)]
    // tp: U1..U4; allegations 1 + 1 + 1 + 2 = 5; staff e1, e2, e3: 5000 / 3 = 1,666.67.
    [InlineData("tp", 4, 5, 5000.0 / 3)]
    // westminster: U3 (handled there), U4; allegations 3; staff e3: 3,000.
    [InlineData("westminster", 2, 3, 3000.0)]
    // dps: U5 via cst; 1 allegation; staff e4: 1,000.
    [InlineData("dps", 1, 1, 1000.0)]
    // Whole force: U1..U5; 6 allegations; staff e1..e5 (the PCSO with no unit too): 1,200.
    [InlineData(null, 5, 6, 1200.0)]
    public void A_unit_covers_its_subtree(string? unit, int received, int allegations, double per1000)
    {
        var o = Observe(Facts(), Q4, unit);
        Assert.Equal(received, o.Value("cases_received"));
        Assert.Equal(received, o.Value("live_cases") + o.Value("cases_finalised"));
        Assert.Equal(allegations, o.Value("allegations_recorded"));
        Assert.Equal(per1000, o.Value("allegations_per_1000_employees")!.Value, 9);
    }

    [Fact]
    public void A_leaf_unit_excludes_its_parent_and_siblings()
    {
        // camden-north: U2 only; staff e2: 1 / 1 = 1,000.
        var o = Observe(Facts(), Q4, "camden-north");
        Assert.Equal(1, o.Value("cases_received"));
        Assert.Equal(1000, o.Value("allegations_per_1000_employees"));
    }

    [Fact]
    public void Compute_names_the_scope()
    {
        var r = Calculator().Compute(Facts(), Q4, "camden", withTrend: false);
        Assert.Equal("camden", r.Scope);
        Assert.Equal("Camden", r.ScopeName);
        Assert.Equal(3, r["cases_received"].Current.Value);
        var force = Calculator().Compute(Facts(), Q4, withTrend: false);
        Assert.Equal("force", force.Scope);
        Assert.Equal("Whole force", force.ScopeName);
    }

    [Fact]
    public void An_unknown_unit_is_not_found()
    {
        var e = Assert.Throws<RecordNotFoundException>(() => Calculator().Compute(Facts(), Q4, "lambeth", withTrend: false));
        Assert.Contains("lambeth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_works_for_a_period_with_no_case_finalised()
    {
        // camden-north has U2 received in Q4 but nothing finalised.
        var r = Calculator().Compute(Facts(), Q4, "camden-north", withTrend: false);
        Assert.Equal(1, r["cases_received"].Current.Value);
        Assert.Empty(r.Tables.Single(t => t.Key == "timeliness").Rows);
    }
}

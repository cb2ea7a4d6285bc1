using Probity.Performance.Facts;
using Probity.Performance.Measures;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

/// <summary>Outcome shares of allegations finalised in Q4 2009/10, local resolutions by unit kind, and appeals.</summary>
public sealed class OutcomeAndAppealMeasuresTests
{
    private static PerformanceFacts OutcomeFacts()
    {
        var f = new FactsBuilder();
        var c = f.Case("O1", D(2009, 10, 1), recorded: D(2009, 10, 2));
        f.Allegation(c, "locally_resolved", D(2010, 1, 1))     // first day
         .Allegation(c, "locally_resolved", D(2010, 3, 31))    // last day
         .Allegation(c, "substantiated", D(2010, 2, 1))
         .Allegation(c, "not_substantiated", D(2010, 2, 1))
         .Allegation(c, "not_substantiated", D(2010, 2, 2))
         .Allegation(c, "withdrawn", D(2010, 2, 3))
         .Allegation(c, "dispensed", D(2010, 2, 4))
         .Allegation(c, "discontinued", D(2010, 2, 5))
         .Allegation(c, null, D(2010, 2, 6))                   // withdrawn then reinstated: no finding, so not finalised
         .Allegation(c, "substantiated", D(2009, 12, 31))      // the day before
         .Allegation(c, "locally_resolved", D(2010, 4, 1))     // the day after
         .Allegation(c);                                        // open
        return f.Build();
    }

    [Fact]
    public void Outcome_shares_are_of_allegations_finalised_in_the_period_with_a_finding()
    {
        // Finalised in the period with a finding: 2 LR + 1 S + 2 NS + 1 withdrawn + 1 dispensed + 1 discontinued = 8.
        var o = Observe(OutcomeFacts(), Q4);
        Assert.Equal(8, o.Value("allegations_finalised"));
        Assert.Equal(25, o.Value("pct_locally_resolved"));             // 2 / 8
        Assert.Equal(37.5, o.Value("pct_investigated"));               // 3 / 8
        Assert.Equal(12.5, o.Value("pct_withdrawn"));                  // 1 / 8
        Assert.Equal(25, o.Value("pct_dispensed_or_discontinued"));    // 2 / 8
        Assert.Equal(100.0 / 3, o.Value("pct_substantiated")!.Value, 9); // 1 of the 3 investigated
        Assert.Equal(3, o["pct_substantiated"].Denominator);
    }

    [Fact]
    public void An_allegation_without_a_finding_is_not_finalised_even_with_a_finalised_date()
    {
        var f = new FactsBuilder();
        var c = f.Case("W1", D(2009, 10, 1));
        f.Allegation(c, null, D(2010, 2, 6));
        var o = Observe(f.Build(), Q4);
        Assert.Equal(0, o.Value("allegations_finalised"));
        Assert.Null(o.Value("pct_withdrawn"));
    }

    [Fact]
    public void Local_resolutions_by_units_count_boroughs_and_business_groups_but_not_the_CST_or_BSUs()
    {
        var f = new FactsBuilder();
        f.Unit("met", "other").Unit("tp", "business_group", "met").Unit("camden", "borough", "tp")
         .Unit("dps", "directorate", "met").Unit("cst", "cst", "dps").Unit("bsu-north", "bsu", "dps");
        f.Case("LR1", D(2010, 1, 4), finalised: D(2010, 1, 20), route: "local_resolution", unit: "camden");                    // by units
        f.Case("LR2", D(2010, 1, 4), finalised: D(2010, 1, 20), route: "local_resolution", unit: "cst");                       // DPS
        f.Case("LR3", D(2010, 1, 4), finalised: D(2010, 1, 20), route: "local_resolution", unit: "bsu-north");                 // DPS
        f.Case("LR4", D(2010, 1, 4), finalised: D(2010, 1, 20), route: "otherwise_than_by_investigation", unit: "tp");         // by units
        f.Case("LI1", D(2010, 1, 4), finalised: D(2010, 1, 20), route: "local_investigation", unit: "camden");                 // not a local resolution
        f.Case("LR5", D(2010, 1, 4), finalised: D(2010, 4, 1), route: "local_resolution", unit: "camden");                    // finalised after the period
        f.Case("LR6", D(2010, 1, 4), finalised: D(2010, 1, 20), route: "local_resolution", unit: "camden", type: "civil_claim"); // not a complaint
        var o = Observe(f.Build(), Q4)["pct_local_resolution_by_units"];
        // LR1 and LR4 of LR1..LR4: 2 / 4 = 50%.
        Assert.Equal(2, o.Numerator);
        Assert.Equal(4, o.Denominator);
        Assert.Equal(50, o.Value);
    }

    private static PerformanceFacts AppealFacts()
    {
        var f = new FactsBuilder();
        var closed = f.Case("AP1", D(2009, 6, 1), finalised: D(2009, 11, 2), route: "local_investigation");
        var open = f.Case("AP2", D(2009, 6, 1), route: "local_investigation");
        f.Appeal(closed, D(2009, 12, 1), D(2010, 2, 1), upheld: true)     // decided in Q4 after the case was finalised in Q3: counts in Q4
         .Appeal(open, D(2009, 12, 1), D(2010, 1, 1), upheld: false)       // first day
         .Appeal(open, D(2009, 12, 1), D(2010, 3, 31), upheld: false)      // last day
         .Appeal(closed, D(2010, 3, 1), D(2010, 4, 1), upheld: true)       // the day after: Q1 2010/11
         .Appeal(open, D(2010, 3, 1), null, null);                          // undecided
        return f.Build();
    }

    [Fact]
    public void Appeals_decided_and_upheld_share_count_by_decision_date()
    {
        var q4 = Observe(AppealFacts(), Q4);
        Assert.Equal(3, q4.Value("appeals_decided"));                           // 1 Jan, 1 Feb, 31 Mar
        Assert.Equal(100.0 / 3, q4.Value("pct_appeals_upheld")!.Value, 9);      // 1 of 3

        var q3 = Observe(AppealFacts(), Period.Quarter(2009, 3));                 // the case was finalised here, but no appeal was decided
        Assert.Equal(0, q3.Value("appeals_decided"));
        Assert.Null(q3.Value("pct_appeals_upheld"));

        var q1 = Observe(AppealFacts(), Period.Quarter(2010, 1));
        Assert.Equal(1, q1.Value("appeals_decided"));
        Assert.Equal(100, q1.Value("pct_appeals_upheld"));
    }
}

using Probity.Performance.Report;
using Probity.Performance.Facts;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

/// <summary>Live cases at the end of Q4 2009/10 (31 March 2010) and those past their target.</summary>
public sealed class LiveCaseMeasuresTests
{
    // Ages at Wed 31 Mar 2010 in working days:
    //   from Mon 4 Jan 2010: 5–8 Jan 4, then 5 a week to Fri 26 Mar = 59, 29–31 Mar = 62.
    //   from Thu 24 Dec 2009: 66 (29–31 Dec 3, 4 Jan 4, ... 26 Feb 43, 29 Mar 64, 30 Mar 65, 31 Mar 66).
    //   from Wed 30 Dec 2009: 66 − 2 (29 and 30 Dec) = 64.
    private static PerformanceFacts Facts()
    {
        var f = new FactsBuilder();
        f.Case("L1", D(2010, 1, 4), route: "local_resolution");                                       // live; 62 > 43: over
        f.Case("L2", D(2009, 6, 1), finalised: D(2010, 4, 1), route: "local_investigation");         // finalised after the end: live; ~210 > 64: over
        f.Case("L3", D(2010, 4, 1), route: "local_resolution");                                       // received after the end: not live
        f.Case("L4", D(2010, 1, 4), finalised: D(2010, 3, 31), route: "local_resolution");          // finalised on the last day: not live
        var reopened = f.Case("L5", D(2009, 10, 1), recorded: D(2009, 10, 2), route: "local_resolution"); // reopened: live; > 43: over
        f.Appeal(reopened, lodged: D(2009, 12, 1), decided: D(2010, 2, 1), upheld: true, type: "local_resolution");
        f.Case("L6", D(2009, 1, 5), type: "civil_claim");                                              // live, but no target: never over
        f.Case("L7", D(2010, 1, 4), route: "local_investigation");                                    // live; 62 ≤ 64: not over
        f.Case("L8", D(2009, 12, 24));                                                                 // live, no route: 66 > 64 default: over
        f.Case("L9", D(2009, 12, 30));                                                                 // live, no route: 64, exactly on target: not over
        return f.Build();
    }

    [Fact]
    public void Live_cases_are_received_by_the_end_and_not_finalised_by_then()
    {
        // L1, L2 (finalised after the end), L5 (reopened), L6, L7, L8, L9 = 7. Not L3 (received after), not L4 (finalised on 31 Mar).
        Assert.Equal(7, Observe(Facts(), Q4).Value("live_cases"));
    }

    [Fact]
    public void Live_cases_over_target_use_the_route_target_and_age_at_period_end()
    {
        // L1 (62 > 43), L2, L5, L8 (66 > 64) = 4. Not: L6 (civil claim), L7 (62 ≤ 64), L9 (64 = 64).
        Assert.Equal(4, Observe(Facts(), Q4).Value("live_cases_over_target"));
    }

    [Fact]
    public void A_reopened_case_counts_as_live_in_a_later_period_too()
    {
        // At the end of Q1 2010/11 (30 Jun 2010): L1, L3, L5, L6, L7, L8, L9 are open; L2 and L4 are finalised = 7.
        Assert.Equal(7, Observe(Facts(), Probity.Performance.Measures.Period.Quarter(2010, 1)).Value("live_cases"));
    }

    [Fact]
    public void Live_age_table_bands_cases_by_working_days_at_period_end()
    {
        var f = new FactsBuilder();
        f.Case("A", D(2010, 1, 4), finalised: D(2010, 1, 5), route: "local_resolution"); // finalised in the period (so the table has timeliness)
        f.Case("B", D(2010, 3, 30));                 // 1 working day: up to 20
        f.Case("C", D(2010, 1, 4));                  // 62: 44–64
        f.Case("D", D(2009, 12, 30));                // 64: 44–64 (upper bound inclusive)
        f.Case("E", D(2009, 12, 24));                // 66: 65–128
        var rows = TableText.Rows(Calculator().Compute(f.Build(), Q4, withTrend: false).Tables.Single(t => t.Key == "live_age"));
        Assert.Equal(["1", "0", "2", "1", "0", "0"], rows.Select(r => r[1]));
        Assert.Equal(["25.0%", "0.0%", "50.0%", "25.0%", "0.0%", "0.0%"], rows.Select(r => r[2]));
    }
}

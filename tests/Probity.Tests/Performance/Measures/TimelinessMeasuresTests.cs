using Probity.Performance.Report;
using Probity.Performance.Facts;
using Probity.Performance.Measures;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

/// <summary>
/// Working days exclude weekends and bank holidays. Christmas 2009: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute),
/// Fri 1 Jan 2010. Easter 2010: Fri 2 Apr, Mon 5 Apr. Elapsed working days count the days in (from, to].
/// Targets (2008 rulebook): 43 working days for local resolution, 64 otherwise.
/// </summary>
public sealed class TimelinessMeasuresTests
{
    // Working days counted from Thu 24 Dec 2009:
    //   29, 30, 31 Dec = 3; Mon 4 Jan = 4; then 5 a week: Fri 8 Jan = 8, 15 Jan = 13, 22 = 18, 29 = 23, 5 Feb = 28,
    //   12 Feb = 33, 19 Feb = 38, Fri 26 Feb = 43, Mon 1 Mar = 44, 5 Mar = 48, 12 = 53, 19 = 58, 26 = 63, Mon 29 Mar = 64,
    //   30 Mar = 65, 31 Mar = 66, Thu 1 Apr = 67, (2 and 5 Apr Easter) Tue 6 Apr = 68.
    // From Mon 21 Dec 2009 add 22, 23, 24 Dec: Mon 29 Mar = 67.
    private static PerformanceFacts ChristmasFacts()
    {
        var f = new FactsBuilder();
        f.Case("T1", D(2009, 12, 24), decided: D(2009, 12, 31), finalised: D(2010, 1, 4), route: "local_resolution");   // 4 days; decision→final 1
        f.Case("T2", D(2009, 12, 24), decided: D(2010, 1, 4), finalised: D(2010, 2, 26), route: "local_resolution");    // 43: exactly on target; 39
        f.Case("T3", D(2009, 12, 24), finalised: D(2010, 3, 1), route: "local_resolution");                              // 44: one over; no decision date
        f.Case("T4", D(2009, 12, 24), decided: D(2010, 1, 4), finalised: D(2010, 3, 29), route: "local_investigation"); // 64: exactly on target; 60
        f.Case("T5", D(2009, 12, 21), decided: D(2010, 1, 4), finalised: D(2010, 3, 29), route: "supervised_investigation", type: "conduct_matter"); // 67: over; 60
        f.Case("T6", D(2010, 1, 4), decided: D(2010, 1, 4), finalised: D(2010, 1, 8), route: "dispensation");         // Mon→Fri = 4: within 64; 4
        f.Case("T7", D(2009, 12, 1), finalised: D(2010, 2, 1), type: "civil_claim");                                     // not a complaint or conduct case
        f.Case("T8", D(2009, 12, 24), decided: D(2010, 1, 4), finalised: D(2010, 4, 1), route: "local_resolution");     // finalised after the period
        return f.Build();
    }

    [Fact]
    public void Receipt_to_finalisation_mean_skips_Christmas_bank_holidays_and_excludes_other_case_types()
    {
        // T1..T6: (4 + 43 + 44 + 64 + 67 + 4) / 6 = 226 / 6 = 37.667. T7 (civil claim) and T8 (April) are left out.
        var o = Observe(ChristmasFacts(), Q4)["days_receipt_to_finalisation"];
        Assert.Equal(226.0 / 6, o.Value!.Value, 9);
        Assert.Equal(6, o.Denominator);
    }

    [Fact]
    public void Local_resolution_and_investigation_are_split()
    {
        var o = Observe(ChristmasFacts(), Q4);
        // Local resolution: T1, T2, T3 = (4 + 43 + 44) / 3 = 30.333.
        Assert.Equal(91.0 / 3, o.Value("days_local_resolution")!.Value, 9);
        // Investigations: T4, T5 = (64 + 67) / 2 = 65.5. T6 (dispensation) is in neither.
        Assert.Equal(65.5, o.Value("days_investigation"));
    }

    [Fact]
    public void Within_target_counts_a_case_exactly_on_target_as_within()
    {
        // Within: T1 (4 ≤ 43), T2 (43 ≤ 43), T4 (64 ≤ 64), T6 (4 ≤ 64) = 4. Over: T3 (44 > 43), T5 (67 > 64). 4 / 6 = 66.67%.
        var o = Observe(ChristmasFacts(), Q4)["pct_finalised_within_target"];
        Assert.Equal(4, o.Numerator);
        Assert.Equal(6, o.Denominator);
        Assert.Equal(400.0 / 6, o.Value!.Value, 9);
    }

    [Fact]
    public void Decision_to_finalisation_uses_cases_with_a_decision_date()
    {
        // T1 (31 Dec → 4 Jan) 1, T2 43 − 4 = 39, T4 64 − 4 = 60, T5 60, T6 4; T3 has no decision date.
        // (1 + 39 + 60 + 60 + 4) / 5 = 164 / 5 = 32.8.
        Assert.Equal(32.8, Observe(ChristmasFacts(), Q4).Value("days_decision_to_finalisation")!.Value, 9);
    }

    [Fact]
    public void Receipt_to_finalisation_over_Easter_2010()
    {
        var f = new FactsBuilder();
        f.Case("E1", D(2010, 4, 1), finalised: D(2010, 4, 6), route: "local_resolution");      // Thu → Tue over Easter: only 6 Apr = 1
        f.Case("E2", D(2010, 3, 31), finalised: D(2010, 4, 9), route: "local_investigation");  // 1 Apr, 6, 7, 8, 9 Apr = 5
        f.Case("E3", D(2009, 12, 24), finalised: D(2010, 4, 6), route: "local_resolution");     // Christmas and Easter: 68 > 43
        var o = Observe(f.Build(), Period.Quarter(2010, 1));
        Assert.Equal(74.0 / 3, o.Value("days_receipt_to_finalisation")!.Value, 9); // (1 + 5 + 68) / 3
        Assert.Equal(34.5, o.Value("days_local_resolution"));                       // (1 + 68) / 2
        Assert.Equal(5, o.Value("days_investigation"));
        Assert.Equal(200.0 / 3, o.Value("pct_finalised_within_target")!.Value, 9);  // E1, E2 within; E3 not
    }

    [Fact]
    public void Receipt_to_recording_and_recording_to_decision()
    {
        var f = new FactsBuilder();
        // Thu 24 Dec → Mon 4 Jan = 4; decision Wed 6 Jan = 2.
        f.Case("R1", D(2009, 12, 24), recorded: D(2010, 1, 4), decided: D(2010, 1, 6), route: "local_resolution");
        // Wed 30 Dec → Tue 5 Jan: 31 Dec, 4 Jan, 5 Jan = 3 (1 Jan a bank holiday); decided the same day = 0.
        f.Case("R2", D(2009, 12, 30), recorded: D(2010, 1, 5), decided: D(2010, 1, 5), route: "local_investigation", type: "conduct_matter");
        // A civil claim: in neither mean.
        f.Case("R3", D(2010, 1, 4), recorded: D(2010, 1, 20), decided: D(2010, 1, 25), route: "local_investigation", type: "civil_claim");
        // Recorded before the period (Thu 10 Dec), decided in it (Mon 11 Jan): 11 Dec 1, 14–18 Dec 6, 21–24 Dec 10,
        // 29–31 Dec 13, 4–8 Jan 18, 11 Jan 19. Only in recording-to-decision.
        f.Case("R4", D(2009, 12, 1), recorded: D(2009, 12, 10), decided: D(2010, 1, 11), route: "local_investigation");
        // Mon 1 Mar → Wed 3 Mar = 2; decided after the period, so only in receipt-to-recording.
        f.Case("R5", D(2010, 3, 1), recorded: D(2010, 3, 3), decided: D(2010, 4, 1), route: "local_resolution");
        var o = Observe(f.Build(), Q4);
        Assert.Equal(3, o.Value("days_receipt_to_recording"));    // (4 + 3 + 2) / 3
        Assert.Equal(7, o.Value("days_recording_to_decision"));   // (2 + 0 + 19) / 3
    }

    [Fact]
    public void Timeliness_table_gives_mean_median_90th_percentile_and_within_target_by_route()
    {
        var result = Calculator().Compute(ChristmasFacts(), Q4, withTrend: false);
        var rows = TableText.Rows(result.Tables.Single(t => t.Key == "timeliness"));
        // Local resolution [4, 43, 44]: mean 30.3; median 43; 90th: rank 0.9 × 2 = 1.8 → 43 + 0.8 × 1 = 43.8; 2 of 3 within.
        Assert.Equal(["Local resolution", "3", "30.3", "43.0", "43.8", "66.7%"], rows.Single(r => r[0] == "Local resolution"));
        // Investigation [64, 67]: mean 65.5; median 65.5; 90th: rank 0.9 → 64 + 0.9 × 3 = 66.7; 1 of 2 within.
        Assert.Equal(["Investigation", "2", "65.5", "65.5", "66.7", "50.0%"], rows.Single(r => r[0] == "Investigation"));
        // All [4, 4, 43, 44, 64, 67]: mean 37.7; median rank 2.5 → 43.5; 90th rank 4.5 → 64 + 0.5 × 3 = 65.5; 4 of 6 within.
        Assert.Equal(["All cases", "6", "37.7", "43.5", "65.5", "66.7%"], rows[^1]);
    }

    [Fact]
    public void Within_target_is_rated_against_the_comparators_target_for_the_financial_year()
    {
        // 66.67% against a target of 80% for 2009/10: short by 13.3 / 80 = 16.7% (more than 10%) → red.
        // The 2010/11 row does not apply to a 2009/10 quarter; the all-years national average does.
        var calc = Calculator("pct_finalised_within_target,target,80,2009/10\npct_finalised_within_target,target,50,2010/11\npct_finalised_within_target,national_average,70,\n");
        var m = calc.Compute(ChristmasFacts(), Q4, withTrend: false)["pct_finalised_within_target"];
        Assert.Equal(80, m.Target);
        Assert.Equal(70, m.National);
        Assert.Null(m.MostSimilar);
        Assert.Equal("red", m.Rag);
    }
}

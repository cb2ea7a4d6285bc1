using Probity.Performance.Facts;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

/// <summary>Volumes for Q4 2009/10 (1 Jan – 31 Mar 2010): both end days are in the period, the days either side are not.</summary>
public sealed class VolumeMeasuresTests
{
    private static PerformanceFacts Facts()
    {
        var f = new FactsBuilder();
        // A: received the day before the period, recorded on its first day, finalised on its last day.
        var a = f.Case("A", D(2009, 12, 31), recorded: D(2010, 1, 1), decided: D(2010, 1, 4), finalised: D(2010, 3, 31), route: "local_resolution");
        // B: received on the first day, recorded inside, still open.
        var b = f.Case("B", D(2010, 1, 1), recorded: D(2010, 1, 5));
        // C: received on the last day, recorded the day after.
        var c = f.Case("C", D(2010, 3, 31), recorded: D(2010, 4, 1));
        // D: received and recorded the day after the period.
        var d = f.Case("D", D(2010, 4, 1), recorded: D(2010, 4, 1));
        // E: recorded the day before the period, finalised the day after.
        var e = f.Case("E", D(2009, 11, 2), recorded: D(2009, 12, 31), decided: D(2010, 1, 4), finalised: D(2010, 4, 1), route: "local_investigation");
        // Allegations: A has 2, the rest 1 each. Only A's and B's cases were recorded in the period.
        f.Allegation(a, "locally_resolved", D(2010, 3, 31)).Allegation(a, "locally_resolved", D(2010, 3, 31))
         .Allegation(b).Allegation(c).Allegation(d).Allegation(e, "substantiated", D(2010, 4, 1));
        // Staff serving at the end of the period (31 March 2010): joined on or before it and not left on or before it.
        f.Employee("s1", "officer", joined: D(2005, 6, 1))                                 // serving
         .Employee("s2", "police_staff", joined: D(2010, 3, 31))                          // joined on the last day: serving
         .Employee("s3", "pcso", joined: D(2001, 1, 1), left: D(2010, 3, 31))             // left on the last day: NOT serving
         .Employee("s4", "officer", joined: D(2001, 1, 1), left: D(2010, 4, 1))           // left the day after: serving
         .Employee("s5", "officer", joined: D(2010, 4, 1))                                 // joined the day after: not serving
         .Employee("s6", "special", joined: D(2001, 1, 1))                                 // special constable: not an employee
         .Employee("s7", "pcso");                                                          // no dates: serving
        return f.Build();
    }

    [Fact]
    public void Cases_received_count_both_end_days_and_not_the_days_either_side()
    {
        // B (1 Jan) and C (31 Mar); A (31 Dec) and D (1 Apr) are outside.
        Assert.Equal(2, Observe(Facts(), Q4).Value("cases_received"));
    }

    [Fact]
    public void Cases_recorded_count_both_end_days_and_not_the_days_either_side()
    {
        // A (1 Jan) and B (5 Jan); C (1 Apr), D (1 Apr) and E (31 Dec) are outside.
        Assert.Equal(2, Observe(Facts(), Q4).Value("cases_recorded"));
    }

    [Fact]
    public void Cases_finalised_count_the_last_day_and_not_the_day_after()
    {
        // A (31 Mar); E (1 Apr) is outside.
        Assert.Equal(1, Observe(Facts(), Q4).Value("cases_finalised"));
    }

    [Fact]
    public void Right_Line_reports_count_both_end_days_force_wide_and_belong_to_no_unit()
    {
        var f = new FactsBuilder().Unit("BOR1", "borough");
        f.Case("A", D(2010, 2, 1), unit: "BOR1");
        f.RightLineReports.AddRange([D(2009, 12, 31), D(2010, 1, 1), D(2010, 2, 14), D(2010, 3, 31), D(2010, 4, 1)]);
        var facts = f.Build();
        Assert.Equal(3, Observe(facts, Q4).Value("right_line_reports"));
        // A borough's figures say nothing about Right Line: a report names no unit, and a count by unit would be a guess.
        Assert.Null(Observe(facts, Q4, "BOR1").Value("right_line_reports"));
    }

    [Fact]
    public void Allegations_recorded_are_those_on_cases_recorded_in_the_period()
    {
        // A's 2 + B's 1 = 3.
        Assert.Equal(3, Observe(Facts(), Q4).Value("allegations_recorded"));
    }

    [Fact]
    public void Allegations_finalised_are_those_with_a_finding_finalised_in_the_period()
    {
        // A's two locally resolved (31 Mar) = 2; E's (1 Apr) is outside.
        Assert.Equal(2, Observe(Facts(), Q4).Value("allegations_finalised"));
    }

    [Fact]
    public void Serving_on_a_day_includes_joiners_that_day_and_excludes_leavers_that_day()
    {
        var end = D(2010, 3, 31);
        Assert.True(new StaffFact("x", "officer", null, end, null, null, null).ServingOn(end));
        Assert.False(new StaffFact("x", "officer", null, D(2001, 1, 1), end, null, null).ServingOn(end));
        Assert.True(new StaffFact("x", "officer", null, D(2001, 1, 1), end.AddDays(1), null, null).ServingOn(end));
        Assert.False(new StaffFact("x", "officer", null, end.AddDays(1), null, null, null).ServingOn(end));
        Assert.True(new StaffFact("x", "officer", null, null, null, null, null).ServingOn(end));
    }

    [Fact]
    public void Allegations_per_1000_employees_use_officers_staff_and_PCSOs_serving_at_period_end()
    {
        // Serving on 31 Mar 2010: s1, s2 (joined that day), s4 (left the day after), s7 = 4.
        // Not: s3 (left 31 Mar), s5 (joined 1 Apr), s6 (a special, not an employee).
        // 3 allegations recorded / 4 employees × 1,000 = 750.
        var o = Observe(Facts(), Q4)["allegations_per_1000_employees"];
        Assert.Equal(750, o.Value);
        Assert.Equal(3, o.Numerator);
        Assert.Equal(4, o.Denominator);
    }

    [Fact]
    public void Allegations_per_1000_employees_is_empty_without_employees()
    {
        var f = new FactsBuilder();
        var a = f.Case("A", D(2010, 1, 4), recorded: D(2010, 1, 4));
        f.Allegation(a);
        Assert.Null(Observe(f.Build(), Q4).Value("allegations_per_1000_employees"));
    }
}

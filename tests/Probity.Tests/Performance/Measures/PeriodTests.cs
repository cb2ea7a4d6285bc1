using Probity.Kernel;
using Probity.Performance.Measures;
using static Probity.Tests.Performance.Measures.Pmf;

namespace Probity.Tests.Performance.Measures;

public sealed class PeriodTests
{
    [Fact]
    public void Quarters_are_financial_year_quarters_with_inclusive_ends()
    {
        var q1 = Period.Quarter(2010, 1);
        Assert.Equal((D(2010, 4, 1), D(2010, 6, 30)), (q1.From, q1.To));
        Assert.Equal(91, q1.Days);
        Assert.Equal("Q1 2010/11 (1 Apr 2010 – 30 Jun 2010)", q1.Label);
        Assert.True(q1.Contains(D(2010, 4, 1)));
        Assert.True(q1.Contains(D(2010, 6, 30)));
        Assert.False(q1.Contains(D(2010, 3, 31)));
        Assert.False(q1.Contains(D(2010, 7, 1)));
        Assert.False(q1.Contains((DateOnly?)null));
        var q4 = Period.Quarter(2009, 4);
        Assert.Equal((D(2010, 1, 1), D(2010, 3, 31)), (q4.From, q4.To));
        Assert.Equal(q4, Period.QuarterOf(D(2010, 2, 14)));
    }

    [Fact]
    public void Previous_and_year_earlier_of_a_quarter()
    {
        var q1 = Period.Quarter(2010, 1);
        Assert.Equal(Period.Quarter(2009, 4), q1.Previous());   // Q1 2010/11 → Q4 2009/10
        Assert.Equal(Period.Quarter(2009, 1), q1.YearEarlier()); // → Q1 2009/10
        Assert.Equal(Period.Quarter(2009, 3), Period.Quarter(2009, 4).Previous());
    }

    [Fact]
    public void Previous_and_year_earlier_of_twelve_months()
    {
        var year = Period.Rolling(D(2010, 3, 31), 12);
        Assert.Equal((D(2009, 4, 1), D(2010, 3, 31)), (year.From, year.To));
        Assert.Equal("12 months to 31 Mar 2010", year.Label);
        var prev = year.Previous();
        Assert.Equal((D(2008, 4, 1), D(2009, 3, 31)), (prev.From, prev.To));
        var ye = year.YearEarlier();
        Assert.Equal((D(2008, 4, 1), D(2009, 3, 31)), (ye.From, ye.To));

        // Twelve months to a mid-month date: 16 May 2009 – 15 May 2010; before it 16 May 2008 – 15 May 2009.
        var mid = Period.Rolling(D(2010, 5, 15), 12);
        Assert.Equal((D(2009, 5, 16), D(2010, 5, 15)), (mid.From, mid.To));
        Assert.Equal((D(2008, 5, 16), D(2009, 5, 15)), (mid.Previous().From, mid.Previous().To));
    }

    [Fact]
    public void Previous_of_three_months_that_are_not_a_quarter()
    {
        // 16 Feb – 15 May 2010; previous 16 Nov 2009 – 15 Feb 2010; a year earlier 16 Feb – 15 May 2009.
        var p = Period.Rolling(D(2010, 5, 15), 3);
        Assert.Equal((D(2010, 2, 16), D(2010, 5, 15)), (p.From, p.To));
        Assert.Equal((D(2009, 11, 16), D(2010, 2, 15)), (p.Previous().From, p.Previous().To));
        Assert.Equal((D(2009, 2, 16), D(2009, 5, 15)), (p.YearEarlier().From, p.YearEarlier().To));
    }

    [Fact]
    public void Previous_of_an_arbitrary_range_is_the_same_number_of_days_before_it()
    {
        var p = Period.Parse("2010-01-10..2010-01-19", D(2010, 3, 31));
        Assert.Equal(10, p.Days);
        Assert.Equal((D(2009, 12, 31), D(2010, 1, 9)), (p.Previous().From, p.Previous().To));
        Assert.Equal((D(2009, 1, 10), D(2009, 1, 19)), (p.YearEarlier().From, p.YearEarlier().To));
    }

    [Fact]
    public void Parse_accepts_the_documented_forms()
    {
        var asOf = D(2010, 2, 14);
        Assert.Equal(Period.Quarter(2009, 4), Period.Parse("q", asOf));
        Assert.Equal(Period.Quarter(2010, 3), Period.Parse("2010-Q3", asOf));
        Assert.Equal(Period.Quarter(2010, 3), Period.Parse(" 2010q3 ", asOf));
        Assert.Equal(Period.Rolling(asOf, 12), Period.Parse("12m", asOf));
        var range = Period.Parse("2010-01-01..2010-03-31", asOf);
        Assert.Equal((D(2010, 1, 1), D(2010, 3, 31)), (range.From, range.To));
    }

    [Theory]
    [InlineData("2010-Q5")]
    [InlineData("last year")]
    [InlineData("2010-03-31..2010-01-01")]
    [InlineData("2010-02-30..2010-03-31")]
    [InlineData("12 months")]
    public void Parse_errors_name_the_bad_text(string text)
    {
        var e = Assert.Throws<ActionRefusedException>(() => Period.Parse(text, D(2010, 3, 31)));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("2010-Q3", e.Message, StringComparison.Ordinal); // and show what would do
    }

    [Fact]
    public void A_quarter_outside_1_to_4_is_refused()
    {
        var e = Assert.Throws<ActionRefusedException>(() => Period.Quarter(2010, 5));
        Assert.Contains("Quarter 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_zero_months()
    {
        Assert.Throws<ActionRefusedException>(() => Period.Parse("0m", D(2010, 3, 31)));
    }

    [Fact]
    public void Three_months_to_the_end_of_June_is_April_to_June()
    {
        var p = Period.Rolling(D(2010, 6, 30), 3);
        Assert.Equal((D(2010, 4, 1), D(2010, 6, 30)), (p.From, p.To));
    }
}

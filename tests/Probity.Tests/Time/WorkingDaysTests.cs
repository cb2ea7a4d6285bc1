using Probity.Infrastructure.Time;

namespace Probity.Tests.Time;

public sealed class WorkingDaysTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly DateOnly First = D(2000, 1, 1);
    private static readonly DateOnly Last = D(2035, 12, 31);

    /// <summary>The obvious definition, day by day, to check the index against.</summary>
    private static bool NaiveIsWorkingDay(DateOnly d) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !EnglandAndWalesBankHolidays.IsBankHoliday(d);

    private static int NaiveBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -NaiveBetween(to, from);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (NaiveIsWorkingDay(d)) count++;
        }
        return count;
    }

    [Theory]
    [InlineData(2026, 1, 12, true)]   // Monday
    [InlineData(2026, 1, 16, true)]   // Friday
    [InlineData(2026, 1, 17, false)]  // Saturday
    [InlineData(2026, 1, 18, false)]  // Sunday
    [InlineData(2026, 12, 25, false)] // Christmas Day (Friday)
    [InlineData(2026, 12, 28, false)] // Boxing Day substitute (Monday)
    [InlineData(2026, 12, 29, true)]
    [InlineData(2022, 9, 19, false)]  // State funeral
    [InlineData(2000, 1, 3, false)]   // first day of the range that is a weekday is a substitute holiday
    [InlineData(2000, 1, 4, true)]
    [InlineData(2035, 12, 31, true)]  // Monday
    public void IsWorkingDay(int year, int month, int day, bool expected)
    {
        Assert.Equal(expected, WorkingDays.IsWorkingDay(D(year, month, day)));
    }

    [Fact]
    public void IsWorkingDay_agrees_with_the_definition_on_every_day_of_the_range()
    {
        for (var d = First; d <= Last; d = d.AddDays(1))
        {
            Assert.True(NaiveIsWorkingDay(d) == WorkingDays.IsWorkingDay(d), $"{d:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void Same_day_is_zero()
    {
        Assert.Equal(0, WorkingDays.Between(D(2026, 3, 4), D(2026, 3, 4)));
        Assert.Equal(0, WorkingDays.Between(D(2026, 3, 7), D(2026, 3, 7))); // Saturday
        Assert.Equal(0, WorkingDays.Between(D(2026, 12, 25), D(2026, 12, 25))); // bank holiday
    }

    [Fact]
    public void Friday_to_Monday_is_one()
    {
        Assert.Equal(1, WorkingDays.Between(D(2026, 1, 9), D(2026, 1, 12)));
        Assert.Equal(0, WorkingDays.Between(D(2026, 1, 9), D(2026, 1, 11))); // to Sunday
        Assert.Equal(1, WorkingDays.Between(D(2026, 1, 10), D(2026, 1, 12))); // Saturday start costs nothing
        Assert.Equal(5, WorkingDays.Between(D(2026, 1, 9), D(2026, 1, 16))); // a full week
    }

    [Fact]
    public void Reversed_order_is_negative()
    {
        Assert.Equal(-1, WorkingDays.Between(D(2026, 1, 12), D(2026, 1, 9)));
        Assert.Equal(-WorkingDays.Between(D(2009, 11, 2), D(2010, 2, 3)), WorkingDays.Between(D(2010, 2, 3), D(2009, 11, 2)));
    }

    [Fact]
    public void Christmas_and_Easter_are_skipped()
    {
        // Thu 24 Dec 2026 -> Tue 29 Dec: Fri 25 (Christmas), Sat, Sun, Mon 28 (Boxing substitute) don't count.
        Assert.Equal(1, WorkingDays.Between(D(2026, 12, 24), D(2026, 12, 29)));
        // Christmas 2027 on a Saturday: Fri 24 Dec -> Wed 29 Dec: Mon 27 and Tue 28 are substitutes.
        Assert.Equal(1, WorkingDays.Between(D(2027, 12, 24), D(2027, 12, 29)));
        // Across the year end 2026/27: 29, 30, 31 Dec, (1 Jan holiday), 4 Jan.
        Assert.Equal(4, WorkingDays.Between(D(2026, 12, 28), D(2027, 1, 4)));
        // Thu 2 Apr 2026 -> Tue 7 Apr: Good Friday, weekend, Easter Monday don't count.
        Assert.Equal(1, WorkingDays.Between(D(2026, 4, 2), D(2026, 4, 7)));
        // The 2022 Platinum Jubilee: Wed 1 June -> Mon 6 June = 1 (Thu 2, Fri 3 are holidays).
        Assert.Equal(1, WorkingDays.Between(D(2022, 6, 1), D(2022, 6, 6)));
    }

    [Fact]
    public void Whole_years_have_the_expected_number_of_working_days()
    {
        // 2026: 261 weekdays less 8 bank holidays. 2022: 260 weekdays less 10.
        Assert.Equal(253, WorkingDays.Between(D(2025, 12, 31), D(2026, 12, 31)));
        Assert.Equal(250, WorkingDays.Between(D(2021, 12, 31), D(2022, 12, 31)));
    }

    [Fact]
    public void The_64_working_day_target_from_2_November_2009()
    {
        // Received Mon 2 Nov 2009. Nov 3-30: 20 working days (20). December 2009: 23 weekdays less Christmas
        // (Fri 25) and the Boxing Day substitute (Mon 28) = 21 (41). January 2010: 1 Jan is a holiday;
        // 4-8, 11-15, 18-22, 25-29 = 20 (61). Then 1, 2, 3 February: the 64th is Wed 3 Feb 2010.
        var target = WorkingDays.AddWorkingDays(D(2009, 11, 2), 64);
        Assert.Equal(D(2010, 2, 3), target);
        Assert.Equal(64, WorkingDays.Between(D(2009, 11, 2), target));
        Assert.Equal(63, WorkingDays.Between(D(2009, 11, 2), D(2010, 2, 2)));
    }

    [Fact]
    public void The_43_working_day_local_resolution_target_from_2_November_2009()
    {
        // As above: 41 working days to the end of December, then Mon 4 and Tue 5 January 2010.
        Assert.Equal(D(2010, 1, 5), WorkingDays.AddWorkingDays(D(2009, 11, 2), 43));
    }

    [Fact]
    public void AddWorkingDays_edge_cases()
    {
        Assert.Equal(D(2026, 3, 7), WorkingDays.AddWorkingDays(D(2026, 3, 7), 0)); // zero returns the start, even a Saturday
        Assert.Equal(D(2026, 1, 12), WorkingDays.AddWorkingDays(D(2026, 1, 9), 1)); // Friday + 1 = Monday
        Assert.Equal(D(2026, 1, 12), WorkingDays.AddWorkingDays(D(2026, 1, 10), 1)); // Saturday + 1 = Monday
        Assert.Equal(D(2026, 12, 29), WorkingDays.AddWorkingDays(D(2026, 12, 24), 1)); // over Christmas
        Assert.Equal(D(2026, 4, 7), WorkingDays.AddWorkingDays(D(2026, 4, 2), 1)); // over Easter
        Assert.Equal(D(2035, 12, 31), WorkingDays.AddWorkingDays(D(2035, 12, 28), 1)); // the last day of the range
        Assert.Equal(D(2000, 1, 4), WorkingDays.AddWorkingDays(D(2000, 1, 1), 1)); // Mon 3 Jan 2000 was a holiday
    }

    [Fact]
    public void AddWorkingDays_is_the_inverse_of_Between_on_random_dates()
    {
        var random = new Random(20091102);
        var span = Last.DayNumber - First.DayNumber;
        for (var n = 0; n < 2000; n++)
        {
            var from = First.AddDays(random.Next(span - 400));
            var days = random.Next(1, 250);
            var result = WorkingDays.AddWorkingDays(from, days);
            Assert.True(WorkingDays.IsWorkingDay(result));
            Assert.Equal(days, WorkingDays.Between(from, result));
            Assert.Equal(days - 1, WorkingDays.Between(from, result.AddDays(-1))); // earliest such date
        }
    }

    [Fact]
    public void Between_equals_a_day_by_day_count_on_random_pairs()
    {
        var random = new Random(64043);
        var span = Last.DayNumber - First.DayNumber + 1;
        for (var n = 0; n < 500; n++)
        {
            var a = First.AddDays(random.Next(span));
            // Mix long spans (anywhere in range) with short ones (within a few weeks), which hit the edge cases.
            var b = n % 2 == 0
                ? First.AddDays(random.Next(span))
                : DateOnly.FromDayNumber(Math.Clamp(a.DayNumber + random.Next(-30, 31), First.DayNumber, Last.DayNumber));
            Assert.True(NaiveBetween(a, b) == WorkingDays.Between(a, b), $"{a:yyyy-MM-dd} -> {b:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void Between_over_the_whole_range()
    {
        Assert.Equal(NaiveBetween(First, Last), WorkingDays.Between(First, Last));
        Assert.Equal(-NaiveBetween(First, Last), WorkingDays.Between(Last, First));
    }

    [Fact]
    public void Dates_outside_the_range_throw()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.Between(D(1999, 12, 31), D(2026, 1, 1)));
        Assert.Equal("from", ex.ParamName);
        Assert.Contains("2000-01-01 to 2035-12-31", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.Between(D(2026, 1, 1), D(2036, 1, 1)));
        Assert.Equal("to", ex.ParamName);

        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.IsWorkingDay(D(2036, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.IsWorkingDay(DateOnly.MinValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.AddWorkingDays(D(1999, 12, 31), 5));
    }

    [Fact]
    public void AddWorkingDays_rejects_negative_days_and_results_past_the_range()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.AddWorkingDays(D(2026, 1, 1), -1));
        Assert.Equal("days", ex.ParamName);

        ex = Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.AddWorkingDays(D(2035, 12, 31), 1));
        Assert.Equal("days", ex.ParamName);
        Assert.Contains("2035-12-31", ex.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.AddWorkingDays(D(2035, 11, 1), 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.AddWorkingDays(D(2026, 1, 1), int.MaxValue));
    }
    [Fact]
    public void The_supported_range_is_the_calendar_and_nothing_else()
    {
        Assert.Equal(First, WorkingDays.FirstDate);
        Assert.Equal(Last, WorkingDays.LastDate);
        Assert.True(WorkingDays.Covers(First));
        Assert.True(WorkingDays.Covers(Last));
        Assert.False(WorkingDays.Covers(First.AddDays(-1)));
        Assert.False(WorkingDays.Covers(Last.AddDays(1)));
        Assert.False(WorkingDays.Covers(DateOnly.MinValue));
        Assert.False(WorkingDays.Covers(DateOnly.MaxValue));
        // Every covered date can be counted from and to: Covers is exactly where Between stops throwing.
        Assert.Equal(0, WorkingDays.Between(First, First));
        Assert.Equal(0, WorkingDays.Between(Last, Last));
    }

    [Fact]
    public void A_date_outside_the_calendar_is_refused_naming_the_field_and_the_range()
    {
        var ex = Assert.Throws<Probity.Kernel.ActionRefusedException>(() => WorkingDays.RequireCovered(D(1900, 1, 1), "the received date"));
        Assert.Equal("The received date (1 Jan 1900) is outside the dates Probity can count working days for: 1 Jan 2000 to 31 Dec 2035.", ex.Message);
        Assert.Equal(D(2026, 11, 2), WorkingDays.RequireCovered(D(2026, 11, 2), "the received date"));
        Assert.Null(WorkingDays.OutsideRange(Last, "the as-of date"));
        Assert.Contains("The as-of date (1 Jan 2099)", WorkingDays.OutsideRange(D(2099, 1, 1), "the as-of date"), StringComparison.Ordinal);
    }
}

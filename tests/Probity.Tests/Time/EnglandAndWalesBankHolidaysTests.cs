using Probity.Infrastructure.Time;

namespace Probity.Tests.Time;

/// <summary>
/// Pins <see cref="EnglandAndWalesBankHolidays"/> to the published gov.uk lists (https://www.gov.uk/bank-holidays
/// and its archived predecessors) for full years, including every kind of substitute day and one-off.
/// </summary>
public sealed class EnglandAndWalesBankHolidaysTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Year, then every bank holiday of that year as "MM-dd", as published on gov.uk.</summary>
    public static TheoryData<int, string[]> PublishedYears => new()
    {
        // Christmas Thu/Fri: no substitutes.
        { 2008, ["01-01", "03-21", "03-24", "05-05", "05-26", "08-25", "12-25", "12-26"] },
        // Golden Jubilee: Spring moved to Tue 4 June, extra Mon 3 June.
        { 2002, ["01-01", "03-29", "04-01", "05-06", "06-03", "06-04", "08-26", "12-25", "12-26"] },
        // Christmas Saturday: Mon 27 and Tue 28.
        { 2010, ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"] },
        // New Year Saturday -> Mon 3 Jan; royal wedding; Christmas Sunday -> Boxing Mon 26, substitute Tue 27.
        { 2011, ["01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26", "12-27"] },
        // New Year Sunday -> Mon 2 Jan; Diamond Jubilee: Spring Mon 4 June, extra Tue 5 June.
        { 2012, ["01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26"] },
        // VE Day 75: Early May moved to Fri 8 May; Christmas Friday -> Boxing substitute Mon 28.
        { 2020, ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"] },
        { 2021, ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"] },
        // Platinum Jubilee Thu 2 / Fri 3 June; state funeral 19 Sept; Christmas Sunday.
        { 2022, ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"] },
        // Coronation Mon 8 May as well as Early May Mon 1 May.
        { 2023, ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"] },
        { 2024, ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"] },
        { 2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"] },
        { 2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"] },
        { 2027, ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"] },
        // New Year 2000 was a Saturday -> Mon 3 Jan.
        { 2000, ["01-03", "04-21", "04-24", "05-01", "05-29", "08-28", "12-25", "12-26"] },
    };

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void For_matches_the_published_list(int year, string[] expected)
    {
        var actual = EnglandAndWalesBankHolidays.For(year).Select(h => h.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void IsBankHoliday_agrees_with_the_published_list_for_every_day_of_the_year(int year, string[] expected)
    {
        var expectedDates = expected.Select(md => D(year, int.Parse(md[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(md[3..], System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();
        for (var d = D(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            Assert.True(expectedDates.Contains(d) == EnglandAndWalesBankHolidays.IsBankHoliday(d), $"{d:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void For_lists_names_including_substitutes_and_one_offs()
    {
        Assert.Equal(
            [
                (D(2022, 1, 3), "New Year's Day (substitute day)"),
                (D(2022, 4, 15), "Good Friday"),
                (D(2022, 4, 18), "Easter Monday"),
                (D(2022, 5, 2), "Early May bank holiday"),
                (D(2022, 6, 2), "Spring bank holiday"),
                (D(2022, 6, 3), "Platinum Jubilee bank holiday"),
                (D(2022, 8, 29), "Summer bank holiday"),
                (D(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
                (D(2022, 12, 26), "Boxing Day"),
                (D(2022, 12, 27), "Christmas Day (substitute day)"),
            ],
            EnglandAndWalesBankHolidays.For(2022));

        Assert.Contains((D(2010, 12, 27), "Christmas Day (substitute day)"), EnglandAndWalesBankHolidays.For(2010));
        Assert.Contains((D(2010, 12, 28), "Boxing Day (substitute day)"), EnglandAndWalesBankHolidays.For(2010));
        Assert.Contains((D(2020, 12, 28), "Boxing Day (substitute day)"), EnglandAndWalesBankHolidays.For(2020));
        Assert.Contains((D(2020, 5, 8), "Early May bank holiday (VE day)"), EnglandAndWalesBankHolidays.For(2020));
        Assert.Contains((D(2023, 5, 8), "Bank holiday for the coronation of King Charles III"), EnglandAndWalesBankHolidays.For(2023));
        Assert.Contains(EnglandAndWalesBankHolidays.For(2011), h => h.Date == D(2011, 4, 29) && h.Name.Contains("Wedding", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2001, 4, 15)]
    [InlineData(2008, 3, 23)] // earliest of the range
    [InlineData(2011, 4, 24)] // latest of the range
    [InlineData(2016, 3, 27)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2035, 3, 25)]
    [InlineData(1818, 3, 22)] // the algorithm's extremes, outside the supported range
    [InlineData(2285, 3, 22)]
    [InlineData(1943, 4, 25)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_uses_the_Gregorian_computus(int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), EnglandAndWalesBankHolidays.EasterSunday(year));
    }

    [Fact]
    public void Every_year_has_Good_Friday_and_Easter_Monday_around_Easter_Sunday()
    {
        for (var year = EnglandAndWalesBankHolidays.FirstYear; year <= EnglandAndWalesBankHolidays.LastYear; year++)
        {
            var easter = EnglandAndWalesBankHolidays.EasterSunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.True(easter >= D(year, 3, 22) && easter <= D(year, 4, 25));
            Assert.Contains((easter.AddDays(-2), "Good Friday"), EnglandAndWalesBankHolidays.For(year));
            Assert.Contains((easter.AddDays(1), "Easter Monday"), EnglandAndWalesBankHolidays.For(year));
        }
    }

    [Fact]
    public void Every_year_is_sorted_on_weekdays_and_has_eight_days_except_the_one_off_years()
    {
        int[] extraDayYears = [2002, 2011, 2012, 2023];
        for (var year = EnglandAndWalesBankHolidays.FirstYear; year <= EnglandAndWalesBankHolidays.LastYear; year++)
        {
            var list = EnglandAndWalesBankHolidays.For(year);
            var expectedCount = year == 2022 ? 10 : extraDayYears.Contains(year) ? 9 : 8;
            Assert.Equal(expectedCount, list.Count);
            Assert.Equal(list.OrderBy(h => h.Date), list);
            Assert.Equal(list.Count, list.Select(h => h.Date).Distinct().Count());
            Assert.All(list, h =>
            {
                Assert.Equal(year, h.Date.Year);
                Assert.NotEqual(DayOfWeek.Saturday, h.Date.DayOfWeek);
                Assert.NotEqual(DayOfWeek.Sunday, h.Date.DayOfWeek);
                Assert.True(EnglandAndWalesBankHolidays.IsBankHoliday(h.Date));
            });
        }
    }

    [Theory]
    [InlineData(2005, 1, 3)]   // New Year Saturday -> Monday 3
    [InlineData(2006, 1, 2)]   // New Year Sunday -> Monday 2
    [InlineData(2017, 1, 2)]
    [InlineData(2033, 1, 3)]
    [InlineData(2034, 1, 2)]
    [InlineData(2004, 12, 27)] // Christmas Saturday -> Mon 27, Tue 28
    [InlineData(2004, 12, 28)]
    [InlineData(2005, 12, 26)] // Christmas Sunday -> Boxing Mon 26, substitute Tue 27
    [InlineData(2005, 12, 27)]
    [InlineData(2009, 12, 28)] // Christmas Friday -> Boxing Day substitute Mon 28
    [InlineData(2015, 12, 28)]
    [InlineData(2032, 12, 27)]
    [InlineData(2032, 12, 28)]
    [InlineData(2033, 12, 26)]
    [InlineData(2033, 12, 27)]
    public void Substitute_days_are_bank_holidays(int year, int month, int day)
    {
        Assert.True(EnglandAndWalesBankHolidays.IsBankHoliday(D(year, month, day)));
    }

    [Theory]
    [InlineData(2005, 1, 1)]   // the weekend days themselves are not listed as bank holidays
    [InlineData(2005, 1, 4)]
    [InlineData(2006, 1, 3)]
    [InlineData(2004, 12, 25)]
    [InlineData(2004, 12, 29)]
    [InlineData(2005, 12, 28)]
    [InlineData(2009, 12, 29)]
    [InlineData(2020, 5, 4)]   // the usual Early May Monday, moved in 2020
    [InlineData(2002, 5, 27)]  // the usual Spring Mondays, moved in jubilee years
    [InlineData(2012, 5, 28)]
    [InlineData(2022, 5, 30)]
    [InlineData(2000, 1, 1)]
    [InlineData(2035, 12, 31)]
    public void Ordinary_days_near_substitutes_and_moved_holidays_are_not_bank_holidays(int year, int month, int day)
    {
        Assert.False(EnglandAndWalesBankHolidays.IsBankHoliday(D(year, month, day)));
    }

    [Theory]
    [InlineData(1999, 12, 31)] // the millennium holiday is outside the range
    [InlineData(1995, 5, 8)]
    [InlineData(2036, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void IsBankHoliday_outside_the_range_throws(int year, int month, int day)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EnglandAndWalesBankHolidays.IsBankHoliday(D(year, month, day)));
        Assert.Equal("date", ex.ParamName);
        Assert.Contains("2000-01-01 to 2035-12-31", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2036)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void For_outside_the_range_throws(int year)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EnglandAndWalesBankHolidays.For(year));
        Assert.Equal("year", ex.ParamName);
        Assert.Contains("2000 to 2035", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_range_constants_match_the_supported_dates()
    {
        Assert.Equal(2000, EnglandAndWalesBankHolidays.FirstYear);
        Assert.Equal(2035, EnglandAndWalesBankHolidays.LastYear);
        Assert.Equal(D(2000, 1, 1), EnglandAndWalesBankHolidays.FirstDate);
        Assert.Equal(D(2035, 12, 31), EnglandAndWalesBankHolidays.LastDate);
        Assert.NotEmpty(EnglandAndWalesBankHolidays.For(2000));
        Assert.NotEmpty(EnglandAndWalesBankHolidays.For(2035));
    }
}

using System.Collections.ObjectModel;
using System.Globalization;

namespace Probity.Infrastructure.Time;

/// <summary>
/// Bank holidays in England and Wales, 2000 to 2035 inclusive, computed from the statutory rules plus the
/// one-off proclamations of the period (jubilees, the 2011 royal wedding, VE Day 75, the state funeral of
/// Queen Elizabeth II and the coronation of King Charles III).
/// </summary>
/// <remarks>
/// <para>
/// Why this exists: professional-standards timeliness targets (DPS/IOPC guidance) count <em>working</em> days,
/// so every deadline and every "days taken" figure depends on knowing which days were bank holidays. No NuGet
/// package is available to us and the gov.uk feed only covers a few years either side of today, whereas case
/// histories go back to 2000, so the rules are encoded here and pinned by tests against the published lists.
/// </para>
/// <para>
/// Only the days off are listed (as gov.uk does): when Christmas Day falls on a Saturday the list holds
/// "Christmas Day (substitute day)" on Monday 27 and "Boxing Day (substitute day)" on Tuesday 28, not 25 and 26.
/// Years after the last published gov.uk list follow the standing rules; a future one-off proclamation means
/// adding it to <see cref="OneOffs"/>.
/// </para>
/// <para>
/// Everything is precomputed at type initialisation into a flat per-day flag array covering the whole range,
/// so <see cref="IsBankHoliday"/> is a bounds check and an array read: it sits in hot loops over 100k+ cases.
/// </para>
/// </remarks>
internal static class EnglandAndWalesBankHolidays
{
    /// <summary>First calendar year covered.</summary>
    public const int FirstYear = 2000;

    /// <summary>Last calendar year covered.</summary>
    public const int LastYear = 2035;

    /// <summary>1 January of <see cref="FirstYear"/>: the first supported date.</summary>
    public static readonly DateOnly FirstDate = new(FirstYear, 1, 1);

    /// <summary>31 December of <see cref="LastYear"/>: the last supported date.</summary>
    public static readonly DateOnly LastDate = new(LastYear, 12, 31);

    internal const string NewYearsDay = "New Year's Day";
    internal const string GoodFriday = "Good Friday";
    internal const string EasterMonday = "Easter Monday";
    internal const string EarlyMay = "Early May bank holiday";
    internal const string EarlyMayVeDay = "Early May bank holiday (VE day)";
    internal const string SpringBankHoliday = "Spring bank holiday";
    internal const string SummerBankHoliday = "Summer bank holiday";
    internal const string ChristmasDay = "Christmas Day";
    internal const string BoxingDay = "Boxing Day";
    internal const string SubstituteSuffix = " (substitute day)";

    /// <summary>Extra days proclaimed for a single year, on top of the standing rules.</summary>
    private static readonly (DateOnly Date, string Name)[] OneOffs =
    [
        (new DateOnly(2002, 6, 3), "Golden Jubilee bank holiday"),
        (new DateOnly(2011, 4, 29), "Wedding of Prince William and Catherine Middleton"),
        (new DateOnly(2012, 6, 5), "Queen's Diamond Jubilee"),
        (new DateOnly(2022, 6, 3), "Platinum Jubilee bank holiday"),
        (new DateOnly(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
        (new DateOnly(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ];

    private static readonly int FirstDayNumber = FirstDate.DayNumber;

    // Textual order matters: both of these are built from the constants and fields above.
    private static readonly ReadOnlyCollection<(DateOnly Date, string Name)>[] ByYear = BuildAllYears();
    private static readonly bool[] Flags = BuildFlags(ByYear);

    /// <summary>True when <paramref name="date"/> is a bank holiday (a day off) in England and Wales.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 2000-01-01 or after 2035-12-31.</exception>
    public static bool IsBankHoliday(DateOnly date)
    {
        var offset = (uint)(date.DayNumber - FirstDayNumber);
        if (offset >= (uint)Flags.Length) throw DateOutOfRange(nameof(date), date);
        return Flags[offset];
    }

    /// <summary>The bank holidays of <paramref name="year"/>, in date order, with their gov.uk-style names.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000 to 2035.</exception>
    public static IReadOnlyList<(DateOnly Date, string Name)> For(int year)
    {
        if (year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year,
                string.Create(CultureInfo.InvariantCulture,
                    $"England and Wales bank holidays are only known for {FirstYear} to {LastYear}; {year} is outside that range."));
        }
        return ByYear[year - FirstYear];
    }

    /// <summary>
    /// Easter Sunday in the Gregorian calendar by the anonymous (Meeus/Jones/Butcher) algorithm. Valid for any
    /// Gregorian year, so it is not limited to the supported range.
    /// </summary>
    internal static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    internal static ArgumentOutOfRangeException DateOutOfRange(string paramName, DateOnly date) =>
        new(paramName, date,
            string.Create(CultureInfo.InvariantCulture,
                $"{date:yyyy-MM-dd} is outside the supported range {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd} for England and Wales bank holidays and working days."));

    private static ReadOnlyCollection<(DateOnly Date, string Name)>[] BuildAllYears()
    {
        var all = new ReadOnlyCollection<(DateOnly Date, string Name)>[LastYear - FirstYear + 1];
        for (var year = FirstYear; year <= LastYear; year++)
        {
            all[year - FirstYear] = Array.AsReadOnly(Compute(year));
        }
        return all;
    }

    private static bool[] BuildFlags(ReadOnlyCollection<(DateOnly Date, string Name)>[] byYear)
    {
        var flags = new bool[LastDate.DayNumber - FirstDayNumber + 1];
        foreach (var year in byYear)
        {
            foreach (var (date, _) in year) flags[date.DayNumber - FirstDayNumber] = true;
        }
        return flags;
    }

    /// <summary>Applies the standing rules and the one-offs to a single year.</summary>
    private static (DateOnly Date, string Name)[] Compute(int year)
    {
        var days = new List<(DateOnly Date, string Name)>(10);

        // New Year's Day: a weekend 1 January moves to the following Monday (Sat -> Mon 3, Sun -> Mon 2).
        var newYear = new DateOnly(year, 1, 1);
        days.Add(IsWeekend(newYear) ? (NextMonday(newYear), NewYearsDay + SubstituteSuffix) : (newYear, NewYearsDay));

        var easter = EasterSunday(year);
        days.Add((easter.AddDays(-2), GoodFriday));
        days.Add((easter.AddDays(1), EasterMonday));

        // Early May: first Monday of May, except 2020 when it moved to Friday 8 May for VE Day 75.
        days.Add(year == 2020 ? (new DateOnly(2020, 5, 8), EarlyMayVeDay) : (FirstMonday(year, 5), EarlyMay));

        // Spring: last Monday of May, except the jubilee years when it moved into June (the extra jubilee day
        // itself is in OneOffs).
        days.Add(year switch
        {
            2002 => (new DateOnly(2002, 6, 4), SpringBankHoliday),
            2012 => (new DateOnly(2012, 6, 4), SpringBankHoliday),
            2022 => (new DateOnly(2022, 6, 2), SpringBankHoliday),
            _ => (LastMonday(year, 5), SpringBankHoliday),
        });

        days.Add((LastMonday(year, 8), SummerBankHoliday));

        // Christmas and Boxing Day: whichever falls at a weekend is replaced by the next weekday not already
        // a holiday. Sat 25 -> Mon 27 + Tue 28; Sun 25 -> Mon 26 (Boxing) + Tue 27 (Christmas substitute);
        // Fri 25 -> Sat 26 replaced by Mon 28.
        var christmas = new DateOnly(year, 12, 25);
        switch (christmas.DayOfWeek)
        {
            case DayOfWeek.Saturday:
                days.Add((new DateOnly(year, 12, 27), ChristmasDay + SubstituteSuffix));
                days.Add((new DateOnly(year, 12, 28), BoxingDay + SubstituteSuffix));
                break;
            case DayOfWeek.Sunday:
                days.Add((new DateOnly(year, 12, 26), BoxingDay));
                days.Add((new DateOnly(year, 12, 27), ChristmasDay + SubstituteSuffix));
                break;
            case DayOfWeek.Friday:
                days.Add((christmas, ChristmasDay));
                days.Add((new DateOnly(year, 12, 28), BoxingDay + SubstituteSuffix));
                break;
            default:
                days.Add((christmas, ChristmasDay));
                days.Add((new DateOnly(year, 12, 26), BoxingDay));
                break;
        }

        foreach (var oneOff in OneOffs)
        {
            if (oneOff.Date.Year == year) days.Add(oneOff);
        }

        days.Sort(static (x, y) => x.Date.CompareTo(y.Date));
        return [.. days];
    }

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>The first Monday strictly after <paramref name="d"/>.</summary>
    private static DateOnly NextMonday(DateOnly d)
    {
        var ahead = ((int)DayOfWeek.Monday - (int)d.DayOfWeek + 7) % 7;
        return d.AddDays(ahead == 0 ? 7 : ahead);
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}

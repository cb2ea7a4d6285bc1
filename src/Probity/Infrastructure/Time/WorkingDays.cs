using System.Globalization;
using Probity.Kernel;

namespace Probity.Infrastructure.Time;

/// <summary>
/// Working-day arithmetic for England and Wales: Monday to Friday, excluding bank holidays
/// (<see cref="EnglandAndWalesBankHolidays"/>), for dates from 2000-01-01 to 2035-12-31.
/// </summary>
/// <remarks>
/// <para>
/// Why: the DPS timeliness targets are set in working days, not calendar days (64 working days from receipt
/// to finalisation for all cases, 43 working days for cases dealt with by local resolution), so elapsed time,
/// deadlines and overdue flags must skip weekends and bank holidays, and a case straddling Christmas or Easter
/// must not look late merely because the calendar moved on.
/// </para>
/// <para>
/// Why an index: these figures are computed for every case in reports over 100k+ cases and over spans of
/// years, so a day-by-day loop is too slow. At type initialisation we build a cumulative count of working days
/// for every date in range (one int per day, about 13k entries) and the list of working dates in order; then
/// <see cref="Between"/> is a subtraction and <see cref="AddWorkingDays"/> is an array read.
/// </para>
/// </remarks>
internal static class WorkingDays
{
    private static readonly int FirstDayNumber = EnglandAndWalesBankHolidays.FirstDate.DayNumber;

    /// <summary>The first date working days are known for: no date before it can be counted from or to.</summary>
    public static DateOnly FirstDate => EnglandAndWalesBankHolidays.FirstDate;

    /// <summary>The last date working days are known for.</summary>
    public static DateOnly LastDate => EnglandAndWalesBankHolidays.LastDate;

    /// <summary>
    /// Whether <paramref name="d"/> lies in the calendar (<see cref="FirstDate"/> to <see cref="LastDate"/>). This is the one
    /// definition of the dates Probity accepts: every date a person, a system or a file gives is checked against it,
    /// and a stored date outside it is a data-quality warning, never an exception (ADR "Dates outside the working-day calendar").
    /// </summary>
    public static bool Covers(DateOnly d) => d >= FirstDate && d <= LastDate;

    /// <summary>The supported range in words, for messages: "1 Jan 2000 to 31 Dec 2035".</summary>
    public static string SupportedRange => string.Create(CultureInfo.InvariantCulture, $"{FirstDate:d MMM yyyy} to {LastDate:d MMM yyyy}");

    /// <summary>Why <paramref name="d"/> cannot be used as <paramref name="what"/> ("the received date"), or null when it can.</summary>
    public static string? OutsideRange(DateOnly d, string what) => Covers(d) ? null : string.Create(CultureInfo.InvariantCulture,
        $"{Capitalised(what)} ({d:d MMM yyyy}) is outside the dates Probity can count working days for: {SupportedRange}.");

    /// <summary>Refuses a date given by a person, a system or a command line that lies outside the calendar, naming the field and the range.</summary>
    /// <exception cref="ActionRefusedException">The date is outside <see cref="FirstDate"/> to <see cref="LastDate"/>.</exception>
    public static DateOnly RequireCovered(DateOnly d, string what) =>
        OutsideRange(d, what) is { } problem ? throw new ActionRefusedException(problem) : d;

    private static string Capitalised(string what) => what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];

    /// <summary>
    /// <c>Cumulative[i]</c> = number of working days in [FirstDate, FirstDate + i] (inclusive), so the working
    /// days in (a, b] are <c>Cumulative[b] - Cumulative[a]</c>.
    /// </summary>
    private static readonly int[] Cumulative = BuildCumulative(out WorkingDayNumbers);

    /// <summary>
    /// <c>WorkingDayNumbers[n - 1]</c> = <see cref="DateOnly.DayNumber"/> of the n-th working day in range, i.e. the
    /// (only) working date whose <see cref="Cumulative"/> value is n.
    /// </summary>
    private static readonly int[] WorkingDayNumbers;

    /// <summary>True when <paramref name="d"/> is a Monday to Friday that is not a bank holiday.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside 2000-01-01 to 2035-12-31.</exception>
    public static bool IsWorkingDay(DateOnly d)
    {
        var i = Offset(d, nameof(d));
        return Cumulative[i] != (i == 0 ? 0 : Cumulative[i - 1]);
    }

    /// <summary>
    /// Working days elapsed from <paramref name="from"/> to <paramref name="to"/>: the number of working days
    /// in (from, to]. The same day is 0, Friday to the following Monday is 1, and a non-working start day costs
    /// nothing (Saturday to Monday is 1). Negative when <paramref name="to"/> is before <paramref name="from"/>
    /// (equal to <c>-Between(to, from)</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Either date is outside 2000-01-01 to 2035-12-31.</exception>
    public static int Between(DateOnly from, DateOnly to) =>
        Cumulative[Offset(to, nameof(to))] - Cumulative[Offset(from, nameof(from))];

    /// <summary>
    /// The date on which <paramref name="days"/> working days have elapsed since <paramref name="from"/>: the
    /// earliest working day <c>r</c> with <c>Between(from, r) == days</c>. For example the 64-working-day
    /// target date of a case received on <paramref name="from"/> is <c>AddWorkingDays(from, 64)</c>.
    /// <paramref name="days"/> = 0 returns <paramref name="from"/> unchanged, even if it is not a working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="days"/> is negative, <paramref name="from"/> is outside 2000-01-01 to 2035-12-31, or the
    /// result would fall after 2035-12-31.
    /// </exception>
    public static DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var start = Cumulative[Offset(from, nameof(from))];
        if (days == 0) return from;
        var ordinal = (long)start + days;
        if (ordinal > WorkingDayNumbers.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, string.Create(CultureInfo.InvariantCulture,
                $"Adding {days} working days to {from:yyyy-MM-dd} goes past {EnglandAndWalesBankHolidays.LastDate:yyyy-MM-dd}, the end of the supported range {EnglandAndWalesBankHolidays.FirstDate:yyyy-MM-dd} to {EnglandAndWalesBankHolidays.LastDate:yyyy-MM-dd}."));
        }
        return DateOnly.FromDayNumber(WorkingDayNumbers[ordinal - 1]);
    }

    private static int Offset(DateOnly d, string paramName)
    {
        var offset = (uint)(d.DayNumber - FirstDayNumber);
        if (offset >= (uint)Cumulative.Length) throw EnglandAndWalesBankHolidays.DateOutOfRange(paramName, d);
        return (int)offset;
    }

    private static int[] BuildCumulative(out int[] workingDayNumbers)
    {
        var first = EnglandAndWalesBankHolidays.FirstDate;
        var length = EnglandAndWalesBankHolidays.LastDate.DayNumber - first.DayNumber + 1;
        var cumulative = new int[length];
        var working = new List<int>(length * 5 / 7);
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            var d = first.AddDays(i);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !EnglandAndWalesBankHolidays.IsBankHoliday(d))
            {
                count++;
                working.Add(d.DayNumber);
            }
            cumulative[i] = count;
        }
        workingDayNumbers = [.. working];
        return cumulative;
    }
}

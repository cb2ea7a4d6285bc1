using System.Globalization;
using System.Text.RegularExpressions;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.Performance.Measures;

/// <summary>
/// A reporting period: whole days, both ends inclusive. Quarters are the police financial-year quarters
/// (Q1 = April–June), as the IPCC's quarterly tables use.
/// </summary>
internal sealed partial record Period(DateOnly From, DateOnly To, string Label)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly d) => d >= From && d <= To;

    public bool Contains(DateOnly? d) => d is { } x && Contains(x);

    /// <summary>
    /// Refuses a period that starts or ends outside the working-day calendar: the figures asked for could not be
    /// counted. (The comparison and trend periods before it may start earlier: no stored date falls there.)
    /// </summary>
    public Period RequireCovered()
    {
        if (!WorkingDays.Covers(From) || !WorkingDays.Covers(To))
            throw new ActionRefusedException($"The period {Label} is outside the dates Probity can count working days for: {WorkingDays.SupportedRange}.");
        return this;
    }

    /// <summary>
    /// Set when this period is the first days of a longer one (<see cref="SoFar"/>): the whole period it is part of.
    /// Its comparisons are then the same first days of the periods before, so a quarter in progress is never set
    /// against whole quarters (docs/adr/0006-performance-measures.md).
    /// </summary>
    public Period? PartOf { get; init; }

    /// <summary>Whether this period stops short of the period it is part of (the quarter is not over).</summary>
    public bool Incomplete => PartOf is { } whole && To < whole.To;

    /// <summary>
    /// The period as far as <paramref name="asOf"/> when it is still running (its first days, like with like);
    /// unchanged when it is over, or has not begun.
    /// </summary>
    public Period SoFar(DateOnly asOf) =>
        asOf >= From && asOf < To ? new Period(From, asOf, $"{ShortLabel()} to date ({From:d MMM yyyy} – {asOf:d MMM yyyy})") { PartOf = this } : this;

    /// <summary>The first <paramref name="days"/> days of a period, standing for it in a comparison.</summary>
    private static Period FirstDays(Period whole, int days)
    {
        var to = whole.From.AddDays(days - 1) < whole.To ? whole.From.AddDays(days - 1) : whole.To;
        return to == whole.To ? whole : new Period(whole.From, to, $"{whole.ShortLabel()}, first {days} days ({whole.From:d MMM yyyy} – {to:d MMM yyyy})") { PartOf = whole };
    }

    /// <summary>The label without its dates: "Q3 2010/11".</summary>
    private string ShortLabel() => Label.IndexOf(" (", StringComparison.Ordinal) is var at and > 0 ? Label[..at] : Label;

    /// <summary>The period of the same length immediately before this one ("last quarter" for a quarter).</summary>
    public Period Previous()
    {
        if (PartOf is { } whole) return FirstDays(whole.Previous(), Days);
        if (IsQuarter(out var fy, out var q)) return Quarter(q == 1 ? fy - 1 : fy, q == 1 ? 4 : q - 1);
        var months = Months();
        if (months > 0) return Rolling(From.AddDays(-1), months);
        return new Period(From.AddDays(-Days), From.AddDays(-1), $"{From.AddDays(-Days):d MMM yyyy} – {From.AddDays(-1):d MMM yyyy}");
    }

    /// <summary>The same period a year earlier.</summary>
    public Period YearEarlier()
    {
        if (PartOf is { } whole) return FirstDays(whole.YearEarlier(), Days);
        if (IsQuarter(out var fy, out var q)) return Quarter(fy - 1, q);
        var months = Months();
        return months > 0 ? Rolling(To.AddYears(-1), months) : new Period(From.AddYears(-1), To.AddYears(-1), $"{From.AddYears(-1):d MMM yyyy} – {To.AddYears(-1):d MMM yyyy}");
    }

    /// <summary>The N months ending on (and including) <paramref name="asOf"/>.</summary>
    public static Period Rolling(DateOnly asOf, int months)
    {
        if (months is < 1 or > 120) throw new ActionRefusedException($"A rolling period is 1 to 120 months, not {months}.");
        if (asOf.Year is < 12 or > 9998) throw new ActionRefusedException($"{asOf:d MMM yyyy} is not a date a period can end on.");
        // Count back from the day after: 3 months to 30 June is 1 April – 30 June, whatever the month lengths.
        return new(asOf.AddDays(1).AddMonths(-months), asOf, $"{months} months to {asOf:d MMM yyyy}");
    }

    /// <summary>Financial year <paramref name="fy"/> (starting April fy), quarter 1–4.</summary>
    public static Period Quarter(int fy, int q)
    {
        if (q is < 1 or > 4) throw new ActionRefusedException($"Quarter {q} does not exist: quarters are 1 to 4.");
        if (fy is < 1 or > 9998) throw new ActionRefusedException($"{fy} is not a financial year.");
        var from = new DateOnly(fy, 4, 1).AddMonths(3 * (q - 1));
        return new Period(from, from.AddMonths(3).AddDays(-1), $"Q{q} {fy}/{(fy + 1) % 100:00} ({from:d MMM yyyy} – {from.AddMonths(3).AddDays(-1):d MMM yyyy})");
    }

    /// <summary>The financial quarter containing a date.</summary>
    public static Period QuarterOf(DateOnly d)
    {
        var fy = d.Month >= 4 ? d.Year : d.Year - 1;
        var q = ((d.Month + 8) % 12) / 3 + 1;
        return Quarter(fy, q);
    }

    /// <summary>
    /// Parses "12m" / "3m" (rolling, ending at <paramref name="asOf"/>), "q" (the quarter containing asOf),
    /// "2010-Q3" (financial year 2010/11, quarter 3) or "2010-01-01..2010-03-31".
    /// </summary>
    public static Period Parse(string text, DateOnly asOf)
    {
        var t = text.Trim();
        if (RollingPattern().Match(t) is { Success: true } m) return Rolling(asOf, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        if (t.Equals("q", StringComparison.OrdinalIgnoreCase)) return QuarterOf(asOf);
        if (QuarterPattern().Match(t) is { Success: true } q)
            return Quarter(int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(q.Groups[2].Value, CultureInfo.InvariantCulture));
        var parts = t.Split("..");
        if (parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var from) && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", out var to) && from <= to)
            return new Period(from, to, $"{from:d MMM yyyy} – {to:d MMM yyyy}");
        throw new ActionRefusedException($"'{text}' is not a period. Use 12m (rolling months to the as-of date), q (its quarter), 2010-Q3 (financial year 2010/11, quarter 3) or 2010-01-01..2010-03-31.");
    }

    private bool IsQuarter(out int fy, out int q)
    {
        var candidate = QuarterOf(From);
        fy = candidate.From.Month >= 4 ? candidate.From.Year : candidate.From.Year - 1;
        q = ((candidate.From.Month + 8) % 12) / 3 + 1;
        return candidate.From == From && candidate.To == To;
    }

    private int Months()
    {
        for (var m = 1; m <= 120; m++)
            if (To.AddDays(1).AddMonths(-m) == From) return m;
        return 0;
    }

    [GeneratedRegex(@"^(\d{1,3})m$", RegexOptions.IgnoreCase)]
    private static partial Regex RollingPattern();

    [GeneratedRegex(@"^(\d{4})-?Q([1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();
}

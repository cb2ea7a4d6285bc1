using System.CommandLine;
using System.CommandLine.Parsing;
using Probity.Kernel;
using Probity.Infrastructure.Time;

namespace Probity.Infrastructure;

/// <summary>
/// Checks on command-line values made while parsing, before anything else happens (before the store is opened or
/// anyone is asked who they are): a date outside the working-day calendar is refused with the option's name and the
/// range, exit 2, like every other refusal.
/// </summary>
internal static class CliInput
{
    public static Option<DateOnly> InCalendar(this Option<DateOnly> option)
    {
        option.Validators.Add(r => Check(r, r.GetValueOrDefault<DateOnly>(), option.Name));
        return option;
    }

    public static Option<DateOnly?> InCalendar(this Option<DateOnly?> option)
    {
        option.Validators.Add(r => { if (r.GetValueOrDefault<DateOnly?>() is { } d) Check(r, d, option.Name); });
        return option;
    }

    public static Option<DateTimeOffset?> InCalendar(this Option<DateTimeOffset?> option)
    {
        option.Validators.Add(r => { if (r.GetValueOrDefault<DateTimeOffset?>() is { } t) Check(r, DateOnly.FromDateTime(t.UtcDateTime), option.Name); });
        return option;
    }

    /// <summary>A further check on a parsed value that throws a refusal; the refusal becomes the parse error.</summary>
    public static Option<T> Refusing<T>(this Option<T> option, Action<T, OptionResult> check)
    {
        option.Validators.Add(r =>
        {
            try { check(r.GetValueOrDefault<T>(), r); }
            catch (ActionRefusedException ex) { r.AddError(ex.Message); }
        });
        return option;
    }

    private static void Check(OptionResult result, DateOnly date, string name)
    {
        if (WorkingDays.OutsideRange(date, name) is { } problem) result.AddError(problem);
    }
}

using System.Globalization;
using Probity.Kernel;

namespace Probity.Registers;

/// <summary>
/// Dates on the registers are never counted in working days (as PIF-1's staff and interest dates are not), so they need
/// not lie in the working-day calendar: a clearance granted today runs past 2035. They must still be dates a register
/// can hold, so a typing slip (year 0202, 20266) is refused naming the field.
/// </summary>
internal static class RegisterDates
{
    public static readonly DateOnly Earliest = new(1950, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static string? Problem(DateOnly d, string field) => d < Earliest || d > Latest
        ? string.Create(CultureInfo.InvariantCulture, $"{field}: {d:d MMM yyyy} is not a date the register can hold ({Earliest:d MMM yyyy} to {Latest:d MMM yyyy}).")
        : null;

    public static DateOnly Require(DateOnly d, string field) => Problem(d, field) is { } p ? throw new ActionRefusedException(p) : d;
}

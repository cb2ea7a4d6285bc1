namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// The force's wall clock (Europe/London) for out-of-hours and "which day". Detection turns it into UTC offset
/// ranges once per run, so the per-event work is a comparison, not a time-zone lookup.
/// </summary>
internal static class LondonTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The UTC intervals within [from, to) in which London is ahead of UTC, and by how much.</summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To, TimeSpan Offset)> OffsetRanges(DateTimeOffset from, DateTimeOffset to)
    {
        var ranges = new List<(DateTimeOffset, DateTimeOffset, TimeSpan)>();
        var cursor = from;
        var current = Zone.GetUtcOffset(cursor);
        var start = cursor;
        // Steps to each whole UTC hour find every change (the UK changes on the hour) without touching adjustment
        // rules, also for a window that does not start on the hour.
        while (cursor < to)
        {
            var next = new DateTimeOffset(cursor.UtcDateTime.Date.AddHours(cursor.UtcDateTime.Hour + 1), TimeSpan.Zero);
            var offset = Zone.GetUtcOffset(next);
            if (offset != current || next >= to)
            {
                if (current != TimeSpan.Zero) ranges.Add((start, next < to ? next : to, current));
                start = next;
                current = offset;
            }
            cursor = next;
        }
        return ranges;
    }
}

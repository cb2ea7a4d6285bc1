using Probity.AccessMonitoring.Detection;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// Which day the hourly job detects: the last London day that ended at least the rules' hours-before-a-making ago, so a
/// write-up made in those hours is in the store when the day is examined; every day is due for a whole day of tries,
/// whatever the setting and across the clock changes.
/// </summary>
public sealed class DailyDetectionTests
{
    [Theory]
    [InlineData("2026-12-02T11:59:00Z", 12, "2026-11-30")] // before noon: yesterday's write-ups may still come
    [InlineData("2026-12-02T12:00:00Z", 12, "2026-12-01")]
    [InlineData("2026-12-02T23:59:00Z", 12, "2026-12-01")]
    [InlineData("2026-12-03T11:59:00Z", 12, "2026-12-01")] // still due until the next is
    [InlineData("2026-12-02T00:30:00Z", 0, "2026-12-01")]
    [InlineData("2026-12-02T12:00:00Z", 24, "2026-11-30")] // a day or more of waiting still leaves every day due
    [InlineData("2026-12-02T12:00:00Z", 72, "2026-11-28")]
    [InlineData("2026-03-29T11:59:00Z", 12, "2026-03-27")] // clocks go forward at 01:00 GMT on 29 March
    [InlineData("2026-03-29T12:00:00Z", 12, "2026-03-28")] // 13:00 BST: 28 March ended at 00:00 GMT, twelve hours ago
    [InlineData("2026-10-25T10:59:00Z", 12, "2026-10-23")] // clocks go back at 01:00 GMT on 25 October
    [InlineData("2026-10-25T11:00:00Z", 12, "2026-10-24")] // 11:00 GMT: 24 October ended at 23:00 GMT, twelve hours ago
    public void The_day_due_is_the_last_that_ended_the_rules_hours_ago(string now, int hoursBefore, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            DailyDetection.DayDue(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), hoursBefore));
}

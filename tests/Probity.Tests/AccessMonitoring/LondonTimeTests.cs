using Probity.AccessMonitoring.Detection;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>"Which day" and "out of hours" are London wall-clock questions, including on the two days a year the clocks change.</summary>
public sealed class LondonTimeTests
{
    [Theory]
    [InlineData("2026-01-15", "2026-01-15T00:00:00Z")]
    [InlineData("2026-03-29", "2026-03-29T00:00:00Z")]
    [InlineData("2026-03-30", "2026-03-29T23:00:00Z")]
    [InlineData("2026-07-01", "2026-06-30T23:00:00Z")]
    [InlineData("2026-10-25", "2026-10-24T23:00:00Z")]
    [InlineData("2026-10-26", "2026-10-26T00:00:00Z")]
    public void A_day_starts_at_London_midnight(string day, string utc)
    {
        Assert.Equal(Utc(utc), LondonTime.StartOfDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_day_the_clocks_go_forward_has_23_hours_and_the_day_they_go_back_has_25()
    {
        var spring = new DetectionRequest(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29), MisuseRuleSet.BuiltIn());
        var autumn = new DetectionRequest(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25), MisuseRuleSet.BuiltIn());

        Assert.Equal(TimeSpan.FromHours(23), spring.End - spring.Start);
        Assert.Equal(TimeSpan.FromHours(25), autumn.End - autumn.Start);
    }

    [Fact]
    public void Summer_time_starts_at_1am_UTC_on_the_last_Sunday_of_March()
    {
        var ranges = LondonTime.OffsetRanges(LondonTime.StartOfDay(new DateOnly(2026, 3, 29)), LondonTime.StartOfDay(new DateOnly(2026, 3, 30)));

        Assert.Equal([(Utc("2026-03-29T01:00:00Z"), Utc("2026-03-29T23:00:00Z"), TimeSpan.FromHours(1))], ranges);
    }

    [Fact]
    public void Summer_time_ends_at_1am_UTC_on_the_last_Sunday_of_October()
    {
        var ranges = LondonTime.OffsetRanges(LondonTime.StartOfDay(new DateOnly(2026, 10, 25)), LondonTime.StartOfDay(new DateOnly(2026, 10, 26)));

        Assert.Equal([(Utc("2026-10-24T23:00:00Z"), Utc("2026-10-25T01:00:00Z"), TimeSpan.FromHours(1))], ranges);
    }

    [Fact]
    public void A_winter_window_has_no_offset_ranges_and_a_summer_one_is_covered_whole()
    {
        Assert.Empty(LondonTime.OffsetRanges(Utc("2026-01-01T00:00:00Z"), Utc("2026-01-08T00:00:00Z")));
        Assert.Equal([(Utc("2026-07-01T00:00:00Z"), Utc("2026-07-08T00:00:00Z"), TimeSpan.FromHours(1))],
            LondonTime.OffsetRanges(Utc("2026-07-01T00:00:00Z"), Utc("2026-07-08T00:00:00Z")));
    }

    [Fact]
    public void A_window_across_a_whole_year_has_exactly_the_summer()
    {
        var ranges = LondonTime.OffsetRanges(LondonTime.StartOfDay(new DateOnly(2026, 1, 1)), LondonTime.StartOfDay(new DateOnly(2027, 1, 1)));

        Assert.Equal([(Utc("2026-03-29T01:00:00Z"), Utc("2026-10-25T01:00:00Z"), TimeSpan.FromHours(1))], ranges);
    }

    [Fact]
    public void A_window_starting_off_the_hour_still_changes_offset_at_the_change()
    {
        var ranges = LondonTime.OffsetRanges(Utc("2026-03-28T23:30:00Z"), Utc("2026-03-29T12:00:00Z"));

        Assert.Equal([(Utc("2026-03-29T01:00:00Z"), Utc("2026-03-29T12:00:00Z"), TimeSpan.FromHours(1))], ranges);
    }

    [Fact]
    public void Local_time_is_what_the_officer_s_clock_showed()
    {
        Assert.Equal(new DateTime(2026, 3, 29, 0, 30, 0), LondonTime.ToLocal(Utc("2026-03-29T00:30:00Z")).DateTime);
        Assert.Equal(new DateTime(2026, 3, 29, 2, 30, 0), LondonTime.ToLocal(Utc("2026-03-29T01:30:00Z")).DateTime);
        Assert.Equal(new DateTime(2026, 10, 25, 1, 30, 0), LondonTime.ToLocal(Utc("2026-10-25T00:30:00Z")).DateTime);
        Assert.Equal(new DateTime(2026, 10, 25, 1, 30, 0), LondonTime.ToLocal(Utc("2026-10-25T01:30:00Z")).DateTime);
    }
}

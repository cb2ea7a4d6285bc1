using Probity.Cases.Contracts;
using Microsoft.Extensions.Configuration;
using Probity.Infrastructure.Time;
using RulebookSet = Probity.Cases.Contracts.RulebookCatalogue;

namespace Probity.Tests.Cases;

public sealed class CaseClockTests
{
    private static readonly RulebookSet Books = RulebookSet.LoadBuiltIn();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static CaseTargets Targets(Dictionary<string, string?>? settings = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build(), Books);

    private static Case NewCase(DateOnly received, string? route = null, DateOnly? finalised = null, DateOnly? recorded = null) => new()
    {
        Id = "C2026-000001",
        CaseType = "public_complaint",
        ReceivedOn = received,
        RecordedOn = recorded,
        HandlingRoute = route,
        RouteDecidedOn = route is null ? null : received,
        FinalisedOn = finalised,
    };

    // ---- CaseStatus ----

    [Fact]
    public void Status_follows_the_dates()
    {
        var c = NewCase(D(2026, 3, 2));
        Assert.Equal(CaseStatus.Received, CaseStatus.Of(c));
        c.RecordedOn = D(2026, 3, 3);
        Assert.Equal(CaseStatus.Recorded, CaseStatus.Of(c));
        c.HandlingRoute = "local_investigation";
        Assert.Equal(CaseStatus.InHand, CaseStatus.Of(c));
        c.FinalisedOn = D(2026, 5, 1);
        Assert.Equal(CaseStatus.Finalised, CaseStatus.Of(c));
    }

    [Fact]
    public void A_finalised_date_means_finalised_even_without_a_route()
    {
        var c = NewCase(D(2026, 3, 2), finalised: D(2026, 3, 4));
        Assert.Equal(CaseStatus.Finalised, CaseStatus.Of(c));
    }

    [Fact]
    public void Every_status_has_a_description_for_people()
    {
        Assert.All(CaseStatus.All, s => Assert.NotEqual(s, CaseStatus.Describe(s)));
        Assert.Equal("Being handled", CaseStatus.Describe(CaseStatus.InHand));
    }

    // ---- CaseTargets ----

    [Fact]
    public void Targets_default_to_the_rulebooks()
    {
        var targets = Targets();
        var book = Books.For("2020", D(2026, 1, 5));
        Assert.Equal(43, targets.For(book, "local_resolution"));
        Assert.Equal(43, targets.For(book, "otherwise_than_by_investigation"));
        Assert.Equal(64, targets.For(book, "local_investigation"));
        Assert.Equal(64, targets.For(book, null));
        Assert.Equal(64, targets.For(book, "not_a_route"));
    }

    [Fact]
    public void A_configured_route_target_overrides_the_rulebook()
    {
        var targets = Targets(new() { ["Probity:Targets:local_resolution"] = "30" });
        Assert.Equal(30, targets.For(Books.For("2020", D(2026, 1, 5)), "local_resolution"));
        Assert.Equal(30, targets.For(Books.For("2008", D(2010, 1, 5)), "local_resolution"));
        // Other routes are untouched.
        Assert.Equal(43, targets.For(Books.For("2020", D(2026, 1, 5)), "outside_schedule_3"));
        Assert.Equal(64, targets.For(Books.For("2020", D(2026, 1, 5)), "local_investigation"));
    }

    [Fact]
    public void A_configured_default_applies_to_routes_without_their_own_target_and_to_undecided_cases()
    {
        var targets = Targets(new() { ["Probity:Targets:default"] = "50" });
        var book = Books.For("2020", D(2026, 1, 5));
        Assert.Equal(50, targets.For(book, null));
        Assert.Equal(50, targets.For(book, "local_investigation"));
        Assert.Equal(43, targets.For(book, "local_resolution"));
    }

    [Fact]
    public void A_configured_value_that_is_not_a_number_is_ignored()
    {
        var targets = Targets(new() { ["Probity:Targets:local_resolution"] = "thirty", ["Probity:Targets:default"] = "" });
        var book = Books.For("2020", D(2026, 1, 5));
        Assert.Equal(43, targets.For(book, "local_resolution"));
        Assert.Equal(64, targets.For(book, null));
    }

    [Fact]
    public void A_cases_target_comes_from_its_route_under_its_regime()
    {
        var targets = Targets();
        Assert.Equal(43, targets.For(NewCase(D(2026, 1, 5), "local_resolution")));
        Assert.Equal(64, targets.For(NewCase(D(2026, 1, 5), "local_investigation")));
        Assert.Equal(64, targets.For(NewCase(D(2026, 1, 5))));
    }

    // ---- CaseClock ----

    // Received Monday 2026-12-21. Working days after it: 22, 23, 24 Dec; (25 Fri and 28 Mon bank holidays);
    // 29, 30, 31 Dec; (1 Jan Fri bank holiday); Mon 4 Jan = the 7th.
    private static readonly DateOnly ChristmasReceived = D(2026, 12, 21);

    [Fact]
    public void Age_counts_working_days_skipping_weekends_and_bank_holidays()
    {
        var clock = CaseClock.Of(NewCase(ChristmasReceived, "local_investigation", finalised: D(2027, 1, 4)), Targets(), today: D(2027, 6, 1))!;
        Assert.Equal(7, clock.AgeWorkingDays);
        Assert.Null(clock.WorkingDaysLeft);
    }

    [Fact]
    public void Due_date_is_64_working_days_after_receipt()
    {
        // 7 working days to 4 Jan, then 11-15 Jan … 19 Mar make 61, so the 64th is Wednesday 24 March 2027.
        var clock = CaseClock.Of(NewCase(ChristmasReceived), Targets(), today: D(2027, 1, 4))!;
        Assert.Equal(64, clock.TargetWorkingDays);
        Assert.Equal(D(2027, 3, 24), clock.DueOn);
        Assert.Equal(WorkingDays.AddWorkingDays(ChristmasReceived, 64), clock.DueOn);
    }

    [Fact]
    public void Local_resolution_is_due_43_working_days_after_receipt()
    {
        // 41 working days takes us to Friday 19 Feb 2027; 22 and 23 Feb make 43.
        var clock = CaseClock.Of(NewCase(ChristmasReceived, "local_resolution"), Targets(), today: D(2027, 1, 4))!;
        Assert.Equal(43, clock.TargetWorkingDays);
        Assert.Equal(D(2027, 2, 23), clock.DueOn);
    }

    [Fact]
    public void An_open_case_shows_its_age_and_the_working_days_left()
    {
        var clock = CaseClock.Of(NewCase(ChristmasReceived), Targets(), today: D(2027, 1, 4))!;
        Assert.Equal(7, clock.AgeWorkingDays);
        Assert.Equal(57, clock.WorkingDaysLeft);
        Assert.False(clock.Overdue);
    }

    [Fact]
    public void An_open_case_past_its_due_date_is_overdue_with_negative_days_left()
    {
        // Due Wednesday 24 March 2027; after it: Thu 25, (Good Friday 26, Easter Monday 29), Tue 30, Wed 31.
        var clock = CaseClock.Of(NewCase(ChristmasReceived), Targets(), today: D(2027, 3, 31))!;
        Assert.True(clock.Overdue);
        Assert.Equal(-3, clock.WorkingDaysLeft);
        Assert.Equal(67, clock.AgeWorkingDays);
    }

    [Fact]
    public void An_open_case_on_its_due_date_is_not_yet_overdue()
    {
        var clock = CaseClock.Of(NewCase(ChristmasReceived), Targets(), today: D(2027, 3, 24))!;
        Assert.False(clock.Overdue);
        Assert.Equal(0, clock.WorkingDaysLeft);
    }

    [Fact]
    public void A_case_finalised_on_its_due_date_is_on_time()
    {
        var clock = CaseClock.Of(NewCase(ChristmasReceived, "local_investigation", finalised: D(2027, 3, 24)), Targets(), today: D(2027, 12, 1))!;
        Assert.False(clock.Overdue);
        Assert.Equal(64, clock.AgeWorkingDays);
    }

    [Fact]
    public void A_case_finalised_after_its_due_date_is_overdue_for_ever()
    {
        var clock = CaseClock.Of(NewCase(ChristmasReceived, "local_investigation", finalised: D(2027, 3, 25)), Targets(), today: D(2027, 12, 1))!;
        Assert.True(clock.Overdue);
        Assert.Equal(65, clock.AgeWorkingDays);
    }

    [Fact]
    public void A_case_finalised_on_time_stays_on_time_however_late_today_is()
    {
        var clock = CaseClock.Of(NewCase(ChristmasReceived, "local_investigation", finalised: D(2027, 1, 4)), Targets(), today: D(2030, 1, 1))!;
        Assert.False(clock.Overdue);
        Assert.Equal(7, clock.AgeWorkingDays);
    }

    [Fact]
    public void A_configured_target_moves_the_due_date()
    {
        var targets = Targets(new() { ["Probity:Targets:local_resolution"] = "30" });
        var clock = CaseClock.Of(NewCase(ChristmasReceived, "local_resolution"), targets, today: D(2027, 1, 4))!;
        Assert.Equal(30, clock.TargetWorkingDays);
        Assert.Equal(WorkingDays.AddWorkingDays(ChristmasReceived, 30), clock.DueOn);
        Assert.Equal(23, clock.WorkingDaysLeft);
    }

    // ---- Dates outside the working-day calendar ----

    [Theory]
    [InlineData(1900, 1, 1, null)]        // received before the calendar
    [InlineData(1, 1, 1, null)]           // the smallest date a store can hold
    [InlineData(2026, 3, 2, "9999-12-31")] // finalised after it
    [InlineData(2026, 3, 2, "1999-12-31")] // finalised the day before it starts
    public void A_case_dated_outside_the_calendar_has_no_clock_instead_of_an_error(int y, int m, int d, string? finalised)
    {
        var c = NewCase(D(y, m, d), "local_investigation", finalised: finalised is null ? null : DateOnly.Parse(finalised, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(CaseClock.Of(c, Targets(), today: D(2026, 11, 2)));
        Assert.NotEmpty(CaseDates.Check(c));
    }

    [Fact]
    public void A_case_whose_due_date_would_fall_after_the_calendar_has_no_clock()
    {
        // 64 working days after 1 Nov 2035 is in 2036, beyond the last date bank holidays are known for.
        Assert.Null(CaseClock.Of(NewCase(D(2035, 11, 1)), Targets(), today: D(2035, 11, 2)));
        Assert.NotNull(CaseClock.Of(NewCase(D(2035, 9, 1)), Targets(), today: D(2035, 9, 2)));
    }

    [Fact]
    public void The_first_and_last_days_of_the_calendar_are_inside_it()
    {
        var first = NewCase(WorkingDays.FirstDate, "local_investigation", finalised: D(2000, 3, 1));
        Assert.Equal(WorkingDays.Between(WorkingDays.FirstDate, D(2000, 3, 1)), CaseClock.Of(first, Targets(), today: D(2026, 1, 5))!.AgeWorkingDays);
        Assert.Empty(CaseDates.Check(first));
        var last = NewCase(D(2035, 6, 1), "local_investigation", finalised: WorkingDays.LastDate);
        Assert.NotNull(CaseClock.Of(last, Targets(), today: WorkingDays.LastDate));
        Assert.Empty(CaseDates.Check(last));
    }

    [Fact]
    public void Each_date_outside_the_calendar_is_named_with_what_it_belongs_to()
    {
        var c = NewCase(D(1900, 1, 1), finalised: D(2040, 1, 2), recorded: D(2026, 3, 3));
        c.Allegations.Add(new Allegation { Id = "C2026-000001-A1", CaseId = c.Id, Category = "incivility", Finding = "substantiated", FinalisedOn = D(1999, 12, 31) });
        c.Appeals.Add(new Appeal { Id = "C2026-000001-AP1", CaseId = c.Id, AppealType = "review", LodgedOn = D(2026, 4, 1), DecidedOn = D(2099, 1, 1) });
        c.Sanctions.Add(new Sanction { CaseId = c.Id, StaffId = "s1", Outcome = "written_warning", DecidedOn = D(2026, 4, 1) });

        var warnings = CaseDates.Check(c).Select(w => w.Message).ToList();

        Assert.Equal(
        [
            "Case C2026-000001: received date 1 Jan 1900 is outside 1 Jan 2000 to 31 Dec 2035, the dates working days are known for.",
            "Case C2026-000001: finalised date 2 Jan 2040 is outside 1 Jan 2000 to 31 Dec 2035, the dates working days are known for.",
            "Case C2026-000001: finding date of allegation C2026-000001-A1 31 Dec 1999 is outside 1 Jan 2000 to 31 Dec 2035, the dates working days are known for.",
            "Case C2026-000001: decision date of appeal C2026-000001-AP1 1 Jan 2099 is outside 1 Jan 2000 to 31 Dec 2035, the dates working days are known for.",
        ], warnings);
    }

    // ---- LastReceivedDateOverdueOn ----

    [Theory]
    [InlineData(2027, 1, 4, 64)]   // Monday after Christmas and New Year
    [InlineData(2027, 1, 4, 43)]
    [InlineData(2026, 12, 29, 64)] // first working day after two bank holidays
    [InlineData(2026, 4, 6, 64)]   // Easter Monday
    [InlineData(2026, 4, 7, 43)]
    [InlineData(2026, 6, 13, 64)]  // Saturday
    [InlineData(2026, 6, 15, 64)]  // Monday
    [InlineData(2026, 6, 17, 1)]
    [InlineData(2026, 6, 15, 1)]
    public void Last_received_date_overdue_on_is_the_boundary_of_the_overdue_cases(int y, int m, int d, int target)
    {
        var today = D(y, m, d);
        var last = CaseClock.LastReceivedDateOverdueOn(today, target);
        Assert.True(WorkingDays.AddWorkingDays(last, target) < today, $"a case received {last} is due {WorkingDays.AddWorkingDays(last, target)}, not before {today}");
        Assert.True(WorkingDays.AddWorkingDays(last.AddDays(1), target) >= today, $"a case received {last.AddDays(1)} is already overdue on {today}");
    }

    [Theory]
    [InlineData(2027, 1, 4)]
    [InlineData(2026, 4, 6)]
    [InlineData(2026, 6, 16)]
    public void Last_received_date_overdue_on_agrees_with_the_overdue_flag_on_the_case(int y, int m, int d)
    {
        var today = D(y, m, d);
        var targets = Targets();
        var last = CaseClock.LastReceivedDateOverdueOn(today, 64);
        Assert.True(CaseClock.Of(NewCase(last), targets, today)!.Overdue);
        Assert.False(CaseClock.Of(NewCase(last.AddDays(1)), targets, today)!.Overdue);
    }
}

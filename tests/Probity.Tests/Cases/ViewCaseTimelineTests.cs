using Probity.Cases.Contracts;
using Probity.Cases.ViewCase;

namespace Probity.Tests.Cases;

public sealed class ViewCaseTimelineTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private const string Id = "C2021-000042";

    /// <summary>A case as imported from an earlier system: dates, no event history.</summary>
    private static Case Imported() => new()
    {
        Id = Id,
        CaseType = "public_complaint",
        ReceivedOn = D(2021, 3, 1),
        RecordedOn = D(2021, 3, 3),
        HandlingRoute = "local_investigation",
        RouteDecidedOn = D(2021, 3, 10),
        FinalisedOn = D(2021, 5, 4),
    };

    private static CaseEvent Event(DateOnly on, string kind, string detail, string actor = "sgt.jones") => new()
    {
        CaseId = Id, OccurredOn = on, Kind = kind, Detail = detail, Actor = actor,
        RecordedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
    };

    [Fact]
    public void An_imported_case_shows_the_milestones_implied_by_its_dates_in_date_order()
    {
        var timeline = ViewCaseHandler.BuildTimeline(Imported());

        Assert.Equal(["received", "recorded", "route_decided", "finalised"], timeline.Select(e => e.Kind));
        Assert.Equal([D(2021, 3, 1), D(2021, 3, 3), D(2021, 3, 10), D(2021, 5, 4)], timeline.Select(e => e.OccurredOn));
        Assert.All(timeline, e => Assert.Equal("imported record", e.Actor));
        Assert.All(timeline, e => Assert.Null(e.RecordedAt));
        Assert.Equal("Public complaint received", timeline[0].Detail);
        Assert.Equal("Handling route decided: Local investigation", timeline[2].Detail);
        Assert.Equal("Case finalised", timeline[3].Detail);
    }

    [Fact]
    public void A_case_only_received_shows_only_the_receipt()
    {
        var c = new Case { Id = Id, CaseType = "conduct_matter", ReceivedOn = D(2024, 2, 5) };
        var entry = Assert.Single(ViewCaseHandler.BuildTimeline(c));
        Assert.Equal("received", entry.Kind);
        Assert.Equal("Conduct matter received", entry.Detail);
    }

    [Fact]
    public void A_recorded_route_decision_replaces_the_implied_one()
    {
        var c = Imported();
        c.Timeline.Add(Event(D(2021, 3, 9), "route_decided", "Handling route decided: Local investigation"));

        var timeline = ViewCaseHandler.BuildTimeline(c);

        var decided = Assert.Single(timeline, e => e.Kind == "route_decided");
        Assert.Equal("sgt.jones", decided.Actor);
        Assert.Equal(D(2021, 3, 9), decided.OccurredOn);
        Assert.NotNull(decided.RecordedAt);
        // The other milestones are still implied.
        Assert.Equal(["received", "recorded", "route_decided", "finalised"], timeline.Select(e => e.Kind));
    }

    [Fact]
    public void Recorded_events_keep_their_reason()
    {
        var c = Imported();
        var ev = Event(D(2021, 3, 9), "route_decided", "Handling route decided: Local investigation");
        ev.Reason = "Allegation is serious";
        c.Timeline.Add(ev);
        Assert.Equal("Allegation is serious", Assert.Single(ViewCaseHandler.BuildTimeline(c), e => e.Kind == "route_decided").Reason);
    }

    [Fact]
    public void Appeals_appear_lodged_and_decided_in_date_order()
    {
        var c = Imported();
        c.Appeals.Add(new Appeal { Id = Id + "-AP1", CaseId = Id, AppealType = "review", LodgedOn = D(2021, 5, 20), DecidedOn = D(2021, 7, 1), Upheld = false });
        c.Appeals.Add(new Appeal { Id = Id + "-AP2", CaseId = Id, AppealType = "non_recording", LodgedOn = D(2021, 3, 2), DecidedOn = D(2021, 3, 5), Upheld = true });

        var timeline = ViewCaseHandler.BuildTimeline(c);

        Assert.Equal(
            ["received", "appeal_lodged", "recorded", "appeal_decided", "route_decided", "finalised", "appeal_lodged", "appeal_decided"],
            timeline.Select(e => e.Kind));
        Assert.Equal(timeline.Select(e => e.OccurredOn).Order(), timeline.Select(e => e.OccurredOn));
        Assert.Contains(timeline, e => e.Kind == "appeal_lodged" && e.Detail == $"Review appeal {Id}-AP1 lodged" && e.OccurredOn == D(2021, 5, 20));
        Assert.Contains(timeline, e => e.Kind == "appeal_decided" && e.Detail == $"Appeal {Id}-AP1 not upheld" && e.OccurredOn == D(2021, 7, 1));
        Assert.Contains(timeline, e => e.Kind == "appeal_lodged" && e.Detail == $"Non recording appeal {Id}-AP2 lodged");
        Assert.Contains(timeline, e => e.Kind == "appeal_decided" && e.Detail == $"Appeal {Id}-AP2 upheld");
    }

    [Fact]
    public void An_undecided_appeal_appears_only_as_lodged()
    {
        var c = Imported();
        c.Appeals.Add(new Appeal { Id = Id + "-AP1", CaseId = Id, AppealType = "review", LodgedOn = D(2021, 5, 20) });

        var timeline = ViewCaseHandler.BuildTimeline(c);

        Assert.Single(timeline, e => e.Kind == "appeal_lodged");
        Assert.DoesNotContain(timeline, e => e.Kind == "appeal_decided");
    }

    [Fact]
    public void A_recorded_appeal_is_not_shown_twice()
    {
        var c = Imported();
        c.Appeals.Add(new Appeal { Id = Id + "-AP1", CaseId = Id, AppealType = "review", LodgedOn = D(2021, 5, 20), DecidedOn = D(2021, 7, 1), Upheld = true });
        c.Timeline.Add(Event(D(2021, 5, 20), "appeal_lodged", $"Review appeal {Id}-AP1 lodged"));
        c.Timeline.Add(Event(D(2021, 7, 1), "appeal_decided", $"Appeal {Id}-AP1 upheld", actor: "appeals.officer"));

        var timeline = ViewCaseHandler.BuildTimeline(c);

        Assert.Equal("sgt.jones", Assert.Single(timeline, e => e.Kind == "appeal_lodged").Actor);
        Assert.Equal("appeals.officer", Assert.Single(timeline, e => e.Kind == "appeal_decided").Actor);
    }

    [Fact]
    public void Imported_findings_appear_on_the_date_each_allegation_was_finalised()
    {
        var c = Imported();
        c.Allegations.Add(new Allegation { Id = Id + "-A1", CaseId = Id, Category = "discourtesy", Finding = "not_substantiated", FinalisedOn = D(2021, 4, 30) });
        c.Allegations.Add(new Allegation { Id = Id + "-A2", CaseId = Id, Category = "discourtesy" }); // still open

        var timeline = ViewCaseHandler.BuildTimeline(c);

        var finding = Assert.Single(timeline, e => e.Kind == "finding");
        Assert.Equal($"Allegation {Id}-A1: not substantiated", finding.Detail);
        Assert.Equal(D(2021, 4, 30), finding.OccurredOn);
        Assert.Equal(["received", "recorded", "route_decided", "finding", "finalised"], timeline.Select(e => e.Kind));
    }

    [Fact]
    public void Events_on_the_same_day_are_in_the_order_they_were_written_down()
    {
        var c = Imported();
        var later = Event(D(2021, 3, 10), "note", "second");
        later.RecordedAt = later.RecordedAt.AddHours(2);
        c.Timeline.Add(later);
        c.Timeline.Add(Event(D(2021, 3, 10), "route_decided", "first"));

        var sameDay = ViewCaseHandler.BuildTimeline(c).Where(e => e.OccurredOn == D(2021, 3, 10)).Select(e => e.Detail);

        Assert.Equal(["first", "second"], sameDay);
    }

    [Fact]
    public void A_recorded_finding_for_allegation_10_does_not_hide_the_imported_finding_of_allegation_1()
    {
        var c = Imported();
        c.Allegations.Add(new Allegation { Id = Id + "-A1", CaseId = Id, Category = "discourtesy", Finding = "not_substantiated", FinalisedOn = D(2021, 4, 30) });
        for (var i = 2; i <= 10; i++)
            c.Allegations.Add(new Allegation { Id = $"{Id}-A{i}", CaseId = Id, Category = "discourtesy" });
        c.Allegations[^1].Finding = "substantiated";
        c.Allegations[^1].FinalisedOn = D(2021, 5, 3);
        // As RecordFindingHandler writes it.
        c.Timeline.Add(Event(D(2021, 5, 3), "finding", $"Allegation {Id}-A10 (discourtesy): substantiated"));

        var findings = ViewCaseHandler.BuildTimeline(c).Where(e => e.Kind == "finding").Select(e => e.Detail).ToList();

        Assert.Contains($"Allegation {Id}-A1: not substantiated", findings);
        Assert.Equal(2, findings.Count);
    }
}

using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

public sealed class WhoAccessedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Three days in three files: P1's crime CR1 is touched every day, incident INC1 (no subject) on two.</summary>
    private static async Task<EventStoreFolder> ThreeDaysAsync()
    {
        var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-01.csv", Header,
            "2026-03-01T08:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1",
            "2026-03-01T09:00:00Z,S1,cad,view,incident,INC1,,WS1,",
            "2026-03-01T23:59:59Z,S9,pnc,search,person,,P2,WS9,"));
        await folder.IngestAsync(folder.Csv("access_events-02.csv", Header,
            "2026-03-02T00:00:00Z,S2,cris,update,crime,CR1,P1,WS2,T2",
            "2026-03-02T12:00:00Z,S3,pnc,search,person,,P1,WS3,",
            "2026-03-02T13:00:00Z,S3,cad,update,incident,INC1,,WS3,"));
        await folder.IngestAsync(folder.Csv("access_events-03.csv", Header,
            "2026-03-03T00:00:00Z,S4,cris,view,crime,CR1,P1,WS4,",
            "2026-03-03T07:00:00Z,S5,cris,print,crime,CR2,P1,WS5,"));
        return folder;
    }

    [Fact]
    public async Task Subject_lookup_finds_every_access_to_the_person_across_segments_in_time_order()
    {
        using var folder = await ThreeDaysAsync();

        var events = await folder.SubjectAsync("P1");

        Assert.Equal(["S1", "S2", "S3", "S4", "S5"], events.Select(e => e.StaffId));
        Assert.Equal(["CR1", "CR1", null, "CR1", "CR2"], events.Select(e => e.RecordId));
        Assert.Equal(["S9"], (await folder.SubjectAsync("P2")).Select(e => e.StaffId));
    }

    [Fact]
    public async Task Record_lookup_finds_every_access_to_the_record_across_segments()
    {
        using var folder = await ThreeDaysAsync();

        var events = await folder.RecordAsync("CR1");

        Assert.Equal([("S1", "view"), ("S2", "update"), ("S4", "view")], events.Select(e => (e.StaffId, e.Action)));
        Assert.Equal(["S5"], (await folder.RecordAsync("CR2")).Select(e => e.StaffId));
        Assert.Empty(await folder.RecordAsync("CR3"));
    }

    [Fact]
    public async Task Record_lookup_finds_records_that_are_about_no_person_such_as_incidents()
    {
        using var folder = await ThreeDaysAsync();

        var events = await folder.RecordAsync("INC1");

        Assert.Equal([("S1", "view"), ("S3", "update")], events.Select(e => (e.StaffId, e.Action)));
        Assert.All(events, e => Assert.Null(e.SubjectPersonId));
    }

    [Fact]
    public async Task The_window_includes_its_start_and_excludes_its_end()
    {
        using var folder = await ThreeDaysAsync();
        var day2 = (Utc("2026-03-02T00:00:00Z"), Utc("2026-03-03T00:00:00Z"));

        var bySubject = await folder.SubjectAsync("P1", day2.Item1, day2.Item2);
        var byRecord = await folder.RecordAsync("CR1", day2.Item1, day2.Item2);

        Assert.Equal(["S2", "S3"], bySubject.Select(e => e.StaffId));
        Assert.Equal(["S2"], byRecord.Select(e => e.StaffId));
        Assert.Equal(["S1"], (await folder.RecordAsync("CR1", Utc("2026-03-01T00:00:00Z"), Utc("2026-03-02T00:00:00Z"))).Select(e => e.StaffId));
        Assert.Empty(await folder.RecordAsync("CR1", Utc("2026-03-01T08:00:00.001Z"), Utc("2026-03-02T00:00:00Z")));
    }

    [Fact]
    public async Task A_window_outside_every_segment_finds_nothing()
    {
        using var folder = await ThreeDaysAsync();

        Assert.Empty(await folder.SubjectAsync("P1", Utc("2026-04-01T00:00:00Z"), Utc("2026-05-01T00:00:00Z")));
        Assert.Empty(await folder.RecordAsync("CR1", Utc("2026-02-01T00:00:00Z"), Utc("2026-03-01T08:00:00Z")));
    }

    [Fact]
    public async Task The_limit_keeps_the_earliest_accesses()
    {
        using var folder = await ThreeDaysAsync();

        var events = await folder.Store.WhoAccessedAsync(new WhoAccessedQuery("P1", null, Ever.From, Ever.To, Limit: 2), Ct);

        Assert.Equal(["S1", "S2"], events.Select(e => e.StaffId));
    }

    [Fact]
    public async Task An_empty_store_answers_with_nothing()
    {
        using var folder = new EventStoreFolder();

        Assert.Empty(await folder.SubjectAsync("P1"));
        Assert.Empty(await folder.RecordAsync("CR1"));
    }

    [Theory]
    [InlineData(null, null, "exactly one")]
    [InlineData("", " ", "exactly one")]
    [InlineData("P1", "CR1", "exactly one")]
    public async Task A_query_needs_exactly_one_of_a_subject_or_a_record(string? subject, string? record, string message)
    {
        using var folder = new EventStoreFolder();
        var query = new WhoAccessedQuery(subject, record, Ever.From, Ever.To);

        Assert.Contains(message, Assert.Throws<ArgumentException>(query.Validate).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => folder.Store.WhoAccessedAsync(query, Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_empty_window_is_refused_naming_both_ends(int hours)
    {
        var from = Utc("2026-03-02T00:00:00Z");
        var query = new WhoAccessedQuery("P1", null, from, from.AddHours(hours));

        var ex = Assert.Throws<ArgumentException>(query.Validate);

        Assert.Contains("window is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 00:00:00Z", ex.Message, StringComparison.Ordinal);
    }
}

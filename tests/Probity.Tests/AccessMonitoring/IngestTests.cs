using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

public sealed class IngestTests
{
    private static readonly string[] Day =
    [
        Header,
        "2026-03-02T09:00:00Z,S1,pnc,search,person,,P1,WS1,",
        "2026-03-02T09:05:00Z,S1,cris,view,crime,CR1,P1,WS1,T1",
        "2026-03-02T10:00:00Z,S2,cris,view,crime,CR1,P1,WS2,",
        "2026-03-02T11:00:00Z,S2,cad,view,incident,INC1,,WS2,T9",
        "2026-03-02T12:00:00Z,S3,pnc,print,person,PE2,P2,WS3,",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Several_files_load_side_by_side_each_once_with_results_in_the_order_given()
    {
        using var folder = new EventStoreFolder();
        var monday = folder.Csv("access_events-monday.csv", Day);
        var tuesday = folder.Csv("access_events-tuesday.csv", [Header, "2026-03-03T09:00:00Z,S4,pnc,search,person,,P9,WS4,", "2026-03-03T09:01:00Z,S4,pnc,bogus,person,,P9,WS4,"]);
        var mondayAgain = folder.Csv("access_events-monday-copy.csv", Day);

        var results = await folder.Store.IngestFilesAsync([monday, tuesday, mondayAgain], null, Ct);

        Assert.Equal(["access_events-monday.csv", "access_events-tuesday.csv", "access_events-monday-copy.csv"], results.Select(r => r.Source));
        // The same bytes under another name are one segment, whichever of the two finished loading first.
        Assert.Single(new[] { results[0], results[2] }, r => r.Duplicate);
        Assert.Equal(results[0].SegmentId, results[2].SegmentId);
        Assert.Equal((1, 1), (results[1].Events, results[1].Quarantined));
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((2L, 6L, 1L), (summary.Segments, summary.Events, summary.Quarantined));
        Assert.Equal(["S4"], (await folder.SubjectAsync("P9")).Select(e => e.StaffId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_valid_file_stores_every_row_and_who_accessed_finds_them_by_subject_and_by_record(bool gzip)
    {
        using var folder = new EventStoreFolder();
        var path = gzip ? folder.Gzip("access_events.csv.gz", Day) : folder.Csv("access_events.csv", Day);

        var result = await folder.IngestAsync(path);

        Assert.False(result.Duplicate);
        Assert.Equal(5, result.Events);
        Assert.Equal(0, result.Quarantined);
        Assert.Equal(Utc("2026-03-02T09:00:00Z"), result.FirstEvent);
        Assert.Equal(Utc("2026-03-02T12:00:00Z"), result.LastEvent);
        Assert.Equal(5, (await folder.Store.SummaryAsync(Ct)).Events);

        var aboutP1 = await folder.SubjectAsync("P1");
        Assert.Equal(["S1", "S1", "S2"], aboutP1.Select(e => e.StaffId));
        Assert.Equal(new AccessEvent(Utc("2026-03-02T09:05:00Z"), "S1", "cris", "view", "crime", "CR1", "P1", "WS1", "T1"), aboutP1[1]);
        Assert.Null(aboutP1[0].RecordId);
        Assert.Null(aboutP1[0].ReasonRef);

        var cr1 = await folder.RecordAsync("CR1");
        Assert.Equal([("S1", "T1"), ("S2", null)], cr1.Select(e => (e.StaffId, e.ReasonRef)));
        Assert.Single(await folder.RecordAsync("PE2"));
        Assert.Empty(await folder.SubjectAsync("P9"));
    }

    [Fact]
    public async Task Ingesting_the_same_file_again_is_a_duplicate_and_adds_nothing()
    {
        using var folder = new EventStoreFolder();
        var path = folder.Csv("access_events.csv", Day);
        var first = await folder.IngestAsync(path);

        var again = await folder.IngestAsync(path);

        Assert.True(again.Duplicate);
        Assert.Equal(first.SegmentId, again.SegmentId);
        Assert.Contains(again.Warnings, w => w.Contains("ingested before", StringComparison.Ordinal));
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((1, 5), (summary.Segments, summary.Events));
        Assert.Equal(3, (await folder.SubjectAsync("P1")).Count);
    }

    [Fact]
    public async Task The_same_content_under_another_name_or_restarted_store_is_still_a_duplicate()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-a.csv", Day));
        folder.Reopen();

        var again = await folder.IngestAsync(folder.Csv("access_events-copy.csv", Day));

        Assert.True(again.Duplicate);
        Assert.Equal(5, (await folder.Store.SummaryAsync(Ct)).Events);
    }

    [Fact]
    public async Task A_different_file_adds_a_segment_and_lookups_see_both()
    {
        using var folder = new EventStoreFolder();
        var first = await folder.IngestAsync(folder.Csv("access_events-1.csv", Day));

        var second = await folder.IngestAsync(folder.Csv("access_events-2.csv", Header,
            "2026-03-03T09:00:00Z,S4,cris,update,crime,CR1,P1,WS4,T4"));

        Assert.False(second.Duplicate);
        Assert.NotEqual(first.SegmentId, second.SegmentId);
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((2, 6), (summary.Segments, summary.Events));
        Assert.Equal(["S1", "S2", "S4"], (await folder.RecordAsync("CR1")).Select(e => e.StaffId));
        Assert.Equal(["S1", "S1", "S2", "S4"], (await folder.SubjectAsync("P1")).Select(e => e.StaffId));
        Assert.Equal(["access_events-2.csv", "access_events-1.csv"], (await folder.Store.SegmentsAsync(10, Ct)).Select(s => s.Source));
    }

    [Fact]
    public async Task Columns_in_another_order_and_an_unknown_column_are_read_by_name_with_a_warning_naming_the_column()
    {
        using var folder = new EventStoreFolder();
        var path = folder.Csv("access_events.csv",
            "staff_id,terminal_colour,record_id,action,system,event_time,subject_person_id,record_type",
            "S1,blue,CR7,view,cris,2026-03-02T09:00:00Z,P7,crime");

        var result = await folder.IngestAsync(path);

        Assert.Equal(1, result.Events);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'terminal_colour'", warning, StringComparison.Ordinal);
        var stored = Assert.Single(await folder.SubjectAsync("P7"));
        Assert.Equal(new AccessEvent(Utc("2026-03-02T09:00:00Z"), "S1", "cris", "view", "crime", "CR7", "P7", null, null), stored);
    }

    [Theory]
    [InlineData("event_time")]
    [InlineData("staff_id")]
    [InlineData("action")]
    [InlineData("record_id")]
    public async Task A_missing_required_column_is_refused_naming_the_column_and_nothing_is_stored(string column)
    {
        using var folder = new EventStoreFolder();
        var columns = Header.Split(',');
        var keep = columns.Select((c, i) => (c, i)).Where(x => x.c != column).Select(x => x.i).ToArray();
        var row = "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1".Split(',');
        var path = folder.Csv("access_events.csv", string.Join(',', keep.Select(i => columns[i])), string.Join(',', keep.Select(i => row[i])));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => folder.IngestAsync(path));

        Assert.Contains(column, ex.Message.Split("(found")[0], StringComparison.Ordinal);
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((0, 0), (summary.Segments, summary.Events));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "segments")));
    }

    [Fact]
    public async Task Malformed_lines_are_quarantined_with_their_reasons_and_counted_never_dropped()
    {
        using var folder = new EventStoreFolder();
        var longId = new string('X', 65);
        string[] lines =
        [
            Header,
            "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1",
            "yesterday teatime,S1,cris,view,crime,CR2,P1,WS1,",
            "2026-03-02T09:10:00,S1,cris,view,crime,CR3,P1,WS1,",
            "2026-03-02T09:20:00Z,S1,cris,peek,crime,CR4,P1,WS1,",
            "2026-03-02T09:30:00Z,S1,cris,view,spaceship,CR5,P1,WS1,",
            "2026-03-02T09:40:00Z,,cris,view,crime,CR6,P1,WS1,",
            "2026-03-02T09:50:00Z,S1,cris,view,crime,,P1,WS1,",
            $"2026-03-02T10:00:00Z,S1,cris,view,crime,{longId},P1,WS1,",
            "2026-03-02T10:10:00Z,S1,cris,view,crime,CR8,P1,WS1,T1,surplus",
            "2026-03-02T10:20:00Z,S1,pnc,search,person,,P1,WS1,",
        ];

        var result = await folder.IngestAsync(folder.Csv("access_events.csv", lines));

        Assert.Equal(2, result.Events);
        Assert.Equal(8, result.Quarantined);
        Assert.Equal(lines.Length - 1, result.Events + result.Quarantined);
        Assert.Contains(result.Warnings, w => w.Contains("8 line(s) quarantined", StringComparison.Ordinal));
        var quarantine = await folder.Store.QuarantineAsync(100, Ct);
        Assert.Equal(8, quarantine.Count);
        void Reason(params string[] fragments) =>
            Assert.True(quarantine.Any(q => fragments.All(f => q.Reason.Contains(f, StringComparison.Ordinal))),
                $"no quarantined line with [{string.Join("; ", fragments)}] in:\n{string.Join('\n', quarantine.Select(q => q.Reason))}");
        Reason("\"yesterday teatime\"", "not an ISO 8601 timestamp");
        Reason("\"2026-03-02T09:10:00\"", "no offset");
        Reason("action \"peek\"");
        Reason("record_type \"spaceship\"");
        Reason("staff_id is empty");
        Reason("record_id is empty");
        Reason("longer than 64 characters");
        var rejected = Assert.Single(quarantine, q => q.Line is not null);
        Assert.Equal(10, rejected.Line);
        Assert.Contains("line 10", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("surplus", rejected.Raw, StringComparison.Ordinal);
        Assert.All(quarantine, q => Assert.Equal("access_events.csv", q.Source));
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((2, 8), (summary.Events, summary.Quarantined));
        Assert.Equal(["CR1"], (await folder.SubjectAsync("P1")).Select(e => e.RecordId).OfType<string>());
    }

    [Fact]
    public async Task A_quarantined_line_keeps_its_text_so_it_can_be_found_in_the_source_file()
    {
        using var folder = new EventStoreFolder();
        const string bad = "2026-03-02T09:20:00Z,S1,cris,peek,crime,CR4,,,T1";

        await folder.IngestAsync(folder.Csv("access_events.csv", Header, bad));

        var line = Assert.Single(await folder.Store.QuarantineAsync(10, Ct));
        Assert.Equal(bad, line.Raw);
    }

    [Fact]
    public async Task Broken_quoting_is_quarantined_with_its_line_number_and_the_lines_around_it_are_kept()
    {
        using var folder = new EventStoreFolder();
        string[] lines =
        [
            Header,
            "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1",
            "2026-03-02T09:05:00Z,S1,cris,view,crime,\"CR2\"x,P1,WS1,T1",
            "2026-03-02T09:10:00Z,S1,cris,view,crime,CR3,P1,WS1,T1",
        ];

        var result = await folder.IngestAsync(folder.Csv("access_events.csv", lines));

        Assert.Equal(lines.Length - 1, result.Events + result.Quarantined);
        Assert.Equal(2, result.Events);
        var rejected = Assert.Single(await folder.Store.QuarantineAsync(10, Ct));
        Assert.Equal(3, rejected.Line);
    }

    [Fact]
    public async Task A_line_with_too_few_fields_is_one_quarantined_line_so_the_counts_add_up()
    {
        using var folder = new EventStoreFolder();
        string[] lines =
        [
            Header,
            "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1",
            "2026-03-02T09:10:00Z,S1,cris,view,crime,CR3,P1,WS1,T1",
        ];

        var result = await folder.IngestAsync(folder.Csv("access_events.csv", lines));

        Assert.Equal((1, 1), (result.Events, result.Quarantined));
        var rejected = Assert.Single(await folder.Store.QuarantineAsync(10, Ct));
        Assert.Equal(2, rejected.Line);
        Assert.Contains("line 2", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await folder.Store.SummaryAsync(Ct)).Quarantined);
    }

    [Fact]
    public async Task An_unterminated_quote_loses_nothing_silently_the_quarantine_holds_the_text_it_swallowed()
    {
        using var folder = new EventStoreFolder();

        var result = await folder.IngestAsync(folder.Csv("access_events.csv", Header,
            "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1",
            "2026-03-02T09:05:00Z,S1,cris,view,crime,\"CR2,P1,WS1,T1",
            "2026-03-02T09:10:00Z,S1,cris,view,crime,CR3,P1,WS1,T1"));

        Assert.Equal((1, 1), (result.Events, result.Quarantined));
        var rejected = Assert.Single(await folder.Store.QuarantineAsync(10, Ct));
        Assert.Equal(3, rejected.Line);
        Assert.Contains("unterminated quote", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("CR3", rejected.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("2026-03-02 09:00")]
    [InlineData("2026-03-02T09:00:00.5")]
    public async Task A_timestamp_without_an_offset_is_quarantined_not_guessed_as_UTC(string time)
    {
        using var folder = new EventStoreFolder();

        var result = await folder.IngestAsync(folder.Csv("access_events.csv", Header, $"{time},S1,cris,view,crime,CR1,P1,WS1,"));

        Assert.Equal((0, 1), (result.Events, result.Quarantined));
        var line = Assert.Single(await folder.Store.QuarantineAsync(10, Ct));
        Assert.Contains($"\"{time}\" has no offset", line.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_hour_only_offset_is_ISO_8601_and_is_stored_as_the_right_instant()
    {
        using var folder = new EventStoreFolder();

        var result = await folder.IngestAsync(folder.Csv("access_events.csv", Header, "2026-06-02T09:00:00+01,S1,cris,view,crime,CR1,P1,WS1,"));

        Assert.Equal((1, 0), (result.Events, result.Quarantined));
        Assert.Equal(Utc("2026-06-02T08:00:00Z"), Assert.Single(await folder.RecordAsync("CR1")).Time);
    }

    [Fact]
    public async Task A_blank_staff_id_is_quarantined_because_the_access_cannot_be_attributed()
    {
        using var folder = new EventStoreFolder();

        var result = await folder.IngestAsync(folder.Csv("access_events.csv", Header, "2026-03-02T09:00:00Z,   ,cris,view,crime,CR1,P1,WS1,"));

        Assert.Equal((0, 1), (result.Events, result.Quarantined));
        Assert.Contains("staff_id is empty", Assert.Single(await folder.Store.QuarantineAsync(10, Ct)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timestamps_with_a_summer_time_offset_are_stored_as_the_right_instant()
    {
        using var folder = new EventStoreFolder();

        await folder.IngestAsync(folder.Csv("access_events.csv", Header,
            "2026-06-01T10:00:00+01:00,S1,cris,view,crime,CR1,P1,WS1,",
            "2026-06-01T10:00:00-0500,S2,cris,view,crime,CR1,P1,WS1,",
            "2026-06-01T10:00:00.250Z,S3,cris,view,crime,CR1,P1,WS1,"));

        var events = await folder.RecordAsync("CR1");
        Assert.Equal(
            [("S1", Utc("2026-06-01T09:00:00Z")), ("S3", Utc("2026-06-01T10:00:00.250Z")), ("S2", Utc("2026-06-01T15:00:00Z"))],
            events.Select(e => (e.StaffId, e.Time)));
        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.Time.Offset));
    }

    [Fact]
    public async Task A_Windows_export_with_a_byte_order_mark_CRLF_and_quoted_reasons_is_read_cleanly()
    {
        using var folder = new EventStoreFolder();
        var path = Path.Combine(folder.Files, "access_events.csv");
        File.WriteAllText(path,
            Header + "\r\n" +
            "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1\r\n" +
            "2026-03-02T09:05:00Z,S1,cris,view,crime,CR2,P1,WS1,\"Op \"\"Kestrel\"\", phase 2\"\r\n",
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = await folder.IngestAsync(path);

        Assert.Equal((2, 0), (result.Events, result.Quarantined));
        Assert.Equal(["T1", "Op \"Kestrel\", phase 2"], (await folder.SubjectAsync("P1")).Select(e => e.ReasonRef));
    }

    [Fact]
    public async Task An_empty_file_is_refused_but_a_header_only_or_all_bad_file_is_recorded_so_a_resend_is_a_duplicate()
    {
        using var folder = new EventStoreFolder();
        var empty = Path.Combine(folder.Files, "access_events-empty.csv");
        File.WriteAllText(empty, "");

        Assert.Contains("the file is empty", (await Assert.ThrowsAsync<InvalidDataException>(() => folder.IngestAsync(empty))).Message, StringComparison.Ordinal);
        var headerOnly = await folder.IngestAsync(folder.Csv("access_events-quiet.csv", Header));
        var allBad = await folder.IngestAsync(folder.Csv("access_events-bad.csv", Header, "teatime,S1,cris,view,crime,CR1,P1,WS1,"));
        var resent = await folder.IngestAsync(folder.Csv("access_events-bad-again.csv", Header, "teatime,S1,cris,view,crime,CR1,P1,WS1,"));

        Assert.Equal((0, 0), (headerOnly.Events, headerOnly.Quarantined));
        Assert.Equal((0, 1), (allBad.Events, allBad.Quarantined));
        Assert.True(resent.Duplicate);
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((2, 0, 1), (summary.Segments, summary.Events, summary.Quarantined));
        Assert.Empty(await folder.RecordAsync("CR1"));
    }

    [Fact]
    public async Task A_streamed_batch_is_ingested_like_a_file_and_is_idempotent()
    {
        using var folder = new EventStoreFolder();
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Day) + "\n");

        var first = await folder.Store.IngestBatchAsync("batch-1", new MemoryStream(bytes), gzip: false, Ct);
        var again = await folder.Store.IngestBatchAsync("batch-1-retry", new MemoryStream(bytes), gzip: false, Ct);

        Assert.Equal((5, false), (first.Events, first.Duplicate));
        Assert.True(again.Duplicate);
        Assert.Equal(5, (await folder.Store.SummaryAsync(Ct)).Events);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "staging")));
    }
}

using System.Text;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// Review of the scan before DuckDB (ADR 0008, sixth addendum): whatever the scan passes, DuckDB's strict reader must
/// read, so every data line ends stored or quarantined with its reason, never a 500 or a lost line.
/// </summary>
public sealed class AdversarialEventStoreReviewTests
{
    private const string Good = "2026-03-02T09:00:00Z,S1,pnc,search,person,,P1,WS1,";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, long, long> Shapes => new()
    {
        { "quote inside an unquoted field", Header + "\n" + Good + "\n" + "2026-03-02T09:01:00Z,O\"Brien,pnc,search,person,,P1,WS1,\n", 2, 0 },
        { "quote inside an unquoted last field", Header + "\n" + Good + "\n" + "2026-03-02T09:01:00Z,S2,pnc,search,person,,P1,WS1,said \"hi\"\n", 2, 0 },
        { "space before a quoted field", Header + "\n" + Good + "\n" + "2026-03-02T09:01:00Z, \"S2\",pnc,search,person,,P1,WS1,\n", 2, 0 },
        { "blank line before the header", "\n" + Header + "\n" + Good + "\n", 1, 0 },
        { "CRLF blank line before the header", "\r\n" + Header + "\r\n" + Good + "\r\n", 1, 0 },
        { "CR inside quotes", Header + "\n" + "2026-03-02T09:01:00Z,S2,pnc,search,person,,P1,WS1,\"a\rb\"\n", 1, 0 },
        { "CRLF inside quotes in an LF file", Header + "\n" + "2026-03-02T09:01:00Z,S2,pnc,search,person,,P1,WS1,\"a\r\nb\"\n" + Good + "\n", 2, 0 },
        { "newline inside a quoted header", "\"event_time\",\"staff_id\",system,action,record_type,record_id,subject_person_id,workstation_id,\"reason\nref\"\n" + Good + "\n", 1, 0 },
        { "a lone CR at the end", Header + "\n" + Good + "\r", 1, 0 },
        { "text after closing quote", Header + "\n" + Good + "\n" + "2026-03-02T09:01:00Z,\"S2\"x,pnc,search,person,,P1,WS1,\n", 1, 1 },
        { "unterminated quote at the end", Header + "\n" + Good + "\n" + "2026-03-02T09:01:00Z,\"S2,pnc,search,person,,P1,WS1,\n", 1, 1 },
        { "BOM and CRLF", "\uFEFF" + Header + "\r\n" + Good + "\r\n", 1, 0 },
        { "BOM then a quoted header", "\uFEFF\"event_time\",staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref\n" + Good + "\n", 1, 0 },
        { "second BOM on a data line", Header + "\n" + "\uFEFF" + Good + "\n", 0, 1 },
        { "only commas", Header + "\n" + ",,,,,,,,\n" + Good + "\n", 1, 1 },
        { "mixed line ends", Header + "\r\n" + Good + "\n" + Good.Replace("S1", "S2", StringComparison.Ordinal) + "\r\n", 2, 0 },
        { "fewer header columns", "event_time,staff_id,system,action,record_type,record_id\n2026-03-02T09:00:00Z,S1,pnc,search,person,\n", 1, 0 },
        { "escaped quote at end of quoted", Header + "\n" + "2026-03-02T09:01:00Z,S2,pnc,search,person,,P1,WS1,\"a\"\"\"\n", 1, 0 },
        { "quotes inside quotes, quoted name with a comma", Header + "\n" + "\"2026-03-02T09:01:00Z\",S2,pnc,search,person,,\"SMITH, John (1980-01-02)\",WS1,\"Job \"\"X\"\", per DS\"\n" + Good + "\n", 2, 0 },
        { "last line without a newline", Header + "\n" + Good + "\n" + Good.Replace("S1", "S2", StringComparison.Ordinal), 2, 0 },
        { "quoted last line without a newline", Header + "\r\n" + Good + "\r\n" + "2026-03-02T09:01:00Z,S2,pnc,search,person,,\"P, 1\",WS1,\"a\"\"b\"", 2, 0 },
    };

    /// <summary>Every file goes down the path large files take: scanned while DuckDB already loads it, landing partitioned.</summary>
    private static EventStoreFolder ScannedBesideTheLoad(long maxQuarantined = IngestLimits.DefaultMaxQuarantined) => new(options => options with
    {
        ScanBesideLoadOverBytes = 0,
        Compaction = CompactionSettings.Default with { SmallSegmentMaxEvents = 0 },
        FileLimits = IngestLimits.DefaultFiles with { MaxQuarantined = maxQuarantined },
    });

    /// <summary>Headers DuckDB's strict reader cannot split: the scan took them whole, DuckDB then failed (a 500, or a count mismatch).</summary>
    public static TheoryData<string, string, string> UnreadableHeaders => new()
    {
        // A file whose lines end in a bare CR is one long line to the scan, but DuckDB detects CR as the line end and reads the events.
        { "bare CR line ends", Header + "\r" + Good + "\r" + Good.Replace("S1", "S2", StringComparison.Ordinal) + "\r", "carriage return" },
        { "header with a CR outside quotes", Header + "\rx\n" + Good + "\n", "carriage return" },
        { "header with text after a closing quote", "\"event_time\"x,staff_id,system,action,record_type,record_id,subject_person_id,workstation_id,reason_ref\n" + Good + "\n", "closing quote" },
    };

    [Theory]
    [MemberData(nameof(UnreadableHeaders))]
    public async Task A_header_DuckDB_cannot_split_refuses_the_batch_and_the_file_with_the_reason_not_a_500(string shape, string text, string reason)
    {
        using (var folder = new EventStoreFolder())
        {
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var refused = await Assert.ThrowsAsync<InvalidDataException>(() => folder.Store.IngestBatchAsync("http:" + shape, body, gzip: false, Ct));
            Assert.Contains("line 1: the header row cannot be read", refused.Message, StringComparison.Ordinal);
            Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, (await folder.Store.SummaryAsync(Ct)).Segments);
        }
        foreach (var besideTheLoad in new[] { false, true })
        {
            using var folder = besideTheLoad ? ScannedBesideTheLoad() : new EventStoreFolder();
            var path = Path.Combine(folder.Files, "log.csv");
            await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(text), Ct);
            var refused = await Assert.ThrowsAsync<InvalidDataException>(() => folder.IngestAsync(path));
            Assert.Contains("log.csv, line 1: the header row cannot be read", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, (await folder.Store.SummaryAsync(Ct)).Segments);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "staging")));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_line_the_scan_passes_is_stored_or_quarantined_by_batch(string shape, string text, long events, long quarantined)
    {
        using var folder = new EventStoreFolder();
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var result = await folder.Store.IngestBatchAsync("http:" + shape, body, gzip: false, Ct);
        Assert.Equal((events, quarantined), (result.Events, result.Quarantined));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_line_the_scan_passes_is_stored_or_quarantined_by_file(string shape, string text, long events, long quarantined)
    {
        using var folder = new EventStoreFolder();
        await AssertStoredOrQuarantinedAsync(folder, text, events, quarantined);
        _ = shape;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_line_the_scan_passes_is_stored_or_quarantined_by_a_file_landing_partitioned(string shape, string text, long events, long quarantined)
    {
        using var folder = new EventStoreFolder(CompactionSettings.Default with { SmallSegmentMaxEvents = 0 });
        await AssertStoredOrQuarantinedAsync(folder, text, events, quarantined);
        _ = shape;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_line_the_scan_passes_is_stored_or_quarantined_by_a_file_scanned_beside_its_load(string shape, string text, long events, long quarantined)
    {
        using var folder = ScannedBesideTheLoad();
        await AssertStoredOrQuarantinedAsync(folder, text, events, quarantined);
        Assert.Equal((events, quarantined), ((await folder.Store.SummaryAsync(Ct)).Events, (await folder.Store.SummaryAsync(Ct)).Quarantined));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "staging")));
        _ = shape;
    }

    /// <summary>The text written as a file and ingested ends as exactly these many events stored and lines quarantined.</summary>
    private static async Task AssertStoredOrQuarantinedAsync(EventStoreFolder folder, string text, long events, long quarantined)
    {
        var path = Path.Combine(folder.Files, "log.csv");
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(text), Ct);
        var result = await folder.IngestAsync(path);
        Assert.Equal((events, quarantined), (result.Events, result.Quarantined));
    }

    /// <summary>
    /// A gzipped Windows export scanned beside its load: a BOM, CRLF, quoted names and reasons with doubled quotes, a CRLF
    /// inside a quoted reason, a 10 MB line, a line with a field too many, a bad action and a last line without its
    /// newline. The lines DuckDB must not read make the scan throw the early load away; every line ends stored or
    /// quarantined with its number and reason, and lookups find what was stored.
    /// </summary>
    [Fact]
    public async Task A_gzipped_export_with_a_ten_megabyte_line_scanned_beside_its_load_quarantines_each_bad_line_with_its_number()
    {
        using var folder = ScannedBesideTheLoad();
        string[] lines =
        [
            "\uFEFF" + Header,
            "2026-03-02T09:00:00+00:00,S1,pnc,search,person,,\"SMITH, John (1980-01-02)\",WS1,\"Job \"\"X\"\" follow-up, per DS\"",
            "2026-03-02T09:01:00Z,S2,cris,view,crime,CRIS/1/24,P2,WS2,\"two\r\nlines\"",
            "2026-03-02T09:02:00Z,S3,cris,view,crime,CR3,P3,WS3," + new string('x', 10_000_000),
            "2026-03-02T09:03:00Z,S4,cris,view,crime,CR4,P4,WS4,,surplus",
            "2026-03-02T09:04:00Z,S5,cris,peek,crime,CR5,P5,WS5,",
            "\"2026-03-02 10:05:00.123+01\",\"S6\",\"cris\",\"view\",\"crime\",\"CR6\",\"P6\",\"WS6\",\"\"",
        ];
        var path = Path.Combine(folder.Files, "export.csv.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), Ct);

        var result = await folder.IngestAsync(path);

        Assert.Equal((3L, 3L), (result.Events, result.Quarantined));
        var quarantine = await folder.Store.QuarantineAsync(10, Ct);
        Assert.Equal([5L, 6L], quarantine.Where(q => q.Line is not null).Select(q => q.Line!.Value).Order());
        Assert.Contains(quarantine, q => q.Line == 5 && q.Reason.Contains("longer than", StringComparison.Ordinal));
        Assert.Contains(quarantine, q => q.Line == 6 && q.Reason.Contains("10 field(s)", StringComparison.Ordinal));
        Assert.Contains(quarantine, q => q.Line is null && q.Reason.Contains("action \"peek\"", StringComparison.Ordinal));
        Assert.Equal(["S1"], (await folder.SubjectAsync("SMITH, John (1980-01-02)")).Select(e => e.StaffId));
        Assert.Equal("two\r\nlines", Assert.Single(await folder.RecordAsync("CRIS/1/24")).ReasonRef);
        Assert.Equal(Utc("2026-03-02T09:05:00.123Z"), Assert.Single(await folder.SubjectAsync("P6")).Time);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "staging")));
    }

    [Fact]
    public async Task A_sound_file_scanned_beside_its_load_keeps_the_load_and_one_over_the_quarantine_limit_is_refused_whole()
    {
        using var folder = ScannedBesideTheLoad(maxQuarantined: 1);
        var good = Path.Combine(folder.Files, "good.csv");
        await File.WriteAllTextAsync(good, Header + "\r\n" + Good + "\r\n" + "2026-03-02T09:01:00Z,S2,pnc,search,person,,\"SMITH, Jo\",WS1,\"a, \"\"b\"\"\"\r\n", Ct);
        var bad = Path.Combine(folder.Files, "bad.csv");
        await File.WriteAllTextAsync(bad, Header + "\n" + Good + "\n" + "x,y\n" + "\"unterminated,\n" + Good.Replace("S1", "S9", StringComparison.Ordinal) + "\n", Ct);

        var stored = await folder.IngestAsync(good);
        var refused = await Assert.ThrowsAsync<IngestRefusedException>(() => folder.IngestAsync(bad));

        Assert.Equal((2L, 0L), (stored.Events, stored.Quarantined));
        Assert.Equal(["a, \"b\""], (await folder.SubjectAsync("SMITH, Jo")).Select(e => e.ReasonRef));
        Assert.Equal(IngestLimitKind.TooManyBadLines, refused.Kind);
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((1L, 2L, 0L), (summary.Segments, summary.Events, summary.Quarantined));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "staging")));
    }
}

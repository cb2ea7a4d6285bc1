using System.Text;
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
    };

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
        using (var folder = new EventStoreFolder())
        {
            var path = Path.Combine(folder.Files, "log.csv");
            await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(text), Ct);
            var refused = await Assert.ThrowsAsync<InvalidDataException>(() => folder.IngestAsync(path));
            Assert.Contains("log.csv, line 1: the header row cannot be read", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, (await folder.Store.SummaryAsync(Ct)).Segments);
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
        var path = Path.Combine(folder.Files, "log.csv");
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(text), Ct);
        var result = await folder.IngestAsync(path);
        Assert.Equal((events, quarantined), (result.Events, result.Quarantined));
        _ = shape;
    }
}

using System.IO.Compression;
using System.Text;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// What one ingest may hold: a gzip bomb, a flood of lines, or of broken lines, is refused whole while it is read
/// (nothing stored, the reason naming the limit and its setting); the broken lines DuckDB's reader cannot take
/// (invalid UTF-8, mixed line ends, overlong lines) are quarantined by line number and the rest kept.
/// </summary>
public sealed class IngestLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Good = "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1";

    private static DuckDbEventStore StoreWith(EventStoreFolder folder, IngestLimits batches, IngestLimits? files = null) =>
        new(new EventStoreOptions(folder.StoreRoot) { BatchLimits = batches, FileLimits = files ?? IngestLimits.DefaultFiles });

    /// <summary>A body as a system would stream it: gzip, written as it is read, never held whole.</summary>
    private static MemoryStream Gzipped(Action<Stream> write)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) write(gzip);
        buffer.Position = 0;
        return buffer;
    }

    private static void Lines(Stream to, string line, long count)
    {
        to.Write(Encoding.UTF8.GetBytes(Header + "\n"));
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        for (var i = 0; i < count; i++) to.Write(bytes);
    }

    private static async Task AssertNothingStoredAsync(EventStoreFolder folder, DuckDbEventStore store)
    {
        var summary = await store.SummaryAsync(Ct);
        Assert.Equal((0L, 0L, 0L), (summary.Segments, summary.Events, summary.Quarantined));
        Assert.Empty(await store.QuarantineAsync(10, Ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "staging")));
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_at_the_decompressed_limit_and_nothing_is_stored()
    {
        using var folder = new EventStoreFolder();
        var store = StoreWith(folder, IngestLimits.DefaultBatches with { MaxDecompressedBytes = 1_000_000 });
        // 64 MB of zeros: about 64 KB of gzip.
        using var bomb = Gzipped(z => { var zeros = new byte[1 << 20]; for (var i = 0; i < 64; i++) z.Write(zeros); });
        Assert.True(bomb.Length < 200_000);

        var refused = await Assert.ThrowsAsync<IngestRefusedException>(() => store.IngestBatchAsync("http:tests", bomb, gzip: true, Ct));

        Assert.Equal((IngestLimitKind.TooLarge, IngestLimits.MaxDecompressedBytesSetting, 1_000_000L), (refused.Kind, refused.Setting, refused.Limit));
        Assert.Contains("more than 1,000,000 bytes once decompressed", refused.Message, StringComparison.Ordinal);
        Assert.Contains(IngestLimits.MaxDecompressedBytesSetting, refused.Message, StringComparison.Ordinal);
        // It stopped at the limit: most of the bomb was never even read.
        Assert.True(bomb.Position < bomb.Length, $"read {bomb.Position} of {bomb.Length} bytes");
        await AssertNothingStoredAsync(folder, store);
    }

    [Fact]
    public async Task A_batch_of_more_lines_than_the_limit_is_refused_whole()
    {
        using var folder = new EventStoreFolder();
        var store = StoreWith(folder, IngestLimits.DefaultBatches with { MaxLines = 1_000 });
        using var body = Gzipped(z => Lines(z, Good, 1_001));

        var refused = await Assert.ThrowsAsync<IngestRefusedException>(() => store.IngestBatchAsync("http:tests", body, gzip: true, Ct));

        Assert.Equal((IngestLimitKind.TooLarge, IngestLimits.MaxLinesSetting), (refused.Kind, refused.Setting));
        Assert.Contains("more than 1,000 lines", refused.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(folder, store);

        using var exactly = Gzipped(z => Lines(z, Good, 1_000));
        var taken = await store.IngestBatchAsync("http:tests", exactly, gzip: true, Ct);
        Assert.Equal((1_000L, 0L), (taken.Events, taken.Quarantined));
    }

    [Theory]
    [InlineData("garbage line without fields")]             // too few fields
    [InlineData("a,b,c,d,e,f,g,h,i,j,k,l")]                 // too many
    [InlineData("2026-03-02T09:00:00Z,S1,cris,view,crime,\"CR1\"x,P1,WS1,T1")] // text after a closing quote
    [InlineData("x,y,z,w,v,u,t,s,r")]                        // the right shape, but nothing valid (DuckDB's validation)
    public async Task A_flood_of_lines_that_cannot_be_stored_is_refused_whole_and_nothing_is_quarantined(string bad)
    {
        using var folder = new EventStoreFolder();
        var store = StoreWith(folder, IngestLimits.DefaultBatches with { MaxQuarantined = 100 });
        using var body = Gzipped(z =>
        {
            Lines(z, Good, 10);
            var line = Encoding.UTF8.GetBytes(bad + "\n");
            for (var i = 0; i < 200_000; i++) z.Write(line);
        });

        var refused = await Assert.ThrowsAsync<IngestRefusedException>(() => store.IngestBatchAsync("http:tests:b1", body, gzip: true, Ct));

        Assert.Equal((IngestLimitKind.TooManyBadLines, IngestLimits.MaxQuarantinedSetting, 100L), (refused.Kind, refused.Setting, refused.Limit));
        Assert.Contains("at most 100 may be quarantined per batch or file", refused.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(folder, store);
    }

    [Fact]
    public async Task Up_to_the_limit_broken_lines_are_quarantined_and_the_good_ones_stored()
    {
        using var folder = new EventStoreFolder();
        var store = StoreWith(folder, IngestLimits.DefaultBatches with { MaxQuarantined = 3 });
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', Header, Good, "broken", "x,y,z,w,v,u,t,s,r", "a,b", Good.Replace("CR1", "CR2", StringComparison.Ordinal)) + "\n"));

        var result = await store.IngestBatchAsync("http:tests", body, gzip: false, Ct);

        Assert.Equal((2L, 3L), (result.Events, result.Quarantined));
        var quarantine = await store.QuarantineAsync(10, Ct);
        Assert.Equal([3L, 5L], quarantine.Where(q => q.Line is not null).Select(q => q.Line!.Value).Order());
        Assert.Contains(quarantine, q => q.Line == 3 && q.Reason == "line 3: has 1 field(s) where the header has 9" && q.Raw == "broken");
    }

    [Fact]
    public async Task A_line_that_is_not_UTF8_is_quarantined_by_its_number_and_the_lines_around_it_are_kept()
    {
        using var folder = new EventStoreFolder();
        var path = Path.Combine(folder.Files, "access_events.csv");
        using (var file = File.Create(path))
        {
            file.Write(Encoding.UTF8.GetBytes(Header + "\n" + Good + "\n"));
            file.Write([.. Encoding.UTF8.GetBytes("2026-03-02T09:05:00Z,S1,cris,view,crime,"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(",P1,WS1,T1\n")]);
            file.Write(Encoding.UTF8.GetBytes(Good.Replace("CR1", "CR3", StringComparison.Ordinal) + "\n"));
        }

        var result = await folder.IngestAsync(path);

        Assert.Equal((2L, 1L), (result.Events, result.Quarantined));
        var line = Assert.Single(await folder.Store.QuarantineAsync(10, Ct));
        Assert.Equal((3L, "line 3: is not valid UTF-8 text"), (line.Line, line.Reason));
        Assert.Equal(["CR1", "CR3"], (await folder.SubjectAsync("P1")).Select(e => e.RecordId!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_file_mixing_LF_and_CRLF_line_ends_is_read_whole()
    {
        using var folder = new EventStoreFolder();
        var path = Path.Combine(folder.Files, "access_events.csv");
        File.WriteAllText(path, Header + "\r\n" + Good + "\n" + Good.Replace("CR1", "CR2", StringComparison.Ordinal) + "\r\n\r\n"
            + Good.Replace("CR1", "\"CR\n3\"", StringComparison.Ordinal) + "\n");

        var result = await folder.IngestAsync(path);

        Assert.Equal((3L, 0L), (result.Events, result.Quarantined));
        Assert.Contains("CR\n3", (await folder.SubjectAsync("P1")).Select(e => e.RecordId));
    }

    [Fact]
    public async Task An_overlong_line_is_quarantined_without_being_held_and_the_next_line_is_kept()
    {
        using var folder = new EventStoreFolder();
        var path = Path.Combine(folder.Files, "access_events.csv");
        File.WriteAllText(path, Header + "\n" + Good + "\n" + "2026-03-02T09:05:00Z,S1,cris,view,crime," + new string('x', 3 * IngestLimits.MaxLineBytes) + ",P1,WS1,T1\n"
            + Good.Replace("CR1", "CR3", StringComparison.Ordinal) + "\n");

        var result = await folder.IngestAsync(path);

        Assert.Equal((2L, 1L), (result.Events, result.Quarantined));
        var line = Assert.Single(await folder.Store.QuarantineAsync(10, Ct));
        Assert.Equal(3, line.Line);
        Assert.Contains("longer than 65,536 bytes", line.Reason, StringComparison.Ordinal);
        Assert.True(line.Raw!.Length <= 2_048);
    }

    [Fact]
    public async Task A_file_with_more_broken_lines_than_the_limit_is_refused_and_the_other_files_still_load()
    {
        using var folder = new EventStoreFolder();
        var store = StoreWith(folder, IngestLimits.DefaultBatches, IngestLimits.DefaultFiles with { MaxQuarantined = 5 });
        var junk = folder.Gzip("access_events-junk.csv.gz", [Header, .. Enumerable.Repeat("garbage", 50_000)]);
        var day = folder.Csv("access_events-day.csv", Header, Good);

        var results = await store.IngestFilesAsync([junk, day], null, Ct);

        Assert.Contains("at most 5 may be quarantined per batch or file", results[0].Refused, StringComparison.Ordinal);
        Assert.Contains(IngestLimits.MaxQuarantinedSetting, results[0].Refused, StringComparison.Ordinal);
        Assert.Equal((null, 1L), (results[1].Refused, results[1].Events));
        var summary = await store.SummaryAsync(Ct);
        Assert.Equal((1L, 1L, 0L), (summary.Segments, summary.Events, summary.Quarantined));
    }

    [Fact]
    public async Task The_same_batch_gzipped_or_as_a_file_is_recognised_as_the_same_content()
    {
        using var folder = new EventStoreFolder();
        var path = folder.Gzip("access_events.csv.gz", Header, Good);
        var first = await folder.IngestAsync(path);

        await using var body = File.OpenRead(path);
        var again = await folder.Store.IngestBatchAsync("http:tests", body, gzip: true, Ct);

        Assert.True(again.Duplicate);
        Assert.Equal(first.SegmentId, again.SegmentId);
    }
}

using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>What a crash mid-ingest leaves behind is discarded on the next open, and never read.</summary>
public sealed class StoreRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_segment_folder_the_catalog_does_not_list_is_removed_on_the_next_open_and_never_read()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-1.csv", Header,
            "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1",
            "2026-03-02T10:00:00Z,S2,cris,view,crime,CR1,P1,WS2,"));
        // A crash after the segment was moved into place but before the catalog listed it: a complete copy of real data.
        var segments = Path.Combine(folder.StoreRoot, "segments");
        var listed = Assert.Single(Directory.GetDirectories(segments));
        var orphan = Path.Combine(segments, "00000002");
        CopyFolder(listed, orphan);
        var staging = Path.Combine(folder.StoreRoot, "staging");
        CopyFolder(listed, Path.Combine(staging, "half-written"));
        File.WriteAllText(Path.Combine(staging, "batch-1.csv"), "event_time");

        var store = folder.Reopen();
        var aboutP1 = await folder.SubjectAsync("P1");

        Assert.Equal(["S1", "S2"], aboutP1.Select(e => e.StaffId));
        Assert.Equal(2, (await folder.RecordAsync("CR1")).Count);
        Assert.False(Directory.Exists(orphan));
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
        var summary = await store.SummaryAsync(Ct);
        Assert.Equal((1, 2), (summary.Segments, summary.Events));
    }

    [Fact]
    public async Task After_recovery_the_next_ingest_takes_the_orphan_s_place_without_mixing_in_its_files()
    {
        using var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-1.csv", Header, "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1"));
        var segments = Path.Combine(folder.StoreRoot, "segments");
        CopyFolder(Assert.Single(Directory.GetDirectories(segments)), Path.Combine(segments, "00000002"));
        folder.Reopen();

        var second = await folder.IngestAsync(folder.Csv("access_events-2.csv", Header, "2026-03-03T09:00:00Z,S3,cris,view,crime,CR1,P1,WS3,"));

        Assert.Equal(2, second.SegmentId);
        Assert.Equal(["S1", "S3"], (await folder.RecordAsync("CR1")).Select(e => e.StaffId));
        Assert.Equal(["S1", "S3"], (await folder.SubjectAsync("P1")).Select(e => e.StaffId));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

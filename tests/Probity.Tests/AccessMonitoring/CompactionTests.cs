using System.Text;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.AccessMonitoring.Simulation;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// Small batches land as small segments (one Parquet file each) and are merged into a partitioned segment by
/// compaction (ADR 0008 addendum). The answers never depend on which: a store fed one big file, the same events as
/// many small batches, and those batches compacted, answer who-accessed, a user's accesses and detection alike.
/// </summary>
public sealed class CompactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AccessSimulationOptions Force = new(Seed: 5, FirstDay: new DateOnly(2026, 3, 10), Days: 1, Users: 200, EventsPerUserPerDay: 60) { WarmUpDays = 0 };

    /// <summary>Every batch partitioned as it loads, as before small segments.</summary>
    private static readonly CompactionSettings AlwaysPartitioned = CompactionSettings.Default with { SmallSegmentMaxEvents = 0 };

    [Fact]
    public async Task Many_small_batches_answer_as_one_big_ingest_before_and_after_compaction()
    {
        var simulation = new AccessSimulation(Force);
        var csv = new StringWriter();
        var written = simulation.WriteCsv(csv, 0);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var big = new EventStoreFolder(AlwaysPartitioned);
        var file = big.Csv("access_events.csv", lines);
        var one = await big.IngestAsync(file);
        Assert.Equal(written, one.Events);
        using var batched = new EventStoreFolder();
        var batches = 0;
        foreach (var chunk in lines.Skip(1).Chunk(700))
        {
            var result = await Batch(batched.Store, $"b{batches++}", [Header, .. chunk]);
            Assert.False(result.Duplicate);
        }
        Assert.True(batches >= 10, $"{batches} batches");
        var segments = Path.Combine(batched.StoreRoot, "segments");
        Assert.All(Directory.GetDirectories(segments), d => Assert.True(File.Exists(Path.Combine(d, "events.parquet")), d));

        await big.Store.ReplaceReferenceAsync(simulation.Reference, Ct);
        await batched.Store.ReplaceReferenceAsync(simulation.Reference, Ct);
        var expected = await AnswersOf(big, lines);
        Assert.True(expected.Detection.Count > 0, "the planted misuse raises alerts");
        Assert.Equal(expected, await AnswersOf(batched, lines));

        var compacted = await batched.Store.CompactAsync(force: true, Ct);

        Assert.Equal((batches, written, 1), (compacted.Segments, compacted.Events, compacted.Folders));
        var merged = Assert.Single(Directory.GetDirectories(segments));
        Assert.True(File.Exists(Path.Combine(merged, "records.parquet")));
        Assert.NotEmpty(Directory.GetDirectories(merged, "sb=*"));
        Assert.Equal(expected, await AnswersOf(batched, lines));
        Assert.Equal(expected, await AnswersOf(batched, lines, reopen: true));
        var summary = await batched.Store.SummaryAsync(Ct);
        Assert.Equal((batches, written), (summary.Segments, summary.Events));
        Assert.Equal(CompactionResult.Nothing, await batched.Store.CompactAsync(force: true, Ct));
    }

    [Fact]
    public async Task Compaction_keeps_every_event_and_the_quarantine_and_a_compacted_batch_sent_again_is_a_duplicate()
    {
        using var folder = new EventStoreFolder();
        string[] first = [Header, "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,T1", "2026-03-02T09:01:00Z,S1,cris,bogus,crime,CR1,P1,WS1,", "2026-03-02T09:02:00Z,S1,cris"];
        string[] second = [Header, "2026-03-02T10:00:00+01:00,S2,cris,view,crime,CR1,P1,WS2,", "2026-03-02T10:05:00,S2,pnc,search,person,,P2,WS2,"];
        string[] third = [Header, "not a time,S3,pnc,search,person,,P2,WS3,"];
        var results = new[] { await Batch(folder.Store, "a", first), await Batch(folder.Store, "b", second), await Batch(folder.Store, "c", third) };
        Assert.Equal([(1L, 2L), (1L, 1L), (0L, 1L)], results.Select(r => (r.Events, r.Quarantined)));
        var quarantine = (await folder.Store.QuarantineAsync(100, Ct)).OrderBy(q => q.Reason, StringComparer.Ordinal).ToList();

        var compacted = await folder.Store.CompactAsync(force: true, Ct);

        Assert.Equal((3, 2L), (compacted.Segments, compacted.Events));
        var summary = await folder.Store.SummaryAsync(Ct);
        Assert.Equal((3L, 2L, 4L), (summary.Segments, summary.Events, summary.Quarantined));
        Assert.Equal(quarantine, (await folder.Store.QuarantineAsync(100, Ct)).OrderBy(q => q.Reason, StringComparer.Ordinal));
        Assert.Equal(["S1", "S2"], (await folder.RecordAsync("CR1")).Select(e => e.StaffId));
        Assert.Equal(["S1", "S2"], (await folder.SubjectAsync("P1")).Select(e => e.StaffId));
        Assert.True(summary.BytesOnDisk > 0);
        Assert.Equal(summary.BytesOnDisk, Directory.EnumerateFiles(Path.Combine(folder.StoreRoot, "segments"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));

        foreach (var (lines, original) in new[] { (first, results[0]), (third, results[2]) })
        {
            var again = await Batch(folder.Store, "again", lines);
            Assert.True(again.Duplicate);
            Assert.Equal(original.SegmentId, again.SegmentId);
        }
        folder.Reopen();
        Assert.True((await Batch(folder.Store, "again", second)).Duplicate);
        Assert.Equal((3L, 2L, 4L), await Counts(folder));
    }

    [Fact]
    public async Task Compaction_runs_by_itself_only_once_the_small_segments_pass_their_threshold()
    {
        using var folder = new EventStoreFolder(CompactionSettings.Default with { CompactAfterSegments = 3 });
        await Batch(folder.Store, "a", [Header, "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,"]);
        await Batch(folder.Store, "b", [Header, "2026-03-02T09:01:00Z,S2,cris,view,crime,CR1,P1,WS2,"]);
        Assert.Equal(CompactionResult.Nothing, await folder.Store.CompactAsync(force: false, Ct));

        await Batch(folder.Store, "c", [Header, "2026-03-02T09:02:00Z,S3,cris,view,crime,CR1,P1,WS3,"]);
        var due = await folder.Store.CompactAsync(force: false, Ct);

        Assert.Equal((3, 3L), (due.Segments, due.Events));
        // A later small batch is read beside the merged segment until the next compaction.
        await Batch(folder.Store, "d", [Header, "2026-03-02T09:03:00Z,S4,cris,view,crime,CR1,P1,WS4,"]);
        Assert.Equal(["S1", "S2", "S3", "S4"], (await folder.RecordAsync("CR1")).Select(e => e.StaffId));
        Assert.Equal(["S1", "S2", "S3", "S4"], (await folder.SubjectAsync("P1")).Select(e => e.StaffId));
        Assert.Equal(["S4"], (await folder.Store.AccessesByAsync("S4", Ever.From, Ever.To, 10, Ct)).Select(e => e.StaffId));
    }

    [Fact]
    public async Task A_crash_mid_compaction_leaves_the_store_readable_and_correct_and_a_crash_after_it_double_counts_nothing()
    {
        using var folder = new EventStoreFolder();
        await Batch(folder.Store, "a", [Header, "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,"]);
        await Batch(folder.Store, "b", [Header, "2026-03-02T09:01:00Z,S2,cris,view,crime,CR1,P1,WS2,"]);
        var segments = Path.Combine(folder.StoreRoot, "segments");
        var small = Directory.GetDirectories(segments).Order(StringComparer.Ordinal).ToArray();
        // A compaction that had merged the small files and was moving its folder into place when the process died:
        // a complete merged copy in staging, and another already in segments/ but never listed in the catalog.
        var merged = Path.Combine(folder.Path, "merged");
        using (var scratch = new EventStoreFolder(AlwaysPartitioned))
        {
            await Batch(scratch.Store, "a", [Header, "2026-03-02T09:00:00Z,S1,cris,view,crime,CR1,P1,WS1,"]);
            CopyFolder(Assert.Single(Directory.GetDirectories(Path.Combine(scratch.StoreRoot, "segments"))), merged);
        }
        CopyFolder(merged, Path.Combine(folder.StoreRoot, "staging", "compact-0123"));
        CopyFolder(merged, Path.Combine(segments, "00000003"));

        folder.Reopen();

        Assert.Equal(["S1", "S2"], (await folder.RecordAsync("CR1")).Select(e => e.StaffId));
        Assert.Equal(["S1", "S2"], (await folder.SubjectAsync("P1")).Select(e => e.StaffId));
        Assert.False(Directory.Exists(Path.Combine(segments, "00000003")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.StoreRoot, "staging")));

        // Compacted after all; then a crash before the merged small folders were deleted (put back here): they are
        // unlisted, so never read twice, and the next start removes them.
        var kept = Path.Combine(folder.Path, "kept");
        CopyFolder(small[0], kept);
        var compacted = await folder.Store.CompactAsync(force: true, Ct);
        Assert.Equal(2, compacted.Segments);
        CopyFolder(kept, small[0]);
        Assert.Equal(["S1", "S2"], (await folder.RecordAsync("CR1")).Select(e => e.StaffId));
        folder.Reopen();
        Assert.Equal(["S1", "S2"], (await folder.SubjectAsync("P1")).Select(e => e.StaffId));
        Assert.False(Directory.Exists(small[0]));
        Assert.Equal((2L, 2L, 0L), await Counts(folder));
        // The next ingest takes a number above the merged folder's, so it never lands in it.
        var next = await Batch(folder.Store, "c", [Header, "2026-03-02T09:02:00Z,S3,cris,view,crime,CR1,P1,WS3,"]);
        Assert.True(next.SegmentId > compacted.Folder);
        Assert.Equal(["S1", "S2", "S3"], (await folder.RecordAsync("CR1")).Select(e => e.StaffId));
    }

    private static Task<IngestResult> Batch(DuckDbEventStore store, string id, string[] lines) =>
        store.IngestBatchAsync($"http:test:{id}", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")), gzip: false, Ct);

    private static async Task<(long, long, long)> Counts(EventStoreFolder folder)
    {
        var summary = await folder.Store.SummaryAsync(Ct);
        return (summary.Segments, summary.Events, summary.Quarantined);
    }

    private sealed record Answers(string Subjects, string Records, string ByStaff, long Examined, IReadOnlyList<string> Detection)
    {
        public bool Equals(Answers? other) => other is not null && (Subjects, Records, ByStaff, Examined) == (other.Subjects, other.Records, other.ByStaff, other.Examined)
            && Detection.SequenceEqual(other.Detection);

        public override int GetHashCode() => Subjects.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>who-accessed for a spread of subjects and records, a few users' accesses, and the day's detection, as text.</summary>
    private static async Task<Answers> AnswersOf(EventStoreFolder folder, string[] lines, bool reopen = false)
    {
        if (reopen) folder.Reopen();
        var fields = lines.Skip(1).Where((_, i) => i % 97 == 0).Select(l => l.Split(',')).ToList();
        var subjects = new StringBuilder();
        foreach (var subject in fields.Select(f => f[6]).Where(s => s.Length > 0).Distinct().Take(25))
            subjects.AppendJoin(';', Sorted(await folder.SubjectAsync(subject))).Append('|');
        var records = new StringBuilder();
        foreach (var record in fields.Select(f => f[5]).Where(s => s.Length > 0).Distinct().Take(25))
            records.AppendJoin(';', Sorted(await folder.RecordAsync(record))).Append('|');
        var byStaff = new StringBuilder();
        foreach (var staff in fields.Select(f => f[1]).Distinct().Take(5))
            byStaff.AppendJoin(';', Sorted(await folder.Store.AccessesByAsync(staff, Ever.From, Ever.To, 1000, Ct))).Append('|');
        var output = await folder.Store.DetectAsync(new DetectionRequest(Force.FirstDay, Force.FirstDay, MisuseRuleSet.BuiltIn()), null, Ct);
        var detection = output.Signals.Select(s => $"{s.Rule} {s.StaffId} {s.First:O} {s.Last:O}").Order(StringComparer.Ordinal).ToList();
        return new Answers(subjects.ToString(), records.ToString(), byStaff.ToString(), output.EventsExamined, detection);
    }

    /// <summary>The same events in the same order: accesses in the same second come back in either order (the query orders by time).</summary>
    private static IEnumerable<string> Sorted(IReadOnlyList<AccessEvent> events) => events.Select(e => e.ToString()).Order(StringComparer.Ordinal);

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

using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>
/// An alert lists a sample of its accesses (the rules' evidence limit). With more accesses of the same second than the
/// limit, which ones are listed must not depend on the order the store read them in: a decision is checked against what
/// it was shown (<see cref="ScoredAlert.MustHaveShown"/>), and a re-run of the same day that listed other accesses would
/// seem to hold something new. Before, a finding sampled its first fifty in read order, and the day's sample in the store
/// broke ties of the same second on four fields only.
/// </summary>
public sealed class SampleOrderTests
{
    private static readonly MisuseRuleSet Rules = MisuseRuleSet.BuiltIn();
    private static readonly DateTimeOffset Moment = Utc("2026-03-12T09:00:00Z");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Fifty-four looks at one flagged person in the same second. The limit (50) falls among four accesses of one record
    /// told apart only by workstation or reason, fields late in the order.
    /// </summary>
    private static List<AccessEvent> SameSecond() =>
    [
        .. Enumerable.Range(0, 48).Select(i => new AccessEvent(Moment, "S1", "cris", "view", "crime", $"CR{i:00}", "P9", "WS1", null)),
        new(Moment, "S1", "cris", "view", "crime", "CR48", "P9", "WS3", null),
        new(Moment, "S1", "cris", "view", "crime", "CR48", "P9", "WS1", "T-1"),
        new(Moment, "S1", "cris", "view", "crime", "CR48", "P9", "WS2", null),
        new(Moment, "S1", "cris", "view", "crime", "CR48", "P9", "WS1", null),
        // No record: ordered by the person, as a look at a person is (after every CR.. here).
        new(Moment, "S1", "pnc", "search", "person", null, "P9", "WS1", null),
        new(Moment, "S1", "pnc", "search", "person", null, "P9", "WS3", null),
    ];

    [Fact]
    public void A_finding_lists_the_same_accesses_whatever_order_they_were_read_in()
    {
        var looks = SameSecond();
        Assert.True(looks.Count > Rules.EvidenceLimit);
        IReadOnlyList<AccessEvent> Listed(IEnumerable<AccessEvent> read) =>
            DetectionSignals.FromHits(read.Select(e => new DetectionSignals.Hit(e, "ocn_nominal", false)).ToList(), [], Rules)
                .Single(s => s.Rule == MisuseRuleIds.SensitiveSubject).Evidence;

        var expected = AccessOrder.Sample(looks, Rules.EvidenceLimit);
        Assert.Equal(expected, Listed(looks));
        Assert.Equal(expected, Listed(Enumerable.Reverse(looks)));
        var random = new Random(12);
        for (var i = 0; i < 5; i++) Assert.Equal(expected, Listed(looks.OrderBy(_ => random.Next())));
        // The person-only searches sort by the person (P9) after the records (CR..), so they are past the limit here; and of
        // the four looks at CR48, the two first by workstation (then reason) are listed.
        Assert.DoesNotContain(expected, e => e.RecordId is null);
        Assert.Equal([("WS1", null), ("WS1", "T-1")], expected.Where(e => e.RecordId == "CR48").Select(e => (e.WorkstationId, e.ReasonRef)));
    }

    [Fact]
    public async Task The_store_samples_a_day_the_same_whatever_order_and_files_the_accesses_came_in()
    {
        var looks = SameSecond();
        static string Line(AccessEvent e) =>
            $"{e.Time:yyyy-MM-ddTHH:mm:ssZ},{e.StaffId},{e.System},{e.Action},{e.RecordType},{e.RecordId},{e.SubjectPersonId},{e.WorkstationId},{e.ReasonRef}";
        async Task<List<AccessEvent>> SampledAsync(params IEnumerable<AccessEvent>[] files)
        {
            using var folder = new EventStoreFolder();
            var n = 0;
            foreach (var file in files)
                await folder.IngestAsync(folder.Csv($"access_events-2026-03-12-{n++}.csv", [Header, .. file.Select(Line)]));
            using var pass = await folder.Store.BeginDetectionAsync(Moment.AddHours(-9), Moment.AddHours(15), Ct);
            var days = pass.DayEvidence(["S1"], Rules.OutOfHours, Rules.EvidenceLimit);
            return [.. AccessOrder.InOrder(days[("S1", "2026-03-12", false)])];
        }

        var inOrder = await SampledAsync(looks);
        Assert.Equal(Rules.EvidenceLimit, inOrder.Count);
        Assert.Equal(inOrder, await SampledAsync(Enumerable.Reverse(looks)));
        Assert.Equal(inOrder, await SampledAsync(looks.Skip(30), looks.Take(30)));
        // The store's fields are the same order as the one a finding samples in.
        Assert.Equal(AccessOrder.Sample(looks, Rules.EvidenceLimit), inOrder);
    }
}

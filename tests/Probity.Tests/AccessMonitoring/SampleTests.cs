using System.Globalization;
using Probity.AccessMonitoring.EventStore;
using static Probity.Tests.AccessMonitoring.EventStoreFolder;

namespace Probity.Tests.AccessMonitoring;

/// <summary>Dip-sampling for supervisors: the same seed must draw the same accesses, so a sample can be shown again and checked.</summary>
public sealed class SampleTests
{
    private static readonly DateTimeOffset Day1 = Utc("2026-03-02T00:00:00Z");
    private static readonly string[] Staff = ["S1", "S2", "S3"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two days of 40 accesses each for S1, S2 and S3.</summary>
    private static List<string> Lines(int day) =>
        Staff.SelectMany((s, k) => Enumerable.Range(0, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture,
                $"{Day1.AddDays(day).AddMinutes(i * 17 + k):yyyy-MM-ddTHH:mm:ssZ},{s},cris,view,crime,CR{day}{i:D3}{k},P{i % 7},WS{k},"))).ToList();

    private static async Task<EventStoreFolder> TwoDaysAsync()
    {
        var folder = new EventStoreFolder();
        await folder.IngestAsync(folder.Csv("access_events-1.csv", [Header, .. Lines(0)]));
        await folder.IngestAsync(folder.Csv("access_events-2.csv", [Header, .. Lines(1)]));
        return folder;
    }

    private static Task<IReadOnlyList<AccessEvent>> SampleAsync(EventStoreFolder folder, int seed, int perUser = 5, string[]? staff = null) =>
        folder.Store.SampleAsync(staff ?? ["S1", "S2"], Day1, Day1.AddDays(1), perUser, seed, Ct);

    [Fact]
    public async Task The_same_seed_draws_the_same_accesses_and_another_seed_draws_others()
    {
        using var folder = await TwoDaysAsync();

        var first = await SampleAsync(folder, seed: 42);
        var again = await SampleAsync(folder, seed: 42);
        var other = await SampleAsync(folder, seed: 43);

        Assert.Equal(10, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(e => e.RecordId), other.Select(e => e.RecordId));
    }

    [Fact]
    public async Task The_draw_does_not_depend_on_how_the_events_were_split_into_files()
    {
        using var split = await TwoDaysAsync();
        using var whole = new EventStoreFolder();
        var day0 = Lines(0);
        await whole.IngestAsync(whole.Csv("access_events-b.csv", [Header, .. day0.Skip(50)]));
        await whole.IngestAsync(whole.Csv("access_events-a.csv", [Header, .. day0.Take(50).Reverse()]));

        Assert.Equal(await SampleAsync(split, seed: 7), await SampleAsync(whole, seed: 7));
    }

    [Fact]
    public async Task At_most_per_user_accesses_each_only_for_the_named_staff_and_only_in_the_window()
    {
        using var folder = await TwoDaysAsync();

        var sample = await SampleAsync(folder, seed: 1, perUser: 3);

        Assert.Equal([("S1", 3), ("S2", 3)], sample.GroupBy(e => e.StaffId).Select(g => (g.Key, g.Count())));
        Assert.All(sample, e => Assert.InRange(e.Time, Day1, Day1.AddDays(1).AddTicks(-1)));
        Assert.All(sample, e => Assert.StartsWith("CR0", e.RecordId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_with_fewer_accesses_than_asked_for_gives_all_of_them_and_an_unknown_user_none()
    {
        using var folder = await TwoDaysAsync();

        var sample = await SampleAsync(folder, seed: 1, perUser: 100, staff: ["S3", "S404"]);

        Assert.Equal(40, sample.Count);
        Assert.All(sample, e => Assert.Equal("S3", e.StaffId));
        Assert.Empty(await SampleAsync(folder, seed: 1, staff: []));
    }
}

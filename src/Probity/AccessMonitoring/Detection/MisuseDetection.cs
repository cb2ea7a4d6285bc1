using System.Diagnostics;
using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// Detection over a window, against any event store that answers <see cref="IDetectionQueries"/>: (1) per-user,
/// per-day counts and how each access is explained; (2) the explanation shares per system and unit; (3) the few
/// accesses that touch a linked or flagged person, print or export something sensitive, or are a user's first use of a
/// system, with no covering assignment; (4) each user-day against their own history and their peers, with evidence;
/// (5) the leaks; (6) every finding rated by how seldom routine work in the role gives it (<see cref="RoutineRarity"/>);
/// then the day is kept as the baseline for later days. The thresholds are applied in
/// <see cref="DetectionSignals"/>; scoring and words in <see cref="ExplainAlert"/>.
/// </summary>
internal static class MisuseDetection
{
    public static async Task<DetectionOutput> DetectAsync(this IDetectionQueries store, DetectionRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        using var pass = await store.BeginDetectionAsync(request.Start, request.End, ct);
        return await Task.Run(() => Detect(pass, request, progress, ct), ct);
    }

    private static DetectionOutput Detect(IDetectionPass pass, DetectionRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var rules = request.Rules;
        var stages = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Stage(string name)
        {
            stages.Add((name, clock.Elapsed));
            progress?.Report(name);
            clock.Restart();
            ct.ThrowIfCancellationRequested();
        }

        if (!pass.HasEvents) return new DetectionOutput([], [], 0, 0, stages);

        pass.CountAccessesByExplanation(rules.OutOfHours, rules.OwnRecords);
        Stage("explanation");
        pass.CountUserDays();
        Stage("aggregates");

        pass.FindUnitNormalWork(rules.UnitNorm);
        pass.ReadHistory(request.From, rules.BaselineDays);
        var shares = pass.ExplanationShares();

        // A system first used yesterday still counts as new today, so a night shift's first use is not split in two at midnight.
        // From the first day: with no history of their own, a user is held to their unit's normal work alone.
        var firstTime = rules.Rule(MisuseRuleIds.FirstTimeSystem);
        pass.FindFirstUses(firstTime is null ? null : new FirstUseCriteria(request.From, 0, firstTime.Minimum));
        var hits = pass.UncoveredEventRuleHits(rules.SensitiveFlags.ToList(), rules.SensitiveRecordTypes);
        Stage("event rules");

        var signals = new List<MisuseSignal>();
        var associations = pass.AssociationsOf(hits.Select(h => h.Event.StaffId).Distinct().ToList());
        signals.AddRange(DetectionSignals.FromHits(hits, associations, rules));

        var userDays = pass.UserDaysWithPeers();
        var statistical = DetectionSignals.FromDaily(userDays, rules);
        var historyDays = userDays.GroupBy(d => d.StaffId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(d => d.HistoryDays), StringComparer.Ordinal);
        signals.AddRange(DetectionSignals.FromFirstTime(FirstTimeUses(pass.FirstUses(), hits), pass.StaffUnits(), rules, historyDays));
        if (statistical.Count > 0)
        {
            var evidence = DayEvidence(pass, statistical.Select(s => s.StaffId).Distinct(StringComparer.Ordinal).ToList(), rules);
            signals.AddRange(statistical.Select(s => s with { Evidence = evidence.GetValueOrDefault((s.StaffId, s.Key, s.Rule == MisuseRuleIds.OutOfHoursSearch), []) }));
        }
        Stage("statistical rules");

        if (rules.Rule(MisuseRuleIds.PreLeakAccess) is not null)
            signals.AddRange(Leaks(pass, request.Start, request.End));
        Stage("leaks");

        // One scale for every rule: rarity among role peers' user-days in this window, joined with the day's other findings.
        var rated = RoutineRarity.Rate(WithUnitColleagues(pass, signals), userDays, rules.OutOfHours);

        var (events, users) = (shares.Sum(s => s.Total), pass.ActiveUsers());
        if (request.UpdateBaselines) pass.SaveBaselines(request.From, request.To);
        Stage("baselines");
        return new DetectionOutput(rated, shares, events, users, stages);
    }

    /// <summary>
    /// Each finding about a person learns how many others of the user's unit had recorded work on that person in the
    /// window (<see cref="IDetectionPass.UnitColleaguesTouching"/>): a detainee is the whole suite's work, while a private
    /// interest is one person's (<see cref="RoutineRarity"/> rates contacts with the unit's people against the role's).
    /// </summary>
    private static List<MisuseSignal> WithUnitColleagues(IDetectionPass pass, List<MisuseSignal> signals)
    {
        var counts = pass.UnitColleaguesTouching(signals.SelectMany(s => s.Persons.Select(p => (s.StaffId, p))).ToList());
        return signals.Select(s => s.Persons.Count == 0 ? s
            : s with { Measures = new Dictionary<string, double>(s.Measures) { ["unit_colleagues"] = s.Persons.Max(p => counts.GetValueOrDefault((s.StaffId, p))) } }).ToList();
    }

    /// <summary>A first use alerts on its unexplained accesses: those among the event rules' hits.</summary>
    private static List<DetectionSignals.FirstTimeUse> FirstTimeUses(IReadOnlyList<FirstUseCount> uses, IReadOnlyList<DetectionSignals.Hit> hits)
    {
        var unexplained = hits.Where(h => h.FirstTime).GroupBy(h => (h.Event.StaffId, h.Event.System, h.Event.RecordType ?? ""))
            .ToDictionary(g => g.Key, g => g.ToList());
        return uses.Where(u => unexplained.ContainsKey((u.StaffId, u.System, u.RecordType)))
            .Select(u => new DetectionSignals.FirstTimeUse(u.StaffId, u.System, u.RecordType, u.Events, unexplained[(u.StaffId, u.System, u.RecordType)].Select(h => h.Event).ToList()))
            .ToList();
    }

    private static Dictionary<(string Staff, string Day, bool OutOfHours), List<AccessEvent>> DayEvidence(IDetectionPass pass, IReadOnlyCollection<string> staff, MisuseRuleSet rules)
    {
        // The store samples each day in AccessOrder's fields and reads the sample back in no fixed order: listed in that order.
        var result = pass.DayEvidence(staff, rules.OutOfHours, rules.EvidenceLimit).ToDictionary(e => e.Key, e => AccessOrder.Sample(e.Value, rules.EvidenceLimit));
        // Volume and breadth evidence is every kind of access that day, so the out-of-hours searches count there too:
        // the first accesses of the day, whichever part they came from (the store's order is not fixed).
        foreach (var (staffId, day, _) in result.Keys.Where(k => k.Item3).ToList())
        {
            var all = (staffId, day, false);
            result[all] = AccessOrder.Sample(result.GetValueOrDefault(all, []).Concat(result[(staffId, day, true)]), rules.EvidenceLimit);
        }
        return result;
    }

    /// <summary>
    /// Leaks: everyone who touched the record or subject in the days before, within the window, without a covering
    /// assignment; leaks that share a record or a person are one story (<see cref="DetectionSignals.FromLeaks"/>), so one
    /// person's arrest reported once with its custody record and once with only their name is still one alert per user.
    /// </summary>
    private static List<MisuseSignal> Leaks(IDetectionPass pass, DateTimeOffset from, DateTimeOffset to)
    {
        var signals = new List<MisuseSignal>();
        foreach (var story in Stories(pass.Leaks().Where(l => !string.IsNullOrWhiteSpace(l.SubjectPersonId) || !string.IsNullOrWhiteSpace(l.RecordId)).ToList()))
        {
            var touched = new List<(LeakReference, IReadOnlyList<AccessEvent>)>();
            foreach (var leak in story)
            {
                var windowStart = leak.LeakedAt.AddDays(-leak.WindowDays);
                var (lo, hi) = (windowStart > from ? windowStart : from, leak.LeakedAt < to ? leak.LeakedAt : to);
                if (hi > lo) touched.Add((leak, pass.UncoveredAccessesTo(leak.SubjectPersonId, leak.RecordId, lo, hi)));
            }
            signals.AddRange(DetectionSignals.FromLeaks(touched));
        }
        return signals;
    }

    /// <summary>Leaks joined through any record or person they share (a leak of CR1 about P1 and one of P1 alone are one story).</summary>
    internal static IEnumerable<IReadOnlyList<LeakReference>> Stories(IReadOnlyList<LeakReference> leaks)
    {
        var parent = Enumerable.Range(0, leaks.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < leaks.Count; i++)
            foreach (var key in new[] { string.IsNullOrWhiteSpace(leaks[i].RecordId) ? null : "record:" + leaks[i].RecordId, string.IsNullOrWhiteSpace(leaks[i].SubjectPersonId) ? null : "person:" + leaks[i].SubjectPersonId })
            {
                if (key is null) continue;
                if (seen.TryGetValue(key, out var j)) parent[Find(i)] = Find(j);
                else seen[key] = i;
            }
        return Enumerable.Range(0, leaks.Count).GroupBy(Find).Select(g => (IReadOnlyList<LeakReference>)g.Select(i => leaks[i]).ToList());
    }
}

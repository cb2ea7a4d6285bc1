using System.Globalization;
using Probity.AccessMonitoring.EventStore;

namespace Probity.AccessMonitoring.Detection;

/// <summary>The rules' thresholds applied to what the event store measured. Pure functions, so each rule is unit-tested on its own.</summary>
internal static class DetectionSignals
{
    internal sealed record Hit(AccessEvent Event, string? Flags, bool FirstTime);

    internal sealed record FirstTimeUse(string StaffId, string System, string RecordType, long Events, IReadOnlyList<AccessEvent> Unexplained);

    /// <summary>One user's day, with their own recent history and the day's figures for peers in the same role.</summary>
    /// <param name="OutOfHoursEvents">Every access out of hours (not only searches): how much of the day was a night shift.</param>
    internal sealed record UserDay(
        string StaffId, DateOnly Day, double Events, double Subjects, double OutOfHoursSearches, double OutOfHoursEvents, DateTimeOffset First, DateTimeOffset Last, string PeerGroup,
        int HistoryDays, double MeanEvents, double MeanSubjects, double MeanOutOfHours,
        int Peers, double PeerMedianEvents, double PeerMadEvents, double PeerMedianSubjects, double PeerMadSubjects, double PeerMedianOutOfHours, double PeerMadOutOfHours);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IEnumerable<MisuseSignal> FromHits(IReadOnlyList<Hit> hits, IReadOnlyList<AssociationReference> associations, MisuseRuleSet rules)
    {
        var associated = rules.Rule(MisuseRuleIds.AssociatedPerson);
        var sensitive = rules.Rule(MisuseRuleIds.SensitiveSubject);
        var print = rules.Rule(MisuseRuleIds.SensitivePrintExport);
        var links = associations.ToLookup(a => (a.StaffId, a.PersonId));
        var linkedPairs = new HashSet<(string, string)>();

        if (associated is not null)
        {
            foreach (var group in hits.Where(h => h.Event.SubjectPersonId is not null)
                         .Select(h => (Hit: h, Link: ActiveLink(links[(h.Event.StaffId, h.Event.SubjectPersonId!)], h.Event.Time)))
                         .Where(x => x.Link is not null)
                         .GroupBy(x => (x.Hit.Event.StaffId, x.Hit.Event.SubjectPersonId!)))
            {
                linkedPairs.Add(group.Key);
                var link = group.First().Link!;
                var events = group.Select(x => x.Hit.Event).ToList();
                var facts = new Dictionary<string, string>
                {
                    ["person"] = group.Key.Item2,
                    ["relation"] = link.Relation,
                    ["source"] = link.Source ?? "",
                };
                if (group.First().Hit.Flags is { } flags) facts["flags"] = flags;
                yield return Signal(MisuseRuleIds.AssociatedPerson, group.Key.StaffId, group.Key.Item2, events,
                    new Dictionary<string, double> { ["events"] = events.Count, ["factor"] = associated.Factors.GetValueOrDefault(link.Relation, 0.7) }, facts, rules);
            }
        }

        if (sensitive is not null)
        {
            foreach (var group in hits.Where(h => h.Flags is not null && !linkedPairs.Contains((h.Event.StaffId, h.Event.SubjectPersonId!)))
                         .GroupBy(h => (h.Event.StaffId, h.Event.SubjectPersonId!)))
            {
                var flags = group.First().Flags!;
                var factor = flags.Split(';').Max(f => sensitive.Factors.GetValueOrDefault(f, 0));
                if (factor <= 0) continue;
                var events = group.Select(h => h.Event).ToList();
                yield return Signal(MisuseRuleIds.SensitiveSubject, group.Key.StaffId, group.Key.Item2, events,
                    new Dictionary<string, double> { ["events"] = events.Count, ["factor"] = factor },
                    new Dictionary<string, string> { ["person"] = group.Key.Item2, ["flags"] = flags }, rules);
            }
        }

        if (print is not null)
        {
            foreach (var group in hits.Where(h => h.Event.Action is "print" or "export"
                                                  && (h.Flags is not null || rules.SensitiveRecordTypes.Contains(h.Event.RecordType ?? "")))
                         .GroupBy(h => (h.Event.StaffId, h.Event.RecordId ?? h.Event.SubjectPersonId ?? "")))
            {
                var events = group.Select(h => h.Event).ToList();
                var first = group.First();
                var facts = new Dictionary<string, string>
                {
                    ["record"] = group.Key.Item2,
                    ["record_type"] = first.Event.RecordType ?? "",
                    ["actions"] = string.Join(" and ", events.Select(e => e.Action).Distinct()),
                };
                if (first.Event.SubjectPersonId is { } person) facts["person"] = person;
                if (first.Flags is { } flags) facts["flags"] = flags;
                yield return Signal(MisuseRuleIds.SensitivePrintExport, group.Key.StaffId, group.Key.Item2, events,
                    new Dictionary<string, double> { ["events"] = events.Count }, facts, rules);
            }
        }
    }

    private static AssociationReference? ActiveLink(IEnumerable<AssociationReference> links, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(LondonTime.ToLocal(at).DateTime);
        return links.FirstOrDefault(l => (l.From is null || l.From <= day) && (l.To is null || l.To >= day));
    }

    /// <param name="historyDays">Each user's detected days before the window (none: no history of their own yet).</param>
    public static IEnumerable<MisuseSignal> FromFirstTime(IReadOnlyList<FirstTimeUse> uses, IReadOnlyDictionary<string, string?> units, MisuseRuleSet rules,
        IReadOnlyDictionary<string, int>? historyDays = null)
    {
        var rule = rules.Rule(MisuseRuleIds.FirstTimeSystem);
        if (rule is null) yield break;
        foreach (var use in uses.Where(u => u.Unexplained.Count >= rule.Minimum))
        {
            var key = use.RecordType.Length > 0 ? $"{use.System}/{use.RecordType}" : use.System;
            yield return Signal(MisuseRuleIds.FirstTimeSystem, use.StaffId, key, use.Unexplained,
                new Dictionary<string, double> { ["events"] = use.Events, ["unexplained"] = use.Unexplained.Count, ["history_days"] = historyDays?.GetValueOrDefault(use.StaffId) ?? 0 },
                new Dictionary<string, string> { ["system"] = use.System, ["record_type"] = use.RecordType, ["unit"] = units.GetValueOrDefault(use.StaffId) ?? "" }, rules);
        }
    }

    /// <summary>Robust z: how many (scaled) median absolute deviations above the peer median. A floor of 1 keeps tiny spreads from exploding.</summary>
    public static double RobustZ(double value, double median, double mad) => (value - median) / Math.Max(1.4826 * mad, 1);

    public static IReadOnlyList<MisuseSignal> FromDaily(IReadOnlyList<UserDay> days, MisuseRuleSet rules)
    {
        var result = new List<MisuseSignal>();
        foreach (var day in days)
        {
            var key = day.Day.ToString("yyyy-MM-dd", Inv);
            var breadth = Check(rules.Rule(MisuseRuleIds.BreadthSpike), day.Subjects, day.MeanSubjects, day.PeerMedianSubjects, day.PeerMadSubjects, day, rules);
            if (breadth is not null) result.Add(Daily(MisuseRuleIds.BreadthSpike, day, key, day.Subjects, day.MeanSubjects, day.PeerMedianSubjects, breadth.Value, rules));
            // A browsing spree is one alert: breadth when it is the people, volume only when it is not.
            else if (Check(rules.Rule(MisuseRuleIds.VolumeSpike), day.Events, day.MeanEvents, day.PeerMedianEvents, day.PeerMadEvents, day, rules) is { } z)
                result.Add(Daily(MisuseRuleIds.VolumeSpike, day, key, day.Events, day.MeanEvents, day.PeerMedianEvents, z, rules));
            if (!NightIsTheirShift(day, rules)
                && Check(rules.Rule(MisuseRuleIds.OutOfHoursSearch), day.OutOfHoursSearches, Math.Max(day.MeanOutOfHours, 1), day.PeerMedianOutOfHours, day.PeerMadOutOfHours, day, rules) is { } oz)
                result.Add(Daily(MisuseRuleIds.OutOfHoursSearch, day, key, day.OutOfHoursSearches, day.MeanOutOfHours, day.PeerMedianOutOfHours, oz, rules));
        }
        return result;
    }

    /// <summary>
    /// Before a user has history of their own, night work that is most of their day is their shift, not searching away
    /// from it: their role peers are mostly day workers, so against peers alone every night worker's first nights look
    /// like bulk night searching (293 of the 299 false alerts of the tuning world's first days). A day worker's searches
    /// in the night stand apart from the rest of their own day and still count. Once a baseline exists, their own
    /// nightly average decides instead.
    /// </summary>
    internal static bool NightIsTheirShift(UserDay day, MisuseRuleSet rules) =>
        day.HistoryDays < rules.MinBaselineDays && day.OutOfHoursEvents >= 0.5 * day.Events;

    /// <summary>
    /// Fires when the day is over the floor, well above the user's own average (when they have any history), and far
    /// above peers. Without enough history the peer test is half as strict again, so new starters are not flagged for being new.
    /// </summary>
    private static double? Check(MisuseRule? rule, double value, double ownMean, double peerMedian, double peerMad, UserDay day, MisuseRuleSet rules)
    {
        if (rule is null || value < rule.Minimum) return null;
        var z = RobustZ(value, peerMedian, peerMad);
        var hasHistory = day.HistoryDays >= rules.MinBaselineDays;
        if (!hasHistory && rule.RequiresHistory) return null;
        // Whatever history there is already speaks: one night shift on record is enough to know they work nights.
        if (day.HistoryDays > 0 && value < rule.OwnRatio * Math.Max(ownMean, 1)) return null;
        var needed = hasHistory ? rule.PeerZ : rule.PeerZ * 1.5;
        return z >= needed ? z : null;
    }

    private static MisuseSignal Daily(string rule, UserDay day, string key, double value, double ownMean, double peerMedian, double z, MisuseRuleSet rules) =>
        new(rule, day.StaffId, key, day.First, day.Last, (long)value,
            new Dictionary<string, double>
            {
                ["value"] = value, ["own_mean"] = Math.Round(ownMean, 1), ["history_days"] = day.HistoryDays,
                ["peer_median"] = peerMedian, ["peer_z"] = Math.Round(z, 1), ["peers"] = day.Peers, ["events"] = day.Events,
            },
            new Dictionary<string, string> { ["day"] = key, ["peer_group"] = day.PeerGroup },
            []);

    /// <summary>
    /// Leaks of the same record or person (one arrest reported by several outlets, or day after day) are one story: each
    /// user who touched it before any of them is one alert, keyed by the first leak, naming every leak their accesses
    /// preceded. Per leak, a custody suite's look at a famous detainee would otherwise count once for each story.
    /// </summary>
    private static string JoinIds(IEnumerable<string?> ids) =>
        string.Join(", ", ids.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal));

    public static IEnumerable<MisuseSignal> FromLeaks(IReadOnlyList<(LeakReference Leak, IReadOnlyList<AccessEvent> Unexplained)> sameTarget)
    {
        if (sameTarget.Count == 0) yield break;
        var key = sameTarget.Select(l => l.Leak).OrderBy(l => l.LeakedAt).ThenBy(l => l.LeakId, StringComparer.Ordinal).First().LeakId;
        var byStaff = sameTarget.SelectMany(l => l.Unexplained.Select(e => (l.Leak, Event: e))).GroupBy(x => x.Event.StaffId, StringComparer.Ordinal);
        foreach (var group in byStaff)
        {
            var events = AccessOrder.InOrder(group.Select(x => x.Event).Distinct()).ToList();
            var preceded = group.GroupBy(x => x.Leak).Select(g => (Leak: g.Key, Last: g.Max(x => x.Event.Time)))
                .OrderBy(x => x.Leak.LeakedAt).ThenBy(x => x.Leak.LeakId, StringComparer.Ordinal).ToList();
            var hoursBefore = preceded.Min(x => (x.Leak.LeakedAt - x.Last).TotalHours);
            var first = preceded[0].Leak;
            var facts = new Dictionary<string, string> { ["leak"] = string.Join(", ", preceded.Select(x => x.Leak.LeakId)), ["leaked_at"] = first.LeakedAt.ToString("u", Inv) };
            // Every record and person the leaks they preceded were about, not only the first's (a story joins through either).
            if (JoinIds(preceded.Select(x => x.Leak.RecordId)) is { Length: > 0 } r) facts["record"] = r;
            var subjects = preceded.Select(x => x.Leak.SubjectPersonId).OfType<string>().Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();
            if (subjects.Count > 0) facts["person"] = JoinIds(subjects);
            yield return new MisuseSignal(MisuseRuleIds.PreLeakAccess, group.Key, key, events[0].Time, events[^1].Time, events.Count,
                new Dictionary<string, double> { ["events"] = events.Count, ["hours_before"] = Math.Round(hoursBefore, 1), ["window_days"] = preceded.Max(x => x.Leak.WindowDays), ["leaks"] = preceded.Count },
                facts, events) { LeakSubjects = subjects };
        }
    }

    private static MisuseSignal Signal(string rule, string staff, string key, IReadOnlyList<AccessEvent> events, Dictionary<string, double> measures, Dictionary<string, string> facts, MisuseRuleSet rules) =>
        new(rule, staff, key, events.Min(e => e.Time), events.Max(e => e.Time), events.Count, measures, facts, AccessOrder.Sample(events, rules.EvidenceLimit));
}

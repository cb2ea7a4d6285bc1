using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Probity.AccessMonitoring.EventStore;
using Probity.Kernel;

namespace Probity.AccessMonitoring.Detection;

/// <summary>An alert as people read it: a score from 0 to 100 and one or two sentences saying why it fired.</summary>
internal sealed record ScoredAlert(string AlertId, MisuseSignal Signal, double Score, string Explanation)
{
    /// <summary>
    /// The ids the other findings of its group would have as alerts of their own (<see cref="ExplainAlert.Queue"/>): an
    /// earlier run that did not yet see the group may have filed one of them, which this alert now holds.
    /// </summary>
    public IReadOnlyList<string> MergedIds { get; init; } = [];

    /// <summary>
    /// One access of each finding of its group that its own evidence does not list, as kept in its evidence: what a decision
    /// on it must have been shown to cover those findings when its evidence is a sample of its accesses (ADR 0036).
    /// </summary>
    public IReadOnlyList<AccessEvent> OtherFindingsShown { get; init; } = [];

    /// <summary>
    /// What a decision on it must have been shown when its evidence is a sample of its accesses (ADR 0036): at least one
    /// access of each list. Each of the head's accesses, when its evidence lists them all; and the listed accesses of each
    /// finding given one in <see cref="OtherFindingsShown"/>, any of which shows the finding: which of its accesses is
    /// listed may change between runs of the same day (accesses of the same moment, one explained since).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<AccessEvent>> MustHaveShown { get; init; } = [];
}

internal static class ExplainAlert
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The score on one scale for every rule: 10 × (rarity + bonus), 0-100. Rarity is −log10 of how often routine work in
    /// the same role gives a finding at least this strong on a user-day (<c>routine_p</c>, <see cref="RoutineRarity"/>):
    /// 30 is once in 1,000 user-days. The rule's bonus (powers of ten, misuse-rules.json) says how much likelier misuse is
    /// behind that kind of finding; a relation's or flag's factor adds its logarithm; the unit's decisions on earlier
    /// alerts of the rule about people in the role add theirs (<see cref="UnitDecisions"/>, none when not given).
    /// </summary>
    public static ScoredAlert Score(MisuseSignal signal, MisuseRuleSet rules, UnitDecisions? decisions = null)
    {
        var rule = rules.Rules.First(r => r.Id == signal.Rule);
        var learned = (decisions ?? UnitDecisions.None).For(signal.Rule, signal.Facts.GetValueOrDefault("role") ?? "");
        if (learned.PowersOfTen != 0)
            signal = signal with { Measures = new Dictionary<string, double>(signal.Measures) { ["learned_shift"] = learned.PowersOfTen } };
        var unlearned = 10 * (Rarity(signal) + rule.Bonus + Math.Log10(Math.Clamp(signal.Measures.GetValueOrDefault("factor", 1), 0.01, 1)));
        var score = Math.Round(Math.Clamp(unlearned + 10 * learned.PowersOfTen, 0, 100), 1);
        // The move stated is the one made on the 0-100 scale: a score held at 100 or 0 moves less than the shift, or not at all.
        var moved = score - Math.Round(Math.Clamp(unlearned, 0, 100), 1);
        return new ScoredAlert(AlertId(signal), signal, score, Explain(signal, rule, rules) + LearnedWords(learned, moved, signal));
    }

    /// <summary>
    /// The alerts of a detection, highest score first: every finding scored (<see cref="Score"/>), then one alert per thing
    /// to review. Findings built from particular accesses (every rule but the day's totals: volume, breadth, out of hours)
    /// that share an access are one alert: a print of a flagged person's intelligence record is one thing to review, not a
    /// print alert and a flagged-person alert about the same print. And a user's looks at flagged people on one day are
    /// one alert, as they are rated (by the day's count, <see cref="RoutineRarity"/>): the officer's day is what a reviewer
    /// reads. The alert is the highest-scoring finding of its group, holding the group's accesses as its evidence and
    /// naming the other rules and people.
    /// </summary>
    public static IReadOnlyList<ScoredAlert> Queue(IEnumerable<MisuseSignal> signals, MisuseRuleSet rules, UnitDecisions? decisions = null)
    {
        var scored = signals.Select(s => Score(s, rules, decisions))
            .OrderByDescending(a => a.Score).ThenBy(a => a.AlertId, StringComparer.Ordinal).ToList();
        // Union-find over the findings, the highest-scoring first so it heads its group.
        var head = Enumerable.Range(0, scored.Count).ToArray();
        int Find(int i) => head[i] == i ? i : head[i] = Find(head[i]);
        var firstWith = new Dictionary<(string Staff, object Key), int>();
        void Join(int i, object key)
        {
            if (firstWith.TryAdd((scored[i].Signal.StaffId, key), i)) return;
            var (a, b) = (Find(firstWith[(scored[i].Signal.StaffId, key)]), Find(i));
            if (a != b) head[Math.Max(a, b)] = Math.Min(a, b);
        }
        for (var i = 0; i < scored.Count; i++)
        {
            var signal = scored[i].Signal;
            if (OfTheDay(signal.Rule)) continue;
            foreach (var access in signal.Evidence) Join(i, access);
            if (signal.Rule == MisuseRuleIds.SensitiveSubject) Join(i, "flagged people on " + RoutineRarity.Day(signal));
        }
        var members = Enumerable.Range(0, scored.Count).Where(i => Find(i) != i).ToLookup(Find, i => scored[i]);
        return Enumerable.Range(0, scored.Count).Where(i => Find(i) == i)
            .Select(i => members[i].Any() ? Merged(scored[i], [.. members[i]], rules) : scored[i]).ToList();
    }

    /// <summary>The head of a group as one alert: the group's accesses, first to last, and words naming the other rules and people.</summary>
    private static ScoredAlert Merged(ScoredAlert head, IReadOnlyList<ScoredAlert> group, MisuseRuleSet rules)
    {
        var h = head.Signal;
        var others = group.Select(o => o.Signal).ToList();
        var all = h.Evidence.Concat(others.SelectMany(o => o.Evidence)).Distinct().ToList();
        // The head's own accesses, then one of each other finding that shares none of them (its earliest: a look at another
        // flagged person that day, joined by the day), so that every finding the alert holds is shown, up to the evidence
        // limit's worth of findings with the head; then the group's other accesses up to the limit. Before, a head already at
        // the limit (a custody officer's day) listed only its own, and a decision on it seemed to cover a finding it was
        // never shown (ADR 0036).
        var unlisted = others.Where(o => !o.Evidence.Intersect(h.Evidence).Any()).ToList();
        // In one order over every field (AccessOrder), so the same day's re-run chooses the same access.
        var firstOf = unlisted.Select(o => (Finding: o, First: AccessOrder.InOrder(o.Evidence).FirstOrDefault())).Where(x => x.First is not null).ToList();
        var firstOfEach = AccessOrder.InOrder(firstOf.Select(x => x.First!).Distinct()).Take(rules.EvidenceLimit - 1).ToList();
        var evidence = AccessOrder.InOrder(h.Evidence.Concat(firstOfEach).Concat(all).Distinct()
            .Take(Math.Max(rules.EvidenceLimit, h.Evidence.Count + firstOfEach.Count))).ToList();
        var mustHaveShown = (h.Evidence.Count >= h.EventCount ? h.Evidence.Select(e => (IReadOnlyList<AccessEvent>)[e]) : [])
            .Concat(firstOf.Where(x => firstOfEach.Contains(x.First!)).Select(x => x.Finding.Evidence)).ToList();
        // A head whose evidence is a sample of its accesses counts more than it lists; the accesses of findings sharing none
        // of the listed ones are beside its count when they are about other people (another person's looks that day), and
        // may be among it when about the head's own. A look finding about another person counts every access to them, listed
        // or not (sixty looks at P2 list fifty): its count stands for that person where it is more than the listed. And no
        // finding of the group counts more than the group (a print heading the sixty looks it is one of).
        var beside = unlisted.SelectMany(o => o.Evidence).Except(h.Evidence)
            .Where(e => e.SubjectPersonId is null || !h.Persons.Contains(e.SubjectPersonId, StringComparer.Ordinal)).Distinct().ToList();
        var besideUnlisted = unlisted
            .Where(o => o.Rule is MisuseRuleIds.SensitiveSubject or MisuseRuleIds.AssociatedPerson && o.Persons.Count == 1 && !h.Persons.Contains(o.Persons[0], StringComparer.Ordinal))
            .GroupBy(o => o.Persons[0], StringComparer.Ordinal)
            .Sum(g => Math.Max(0, g.Max(o => o.EventCount) - beside.Count(e => e.SubjectPersonId == g.Key)));
        var count = others.Select(o => o.EventCount).Append(all.Count).Append(h.EventCount + beside.Count + besideUnlisted).Max();
        var facts = new Dictionary<string, string>(h.Facts);
        var words = "";
        var rulesMet = others.Select(o => o.Rule).Where(r => r != h.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
        if (rulesMet.Count > 0)
        {
            facts["same_accesses"] = string.Join(';', rulesMet);
            words += $" The same accesses also met: {string.Join("; ", rulesMet.Select(r => rules.Rules.FirstOrDefault(x => x.Id == r)?.Title.ToLowerInvariant() ?? r))}.";
        }
        var people = others.SelectMany(o => o.Persons).Except(h.Persons).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (people.Count > 0)
        {
            facts["other_people"] = string.Join(';', people);
            var named = string.Join(", ", people.Take(10)) + (people.Count > 10 ? $" and {people.Count - 10:N0} more" : "");
            words += $" This alert also holds their accesses that day to {named}.";
        }
        var signal = h with
        {
            First = others.Select(o => o.First).Append(h.First).Min(),
            Last = others.Select(o => o.Last).Append(h.Last).Max(),
            EventCount = count,
            Evidence = evidence,
            Facts = facts,
        };
        var merged = group.Select(o => o.AlertId).Where(id => id != head.AlertId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return head with { Signal = signal, Explanation = head.Explanation + words, MergedIds = merged, OtherFindingsShown = firstOfEach, MustHaveShown = mustHaveShown };
    }

    /// <summary>Rules whose findings are a user-day's totals, not particular accesses (their evidence is a sample of the day).</summary>
    private static bool OfTheDay(string rule) => rule is MisuseRuleIds.VolumeSpike or MisuseRuleIds.BreadthSpike or MisuseRuleIds.OutOfHoursSearch;

    /// <summary>What the unit's decisions did to the score, with the counts behind it; nothing when they did nothing.</summary>
    private static string LearnedWords(LearnedShift learned, double moved, MisuseSignal s)
    {
        if (Math.Abs(moved) < 0.05) return "";
        // Without a role (not on the staff list) only the rule's record counts.
        var role = s.Facts.GetValueOrDefault("role") is { Length: > 0 } r ? $"; about people in {r}, {learned.RoleRaised:N0} raised, {learned.RoleDismissed:N0} dismissed" : "";
        return $" The unit's decisions on earlier alerts under this rule ({learned.RuleRaised:N0} raised, {learned.RuleDismissed:N0} dismissed{role}) " +
            $"{(moved < 0 ? "lowered" : "raised")} its score by {Math.Abs(moved):0.0} points.";
    }

    private static double Rarity(MisuseSignal signal) => -Math.Log10(Math.Clamp(signal.Measures.GetValueOrDefault("routine_p", 1), 1e-10, 1));

    /// <summary>How often routine work in the role gives a finding like this, in words, and what joined it.</summary>
    public static string RoutineWords(MisuseSignal s, MisuseRuleSet rules)
    {
        var m = s.Measures;
        if (!m.TryGetValue("routine_p", out var joined)) return "";
        var alone = m.GetValueOrDefault("alone_p", joined);
        var role = s.Facts.GetValueOrDefault("role") is { Length: > 0 } r ? $" ({r})" : "";
        var often = 1 / alone < 1.05 ? "on most user-days" : $"about once in {Nicely(1 / alone)} user-days";
        var words = $" Routine work in their role{role} gives a finding like this {often} (counted over the role's {m.GetValueOrDefault("role_user_days"):N0} user-days in the detected window).";
        if (s.Rule is MisuseRuleIds.SensitiveSubject or MisuseRuleIds.SensitivePrintExport && m.GetValueOrDefault("unit_colleagues") is >= RoutineRarity.SharedByColleagues and var colleagues)
            words += $" {colleagues:N0} others of their unit had recorded work on this person in the window (tasked, or making or updating a record about them), so it is compared with the role's contacts with people their unit works on.";
        if (s.Facts.GetValueOrDefault("joined_by") is { } other)
            words += $" On the same day they also had an alert for: {rules.Rules.FirstOrDefault(x => x.Id == other)?.Title.ToLowerInvariant() ?? other}.";
        if (m.GetValueOrDefault("reached_by_others") is > 0 and var reached)
            words += $" Joined, it is as rare as {reached:N0} other people's days in the role under this rule, so it counts as no rarer than their share.";
        return words;
    }

    private static string Nicely(double n) => n < 10 ? n.ToString("0.#", Inv) : RoundNicely(n).ToString("N0", Inv);

    private static double RoundNicely(double n)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(n)));
        return Math.Round(n / magnitude, n / magnitude < 3 ? 1 : 0) * magnitude;
    }

    /// <summary>The same finding on the same day gets the same id, so detecting a window again updates alerts instead of adding new ones.</summary>
    public static string AlertId(MisuseSignal signal)
    {
        var day = LondonTime.ToLocal(signal.First).ToString("yyyy-MM-dd", Inv);
        return IdOf($"{signal.Rule}\n{signal.StaffId}\n{signal.Key}\n{day}");
    }

    /// <summary>An alert id: "MA-" and the first twelve hex digits of the SHA-256 of what identifies the alert.</summary>
    internal static string IdOf(string identity) => "MA-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];

    public static string Explain(MisuseSignal s, MisuseRule rule, MisuseRuleSet rules) => Finding(s, rule, rules) + RoutineWords(s, rules);

    private static string Finding(MisuseSignal s, MisuseRule rule, MisuseRuleSet rules)
    {
        var f = s.Facts;
        var m = s.Measures;
        string Times(long n) => n == 1 ? "once" : $"{n} times";
        string Flags(string? flags) => string.IsNullOrEmpty(flags) ? "" : $" (flagged {string.Join(", ", flags.Split(';').Select(Vocabulary.Describe).Select(x => x.ToLowerInvariant()))})";
        var when = $"between {LondonTime.ToLocal(s.First):dd MMM yyyy HH:mm} and {LondonTime.ToLocal(s.Last):HH:mm}";
        return s.Rule switch
        {
            MisuseRuleIds.AssociatedPerson =>
                $"Accessed records about {f["person"]}{Flags(f.GetValueOrDefault("flags"))} {Times(s.EventCount)} {when}. {f["person"]} is their {Vocabulary.Describe(f["relation"]).ToLowerInvariant()}" +
                $"{(string.IsNullOrEmpty(f.GetValueOrDefault("source")) ? "" : $" (link from {f["source"]})")}, and no assignment or reason covers the access.",
            MisuseRuleIds.SensitiveSubject =>
                $"Accessed records about {f["person"]}{Flags(f["flags"])} {Times(s.EventCount)} {when} with no covering assignment or matching reason" +
                $"{(m.GetValueOrDefault("flagged_that_day") > 1 ? $", one of {m["flagged_that_day"]:N0} flagged people they looked at that way that day" : "")}.",
            MisuseRuleIds.SensitivePrintExport =>
                $"{Vocabulary.Describe(f["actions"])} {(string.IsNullOrEmpty(f.GetValueOrDefault("record_type")) ? "a record" : $"{f["record_type"]} record")} {f["record"]}" +
                $"{(f.TryGetValue("person", out var p) ? $" about {p}{Flags(f.GetValueOrDefault("flags"))}" : "")} {Times(s.EventCount)} {when}, with no covering assignment.",
            MisuseRuleIds.VolumeSpike =>
                $"{m["value"]:N0} accesses on {f["day"]}: {Ratio(m["value"], m["own_mean"], (int)m["history_days"])}, and far above peers in the same role ({f["peer_group"]}: median {m["peer_median"]:N0}, robust z {m["peer_z"]:N1} against {Needed(rule, m, rules):N1} needed).",
            MisuseRuleIds.BreadthSpike =>
                $"Looked up about {m["value"]:N0} different people on {f["day"]} ({m["events"]:N0} accesses): {Ratio(m["value"], m["own_mean"], (int)m["history_days"])}, and far above peers in the same role ({f["peer_group"]}: median {m["peer_median"]:N0}, robust z {m["peer_z"]:N1}).",
            MisuseRuleIds.OutOfHoursSearch =>
                $"{m["value"]:N0} searches between {rules.OutOfHours.StartHour:00}:00 and {rules.OutOfHours.EndHour:00}:00 on the night of {f["day"]}: peers in the same role ({f["peer_group"]}) ran a median of {m["peer_median"]:N0}; their own nightly average is {m["own_mean"]:N1}.",
            MisuseRuleIds.FirstTimeSystem =>
                $"{(m["history_days"] > 0 ? "First use" : "Use")} of {f["system"]}{(string.IsNullOrEmpty(f["record_type"]) ? "" : $" ({f["record_type"]} records)")}" +
                $"{(m["history_days"] > 0 ? $" in their {m["history_days"]:N0} detected day(s) on record" : " with no earlier detected days of theirs on record")}: " +
                $"{m["unexplained"]:N0} unexplained access(es) of {m["events"]:N0}, and it is not normal work for their unit{(string.IsNullOrEmpty(f["unit"]) ? "" : $" ({f["unit"]})")}.",
            MisuseRuleIds.PreLeakAccess =>
                $"Accessed {(f.TryGetValue("record", out var r) ? $"{(r.Contains(',', StringComparison.Ordinal) ? "records" : "record")} {r}" : $"records about {f["person"]}")} {Times(s.EventCount)} in the {m["window_days"]:N0} days before {(m.GetValueOrDefault("leaks", 1) > 1 ? $"leaks {f["leak"]} (the first {f["leaked_at"]})" : $"leak {f["leak"]} ({f["leaked_at"]})")}, the last {m["hours_before"]:N1} hours before {(m.GetValueOrDefault("leaks", 1) > 1 ? "one of them" : "it")}, with no covering assignment.",
            _ => rule.Title,
        };
    }

    /// <summary>The peer test the finding passed: half as strict again without enough history of their own (<see cref="DetectionSignals"/>).</summary>
    private static double Needed(MisuseRule rule, IReadOnlyDictionary<string, double> m, MisuseRuleSet rules) =>
        m.GetValueOrDefault("history_days") >= rules.MinBaselineDays ? rule.PeerZ : rule.PeerZ * 1.5;

    private static string Ratio(double value, double mean, int historyDays) =>
        historyDays == 0 ? "no history to compare with" : $"{value / Math.Max(mean, 1):N1}× their own {historyDays}-day average ({mean:N0})";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Probity.Kernel;

namespace Probity.AccessMonitoring.Detection;

/// <summary>An alert as people read it: a score from 0 to 100 and one or two sentences saying why it fired.</summary>
internal sealed record ScoredAlert(string AlertId, MisuseSignal Signal, double Score, string Explanation);

internal static class ExplainAlert
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static ScoredAlert Score(MisuseSignal signal, MisuseRuleSet rules)
    {
        var rule = rules.Rules.First(r => r.Id == signal.Rule);
        var m = signal.Measures;
        var repeat = 1 + 0.08 * Math.Log2(Math.Max(1, signal.EventCount));
        var intensity = signal.Rule switch
        {
            MisuseRuleIds.AssociatedPerson or MisuseRuleIds.SensitiveSubject => m.GetValueOrDefault("factor", 1) * repeat,
            MisuseRuleIds.VolumeSpike or MisuseRuleIds.BreadthSpike or MisuseRuleIds.OutOfHoursSearch =>
                Math.Min(1.35, 0.85 + 0.1 * Math.Log2(Math.Max(1, m.GetValueOrDefault("peer_z") / Math.Max(rule.PeerZ, 1)) + 1)),
            MisuseRuleIds.PreLeakAccess => (m.GetValueOrDefault("hours_before") <= 48 ? 1.15 : 1.0) * repeat,
            _ => repeat,
        };
        var score = Math.Round(Math.Clamp(rule.Weight * intensity, 1, 100), 1);
        return new ScoredAlert(AlertId(signal), signal, score, Explain(signal, rule, rules));
    }

    /// <summary>The same finding on the same day gets the same id, so detecting a window again updates alerts instead of adding new ones.</summary>
    public static string AlertId(MisuseSignal signal)
    {
        var day = LondonTime.ToLocal(signal.First).ToString("yyyy-MM-dd", Inv);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{signal.Rule}\n{signal.StaffId}\n{signal.Key}\n{day}"));
        return "MA-" + Convert.ToHexStringLower(bytes)[..12];
    }

    public static string Explain(MisuseSignal s, MisuseRule rule, MisuseRuleSet rules)
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
                $"Accessed records about {f["person"]}{Flags(f["flags"])} {Times(s.EventCount)} {when} with no covering assignment or matching reason.",
            MisuseRuleIds.SensitivePrintExport =>
                $"{Vocabulary.Describe(f["actions"])} {(string.IsNullOrEmpty(f.GetValueOrDefault("record_type")) ? "a record" : $"{f["record_type"]} record")} {f["record"]}" +
                $"{(f.TryGetValue("person", out var p) ? $" about {p}{Flags(f.GetValueOrDefault("flags"))}" : "")} {Times(s.EventCount)} {when}, with no covering assignment.",
            MisuseRuleIds.VolumeSpike =>
                $"{m["value"]:N0} accesses on {f["day"]}: {Ratio(m["value"], m["own_mean"], (int)m["history_days"])}, and far above peers in the same role ({f["peer_group"]}: median {m["peer_median"]:N0}, robust z {m["peer_z"]:N1} against {rule.PeerZ:N0} needed).",
            MisuseRuleIds.BreadthSpike =>
                $"Looked up about {m["value"]:N0} different people on {f["day"]} ({m["events"]:N0} accesses): {Ratio(m["value"], m["own_mean"], (int)m["history_days"])}, and far above peers in the same role ({f["peer_group"]}: median {m["peer_median"]:N0}, robust z {m["peer_z"]:N1}).",
            MisuseRuleIds.OutOfHoursSearch =>
                $"{m["value"]:N0} searches between {rules.OutOfHours.StartHour:00}:00 and {rules.OutOfHours.EndHour:00}:00 on the night of {f["day"]}: peers in the same role ({f["peer_group"]}) ran a median of {m["peer_median"]:N0}; their own nightly average is {m["own_mean"]:N1}.",
            MisuseRuleIds.FirstTimeSystem =>
                $"First use of {f["system"]}{(string.IsNullOrEmpty(f["record_type"]) ? "" : $" ({f["record_type"]} records)")} in at least {m["history_days"]:N0} days: {m["unexplained"]:N0} unexplained access(es) of {m["events"]:N0}, and it is not normal work for their unit{(string.IsNullOrEmpty(f["unit"]) ? "" : $" ({f["unit"]})")}.",
            MisuseRuleIds.PreLeakAccess =>
                $"Accessed {(f.TryGetValue("record", out var r) ? $"record {r}" : $"records about {f["person"]}")} {Times(s.EventCount)} in the {m["window_days"]:N0} days before leak {f["leak"]} ({f["leaked_at"]}), the last {m["hours_before"]:N1} hours before it, with no covering assignment.",
            _ => rule.Title,
        };
    }

    private static string Ratio(double value, double mean, int historyDays) =>
        historyDays == 0 ? "no history to compare with" : $"{value / Math.Max(mean, 1):N1}× their own {historyDays}-day average ({mean:N0})";
}

using System.Globalization;

namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// Puts every rule's findings on one scale: how seldom routine work in the same role gives a finding at least this strong
/// on a user-day (<c>routine_p</c>), counted over the role group's user-days in the same detection window, so it works
/// from the first day with no history. A custody officer touching a flagged detainee with no tasking is routine for
/// custody (many custody user-days give it) and scores low; the same from a neighbourhood officer scores high. When
/// another rule fires for the same person on the same day, the two rarities join (a print, a link, a leak, out of hours):
/// that is how a routine touch becomes worth reading.
/// </summary>
internal static class RoutineRarity
{
    /// <summary>No finding is rarer than once in this many user-days: the window's own size limits what it can tell.</summary>
    private const double Floor = 1e-6;

    public static IReadOnlyList<MisuseSignal> Rate(IReadOnlyList<MisuseSignal> signals, IReadOnlyList<DetectionSignals.UserDay> userDays)
    {
        var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in userDays) groupOf.TryAdd(d.StaffId, d.PeerGroup);
        var groupDays = userDays.GroupBy(d => d.PeerGroup, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string Group(string staff) => groupOf.GetValueOrDefault(staff) ?? "";

        // Browsing flagged people: how many different flagged people the user met without explanation that day.
        var flaggedThatDay = signals.Where(s => s.Rule == MisuseRuleIds.SensitiveSubject)
            .GroupBy(s => (s.StaffId, Day(s))).ToDictionary(g => g.Key, g => g.Count());
        double Strength(MisuseSignal s) => s.Rule switch
        {
            MisuseRuleIds.VolumeSpike or MisuseRuleIds.BreadthSpike or MisuseRuleIds.OutOfHoursSearch => s.Measures.GetValueOrDefault("peer_z"),
            MisuseRuleIds.SensitiveSubject => flaggedThatDay[(s.StaffId, Day(s))] + s.EventCount / 1000.0,
            _ => s.EventCount,
        };

        // Per rule and role group: the strongest finding of each user-day, to rank a finding among them.
        var strongest = signals.GroupBy(s => (s.Rule, Group(s.StaffId), s.StaffId, Day(s)))
            .Select(g => (g.Key.Rule, Group: g.Key.Item2, g.Key.StaffId, Strength: g.Max(Strength)))
            .ToLookup(x => (x.Rule, x.Group));

        var rated = signals.Select(s =>
        {
            var group = Group(s.StaffId);
            var days = groupDays.GetValueOrDefault(group);
            var strength = Strength(s);
            // Other people's user-days in the role with a finding at least as strong, over the role's user-days (+1 each
            // side: this finding's own day is one of them, and a finding nobody else gave is not taken as impossible).
            var asStrong = strongest[(s.Rule, group)].Count(x => x.StaffId != s.StaffId && x.Strength >= strength);
            var p = Math.Clamp((asStrong + 1.0) / (days + 1.0), Floor, 1);
            var measures = new Dictionary<string, double>(s.Measures) { ["routine_p"] = p, ["role_user_days"] = days };
            if (s.Rule == MisuseRuleIds.SensitiveSubject) measures["flagged_that_day"] = flaggedThatDay[(s.StaffId, Day(s))];
            var facts = new Dictionary<string, string>(s.Facts) { ["role"] = group };
            return s with { Measures = measures, Facts = facts };
        }).ToList();

        // Another rule on the same person's same day joins: the rarer of the others multiplies in, counted once for each
        // other rule that could have joined (so two weak findings do not pass for a strong one).
        var byDay = rated.ToLookup(s => (s.StaffId, Day(s)));
        return rated.Select(s =>
        {
            var others = byDay[(s.StaffId, Day(s))].Where(o => o.Rule != s.Rule)
                .GroupBy(o => o.Rule).Select(g => g.OrderBy(o => o.Measures["routine_p"]).First()).ToList();
            if (others.Count == 0) return s;
            var rarest = others.OrderBy(o => o.Measures["routine_p"]).First();
            var joined = s.Measures["routine_p"] * Math.Min(1, others.Count * rarest.Measures["routine_p"]);
            var measures = new Dictionary<string, double>(s.Measures) { ["routine_p"] = Math.Max(Floor, joined), ["alone_p"] = s.Measures["routine_p"] };
            var facts = new Dictionary<string, string>(s.Facts) { ["joined_by"] = rarest.Rule };
            return s with { Measures = measures, Facts = facts };
        }).ToList();
    }

    /// <summary>The London day a finding belongs to.</summary>
    public static string Day(MisuseSignal s) => LondonTime.ToLocal(s.First).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

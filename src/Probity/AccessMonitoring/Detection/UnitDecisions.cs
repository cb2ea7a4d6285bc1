using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.Database;

namespace Probity.AccessMonitoring.Detection;

/// <summary>
/// How far the unit's decisions on earlier alerts move a later alert's score (misuse-rules.json, "learning"; ADR 0034):
/// <see cref="PriorDecisions"/> is how many decisions the starting guess (one in two raised) is worth, <see cref="MaxShift"/>
/// the most the decisions can move a score, in powers of ten (10 points each; 0 turns learning off), and
/// <see cref="Days"/> how far back decisions count.
/// </summary>
internal sealed record DecisionLearning(double PriorDecisions, double MaxShift, int Days)
{
    public static readonly DecisionLearning Default = new(4, 1, 180);
}

/// <summary>One decided alert: its rule, the role of the member of staff it was about, and whether it was raised.</summary>
internal sealed record AlertDecision(string Rule, string Role, bool Raised);

/// <summary>What the decisions say about one rule and role: the shift and the counts behind it, for the explanation.</summary>
internal sealed record LearnedShift(double PowersOfTen, int RuleRaised, int RuleDismissed, int RoleRaised, int RoleDismissed)
{
    public static readonly LearnedShift None = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The unit's decisions on earlier alerts, per rule and per rule and role. A rule's alerts that the unit keeps dismissing
/// as legitimate work (custody officers' contacts with flagged detainees, a control room's checks) say its findings are
/// less often misuse than its bonus assumed; ones it keeps raising say more. The share raised is shrunk towards one half
/// for the rule (a Beta prior worth <see cref="DecisionLearning.PriorDecisions"/> decisions) and, for the role, towards the
/// rule's share; its log-odds, capped at <see cref="DecisionLearning.MaxShift"/>, are added to the score. With no
/// decisions the shift is zero. Duplicates are no decision about the finding and are left out; a decided alert and its
/// decided follow-ups (ADR 0036) are one finding and count once.
/// </summary>
internal sealed class UnitDecisions
{
    public static readonly UnitDecisions None = new([], DecisionLearning.Default with { MaxShift = 0 });

    private readonly DecisionLearning _settings;
    private readonly Dictionary<string, (int Raised, int Dismissed)> _byRule = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Rule, string Role), (int Raised, int Dismissed)> _byRole = [];

    public UnitDecisions(IEnumerable<AlertDecision> decisions, DecisionLearning settings)
    {
        _settings = settings;
        foreach (var d in decisions)
        {
            Count(_byRule, d.Rule, d.Raised);
            // No role (someone no longer on the staff list) is no peer group: counted as one, it became the record of every
            // alert about an account the staff list does not know, which dismissing leavers' alerts could talk down.
            if (d.Role.Length > 0) Count(_byRole, (d.Rule, d.Role), d.Raised);
        }
        static void Count<TKey>(Dictionary<TKey, (int Raised, int Dismissed)> counts, TKey key, bool raised) where TKey : notnull
        {
            var (r, n) = counts.GetValueOrDefault(key);
            counts[key] = raised ? (r + 1, n) : (r, n + 1);
        }
    }

    public int Decisions => _byRule.Values.Sum(c => c.Raised + c.Dismissed);

    /// <summary>Each rule and role the unit has decided alerts of, with how far its decisions move their next scores.</summary>
    public IEnumerable<(string Rule, string Role, LearnedShift Shift)> ByRole() =>
        _byRole.Keys.Select(k => (k.Rule, k.Role, For(k.Rule, k.Role)));

    public LearnedShift For(string rule, string role)
    {
        if (_settings.MaxShift <= 0) return LearnedShift.None;
        var (ruleRaised, ruleDismissed) = _byRule.GetValueOrDefault(rule);
        var (roleRaised, roleDismissed) = _byRole.GetValueOrDefault((rule, role));
        if (ruleRaised + ruleDismissed == 0) return LearnedShift.None;
        var m = _settings.PriorDecisions;
        var ruleShare = (ruleRaised + m * 0.5) / (ruleRaised + ruleDismissed + m);
        var roleShare = (roleRaised + m * ruleShare) / (roleRaised + roleDismissed + m);
        var shift = Math.Clamp(Math.Log10(roleShare / (1 - roleShare)), -_settings.MaxShift, _settings.MaxShift);
        return new LearnedShift(shift, ruleRaised, ruleDismissed, roleRaised, roleDismissed);
    }

    /// <summary>
    /// The decisions on alerts about days before <paramref name="from"/>, within the settings' days: raised (a case or
    /// intelligence) or dismissed for any reason but duplicate. The role is the member of staff's role now, as detection
    /// groups them; an alert about someone no longer on the staff list counts for its rule only. Alerts about anyone with
    /// a sign-in here do not count.
    /// </summary>
    public static async Task<UnitDecisions> LoadAsync(ProbityDb db, DateOnly from, DecisionLearning settings, CancellationToken ct)
    {
        if (settings.MaxShift <= 0) return new UnitDecisions([], settings);
        var before = LondonTime.StartOfDay(from);
        var since = LondonTime.StartOfDay(from.AddDays(-settings.Days));
        // A reader never sees the alerts about themselves (need to know), so counts that took in the decisions on them,
        // stated on a colleague's alert, would tell them what the unit decided about them: the difference from what they
        // can count is their own record. Left out, every reader reads the same counts (here and on the overview).
        var readers = db.Users.Where(u => u.StaffId != null).Select(u => u.StaffId!);
        var decided = await db.MisuseAlerts.AsNoTracking()
            .Where(a => a.FirstEventTime >= since && a.FirstEventTime < before && !readers.Contains(a.StaffId)
                && (a.Status == AlertStatus.Raised || (a.Status == AlertStatus.Dismissed && a.DismissReason != AlertStatus.Duplicate)))
            .Select(a => new { a.Id, a.Rule, a.StaffId, Raised = a.Status == AlertStatus.Raised })
            .ToListAsync(ct);
        // One finding, one decision (ADR 0036): a decided alert whose follow-up is decided too is the same finding decided
        // again on more of its accesses. Counted apart, every batch behind a dismissal added a dismissal of the same look.
        // The chain counts once, at its last decision, raised if any decision in it raised the finding.
        var byId = decided.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var parentOf = decided.ToDictionary(d => DetectMisuse.FollowUpId(d.Id), d => d.Id, StringComparer.Ordinal);
        var followedUp = parentOf.Where(p => byId.ContainsKey(p.Key)).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        decided = [.. decided.Where(d => !followedUp.Contains(d.Id)).Select(last =>
        {
            var (raised, id) = (last.Raised, last.Id);
            for (var depth = 0; depth < 1_000 && parentOf.TryGetValue(id, out var parent) && byId.TryGetValue(parent, out var earlier); depth++)
                (raised, id) = (raised || earlier.Raised, parent);
            return last with { Raised = raised };
        })];
        var staffIds = decided.Select(d => d.StaffId).Distinct().ToList();
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in staffIds.Chunk(1_000))
            foreach (var s in await db.Staff.AsNoTracking().Where(s => chunk.Contains(s.Id)).Select(s => new { s.Id, s.StaffType, s.Rank }).ToListAsync(ct))
                roles[s.Id] = StaffReference.PeerGroupOf(s.StaffType, s.Rank);
        return new UnitDecisions(decided.Select(d => new AlertDecision(d.Rule, roles.GetValueOrDefault(d.StaffId) ?? "", d.Raised)), settings);
    }
}

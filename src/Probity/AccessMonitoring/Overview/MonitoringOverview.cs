using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Alerts;
using Probity.AccessMonitoring.Detection;
using Probity.AccessMonitoring.EventStore;
using Probity.Database;
using Probity.Infrastructure.Time;

namespace Probity.AccessMonitoring.Overview;

/// <summary>
/// The state of monitoring on one page: what the event store holds, how much of the recent access is explained
/// (by system and by unit), the alerts still to work by rule, and each rule's record of false positives.
/// </summary>
internal sealed class MonitoringOverview(ProbityDb db, IAccessEventStore store, MisuseRuleSet rules, Audit audit, TimeProvider time)
{
    /// <summary>The overview lists this many rule-and-role pairs whose scores the unit's decisions move most.</summary>
    public const int LearnedLines = 12;

    /// <summary>Explanation shares cover the last this-many days that detection has run over.</summary>
    public const int ShareDays = 14;

    internal sealed record ShareLine(string Key, string Label, long Total, long ByAssignment, long ByReason, long ByOwnRecord, long ByUnitNorm)
    {
        public long Explained => ByAssignment + ByReason + ByOwnRecord + ByUnitNorm;
        public double Percent => Total == 0 ? 0 : 100.0 * Explained / Total;
    }

    internal sealed record View(
        StoreSummary Summary,
        DateOnly? SharesFrom,
        DateOnly? SharesTo,
        IReadOnlyList<ShareLine> BySystem,
        IReadOnlyList<ShareLine> ByUnit,
        IReadOnlyList<RuleRecord> Rules,
        IReadOnlyList<LearnedLine> Learned,
        DecisionLearning Learning,
        IReadOnlyList<QuarantinedLine> Quarantine,
        IReadOnlyList<SegmentInfo> Segments,
        int Leaks,
        int Samples)
    {
        public int ToWork => Rules.Sum(r => r.Open + r.Assigned);
        public ShareLine? Overall => BySystem.Count == 0 ? null
            : new ShareLine("all", "All systems", BySystem.Sum(s => s.Total), BySystem.Sum(s => s.ByAssignment), BySystem.Sum(s => s.ByReason), BySystem.Sum(s => s.ByOwnRecord), BySystem.Sum(s => s.ByUnitNorm));
    }

    public async Task<View> HandleAsync(CancellationToken ct)
    {
        var summary = await store.SummaryAsync(ct);
        DateOnly? to = summary.LastEvent is { } last ? DateOnly.FromDateTime(LondonTime.ToLocal(last).DateTime) : null;
        DateOnly? from = to?.AddDays(-(ShareDays - 1));
        var shares = to is null ? [] : await store.ExplanationSharesAsync(from!.Value, to.Value, ct);
        var bySystem = shares.GroupBy(s => s.System, StringComparer.Ordinal)
            .Select(g => new ShareLine(g.Key, g.Key, g.Sum(s => s.Total), g.Sum(s => s.ByAssignment), g.Sum(s => s.ByReason), g.Sum(s => s.ByOwnRecord), g.Sum(s => s.ByUnitNorm)))
            .OrderBy(s => s.Percent).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var unitIds = shares.Select(s => s.UnitId).Distinct().ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var byUnit = shares.GroupBy(s => s.UnitId, StringComparer.Ordinal)
            .Select(g => new ShareLine(g.Key, unitNames.GetValueOrDefault(g.Key) ?? (g.Key.Length == 0 ? "No unit on record" : g.Key),
                g.Sum(s => s.Total), g.Sum(s => s.ByAssignment), g.Sum(s => s.ByReason), g.Sum(s => s.ByOwnRecord), g.Sum(s => s.ByUnitNorm)))
            .OrderBy(s => s.Percent).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();

        var counts = await db.MisuseAlerts.AsNoTracking().GroupBy(a => new { a.Rule, a.Status, a.DismissReason })
            .Select(g => new { g.Key.Rule, g.Key.Status, g.Key.DismissReason, Count = g.Count() }).ToListAsync(ct);
        var records = rules.Rules.Select(r => r.Id).Concat(counts.Select(c => c.Rule)).Distinct()
            .Select(id => RuleRecord.From(id, rules.Rules.FirstOrDefault(r => r.Id == id)?.Title ?? Kernel.Vocabulary.Describe(id),
                counts.Where(c => c.Rule == id).Select(c => (c.Status, c.DismissReason, c.Count))))
            .OrderByDescending(r => r.Open + r.Assigned).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToList();

        // What the unit's decisions so far (ADR 0034) add to the next day's alerts, after the last day of logs held (today
        // when none are): visible, so a run of dismissals that talks a role's alerts down is seen by whoever reads this page.
        var decisions = await UnitDecisions.LoadAsync(db, (to ?? time.Today()).AddDays(1), rules.Learning, ct);
        var learned = decisions.ByRole().Where(x => Math.Abs(x.Shift.PowersOfTen) >= 0.005)
            .OrderBy(x => x.Shift.PowersOfTen).ThenBy(x => x.Rule, StringComparer.Ordinal).ThenBy(x => x.Role, StringComparer.Ordinal).Take(LearnedLines)
            .Select(x => new LearnedLine(rules.Rules.FirstOrDefault(r => r.Id == x.Rule)?.Title ?? Kernel.Vocabulary.Describe(x.Rule), x.Role, x.Shift)).ToList();

        var view = new View(summary, from, to, bySystem, byUnit, records, learned, rules.Learning, await store.QuarantineAsync(20, ct), await store.SegmentsAsync(10, ct),
            await db.LeakReports.CountAsync(ct), await db.ProbitySamples.CountAsync(ct));
        await audit.RecordAsync("view", "access_monitoring", $"overview: {summary.Events} events in store, {view.ToWork} alerts to work", ct);
        return view;
    }
}

/// <summary>A rule and role whose next scores the unit's decisions move, and by how many points.</summary>
internal sealed record LearnedLine(string Rule, string Role, LearnedShift Shift)
{
    public double Points => Math.Round(10 * Shift.PowersOfTen, 1);
}

/// <summary>
/// A rule's alerts by where they are, and its record once decided: a dismissal for any reason but "duplicate" is a
/// false positive, a raised alert a true one. Duplicates say nothing about the rule, so they are left out.
/// </summary>
internal sealed record RuleRecord(string RuleId, string Title, int Open, int Assigned, int FalsePositives, int TruePositives, int Duplicates)
{
    public int Decided => FalsePositives + TruePositives;

    /// <summary>Null until something is decided.</summary>
    public double? FalsePositiveRate => Decided == 0 ? null : (double)FalsePositives / Decided;

    public static RuleRecord From(string ruleId, string title, IEnumerable<(string Status, string? DismissReason, int Count)> counts)
    {
        int open = 0, assigned = 0, falsePositives = 0, truePositives = 0, duplicates = 0;
        foreach (var (status, reason, count) in counts)
        {
            switch (status)
            {
                case AlertStatus.Open: open += count; break;
                case AlertStatus.Assigned: assigned += count; break;
                case AlertStatus.Raised: truePositives += count; break;
                case AlertStatus.Dismissed when reason == AlertStatus.Duplicate: duplicates += count; break;
                case AlertStatus.Dismissed: falsePositives += count; break;
            }
        }
        return new RuleRecord(ruleId, title, open, assigned, falsePositives, truePositives, duplicates);
    }
}

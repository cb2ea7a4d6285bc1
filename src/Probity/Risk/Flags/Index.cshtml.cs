using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail;
using Probity.Identity;
using Probity.Database;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Flags;

/// <summary>The threshold triggers that fire as at a date, each explained, for the Risk Identification Unit.</summary>
[Authorize(Policy = Policies.ReadRisk)]
public sealed class IndexModel(RiskFactsCache facts, ThresholdEngine engine, ThresholdRuleSet rules, Audit audit, TimeProvider time, ProbityDb db, Cases.CaseReferences references) : PageModel
{
    public sealed record RuleCount(string RuleId, string Title, int Count, int Critical);

    /// <summary>What the Risk Management meeting concluded about each trigger's flags: its record of false positives.</summary>
    public sealed record RuleRecord(int Decided, int FalsePositives);

    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }

    public DateOnly AsOf { get; private set; }
    public IReadOnlyList<RiskFlag> Flags { get; private set; } = [];
    public IReadOnlyList<RuleCount> ByRule { get; private set; } = [];
    public IReadOnlyList<ThresholdRule> Rules => engine.Rules;
    public IReadOnlyDictionary<string, RuleRecord> Records { get; private set; } = new Dictionary<string, RuleRecord>();
    public string RulesSource => rules.Source;
    public IReadOnlyList<Cases.CaseDateWarning> DateExclusions { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "asOf")] DateOnly? asOf, CancellationToken ct)
    {
        AsOf = WorkingDays.RequireCovered(asOf ?? time.Today(), "the as-at date");
        var riskFacts = await facts.GetAsync(ct);
        DateExclusions = await references.VisibleAsync(riskFacts.DateExclusions, w => w.CaseId, ct);
        var all = engine.Evaluate(riskFacts, AsOf).Where(f => f.VisibleTo(db.Scope)).ToList();
        ByRule = all.GroupBy(f => (f.RuleId, f.RuleTitle)).Select(g => new RuleCount(g.Key.RuleId, g.Key.RuleTitle, g.Count(), g.Count(f => f.Level == "critical")))
            .OrderByDescending(r => r.Critical).ThenByDescending(r => r.Count).ToList();
        Records = (await db.RiskInterventions.Where(i => i.RuleId != null).Select(i => new { i.RuleId, i.Decision }).ToListAsync(ct))
            .GroupBy(i => i.RuleId!).ToDictionary(g => g.Key, g => new RuleRecord(g.Count(), g.Count(i => i.Decision == "no_action_false_positive")), StringComparer.Ordinal);
        Flags = all.Where(f => (Level is null || f.Level == Level) && (Subject is null || f.Subject == Subject) && (Rule is null || f.RuleId == Rule)).Take(500).ToList();
        await audit.RecordAsync("view", "risk_flags", $"as at {AsOf:yyyy-MM-dd} level={Level} subject={Subject} rule={Rule}: {Flags.Count} shown of {all.Count}", ct);
    }
}

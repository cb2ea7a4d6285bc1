using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Probity.Identity.Contracts;
using Probity.Database;
using Probity.Kernel;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Flags;

/// <summary>
/// The threshold triggers that fire as at a date, each explained, for the Risk Identification Unit: filtered, paged, and
/// counted in full (a unit works through thousands of flags; none may silently drop off the end).
/// </summary>
[Authorize(Policy = Policies.ReadRisk)]
internal sealed class IndexModel(RiskFactsCache facts, ThresholdEngine engine, ThresholdRuleSet rules, Audit audit, TimeProvider time, ProbityDb db, Cases.Contracts.CaseReferences references) : PageModel
{
    public const int PageSize = 100;

    internal sealed record RuleCount(string RuleId, string Title, int Count, int Critical);

    /// <summary>What the Risk Management meeting concluded about each trigger's flags: its record of false positives.</summary>
    internal sealed record RuleRecord(int Decided, int FalsePositives);

    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    /// <summary>Part of the name or id of the officer, team or location.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    // "page" is also Razor Pages' own route value (the page's name), which binding would read first: the query string only.
    [BindProperty(SupportsGet = true, Name = "page"), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public DateOnly AsOf { get; private set; }
    public IReadOnlyList<RiskFlag> Flags { get; private set; } = [];
    /// <summary>Every flag the reader may see as at the date, and those matching the filters: the true counts.</summary>
    public int Total { get; private set; }
    public int Matching { get; private set; }
    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);
    public IReadOnlyList<RuleCount> ByRule { get; private set; } = [];
    public IReadOnlyList<ThresholdRule> Rules => engine.Rules;
    public IReadOnlyDictionary<string, RuleRecord> Records { get; private set; } = new Dictionary<string, RuleRecord>();
    public string RulesSource => rules.Source;
    public IReadOnlyList<Cases.Contracts.CaseDateWarning> DateExclusions { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "asOf")] DateOnly? asOf, CancellationToken ct)
    {
        AsOf = WorkingDays.RequireCovered(asOf ?? time.Today(), "the as-at date");
        if (Level is not (null or "warning" or "critical")) throw new ActionRefusedException($"The level is warning or critical, not '{Level}'.");
        if (Subject is not (null or "officer" or "unit" or "location")) throw new ActionRefusedException($"A flag is about an officer, a unit or a location, not '{Subject}'.");
        if (Rule is not null && engine.Rules.All(r => r.Id != Rule)) throw new ActionRefusedException($"There is no trigger '{Rule}'.");
        if (Q is { Length: > 100 }) throw new ActionRefusedException("The search is at most 100 characters.");
        var riskFacts = await facts.GetAsync(ct);
        DateExclusions = await references.VisibleAsync(riskFacts.DateExclusions, w => w.CaseId, ct);
        var all = engine.Evaluate(riskFacts, AsOf).Where(f => f.VisibleTo(db.Scope)).ToList();
        Total = all.Count;
        ByRule = all.GroupBy(f => (f.RuleId, f.RuleTitle)).Select(g => new RuleCount(g.Key.RuleId, g.Key.RuleTitle, g.Count(), g.Count(f => f.Level == "critical")))
            .OrderByDescending(r => r.Critical).ThenByDescending(r => r.Count).ToList();
        Records = (await db.RiskInterventions.Where(i => i.RuleId != null).Select(i => new { i.RuleId, i.Decision }).ToListAsync(ct))
            .GroupBy(i => i.RuleId!).ToDictionary(g => g.Key, g => new RuleRecord(g.Count(), g.Count(i => i.Decision == "no_action_false_positive")), StringComparer.Ordinal);
        var q = Q?.Trim();
        var matching = all.Where(f => (Level is null || f.Level == Level) && (Subject is null || f.Subject == Subject) && (Rule is null || f.RuleId == Rule)
            && (string.IsNullOrEmpty(q) || f.SubjectId.Contains(q, StringComparison.OrdinalIgnoreCase) || f.SubjectName.Contains(q, StringComparison.OrdinalIgnoreCase))).ToList();
        Matching = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Flags = await references.ForReaderAsync(matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList(), ct);
        await audit.RecordAsync("view", "risk_flags", $"as at {AsOf:yyyy-MM-dd} level={Level} subject={Subject} rule={Rule} q={q} page={PageNumber}: {Flags.Count} shown of {Matching} matching of {Total}", ct);
    }

    /// <summary>This page's address with one query value changed (the pager, the counts by trigger).</summary>
    public string Link(string key, string? value)
    {
        var query = Request.Query.Where(p => p.Key != key && p.Key != "page").ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        if (value is not null) query[key] = value;
        query["asOf"] = AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/risk", query);
    }
}

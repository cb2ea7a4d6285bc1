using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.AuditTrail;
using Probity.Identity;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Scores;

[Authorize(Policy = Policies.ReadRisk)]
public sealed class IndexModel(RiskScoresCache scores, RiskFactsCache facts, ThresholdEngine engine, Audit audit) : PageModel
{
    public ScoredOfficers? Scores { get; private set; }
    public IReadOnlyDictionary<string, int> Flagged { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<Cases.CaseDateWarning> DateExclusions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var riskFacts = await facts.GetAsync(ct);
        DateExclusions = riskFacts.DateExclusions;
        Scores = scores.Peek();
        if (Scores is null) return;
        Flagged = engine.Evaluate(riskFacts, Scores.AsOf).Where(f => f.Subject == "officer")
            .GroupBy(f => f.SubjectId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        await audit.RecordAsync("view", "risk_scores", $"top 100 of {Scores.Officers.Count} as at {Scores.AsOf:yyyy-MM-dd}", ct);
    }
}

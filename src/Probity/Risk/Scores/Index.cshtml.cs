using Probity.AuditTrail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Scores;

/// <summary>
/// The officers to look at first, by the ranking the evidence chose (the learned model only where it beat the best simple
/// baseline on this force's history), with that evidence, the fairness figures and what the data lack.
/// </summary>
[Authorize(Policy = Policies.ReadRisk)]
internal sealed class IndexModel(RiskScoresCache scores, RiskFactsCache facts, ThresholdEngine engine, Audit audit, Database.ProbityDb db, Cases.Contracts.CaseReferences references) : PageModel
{
    public const int Shown = 100;

    public ScoredOfficers? Scores { get; private set; }

    /// <summary>
    /// The ranked officers the reader may read about (never themselves). Under a count ranking an officer with no allegation
    /// in the window is not a prompt to look at anyone: listing them would only list names in an arbitrary order.
    /// </summary>
    public IEnumerable<ScoredOfficer> Officers => Scores is null ? [] : Scores.VisibleTo(db.Scope).Where(o => Counts(Scores, o));

    public static bool Counts(ScoredOfficers scores, ScoredOfficer officer) => scores.Choice.ModelInUse || officer.Score >= 1;
    public IReadOnlyDictionary<string, int> Flagged { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<Cases.Contracts.CaseDateWarning> DateExclusions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var riskFacts = await facts.GetAsync(ct);
        DateExclusions = await references.VisibleAsync(riskFacts.DateExclusions, w => w.CaseId, ct);
        Scores = scores.Peek();
        if (Scores is null)
        {
            // The page still shows the date exclusions (case references) while the ranking is being prepared.
            await audit.RecordAsync("view", "risk_scores", $"ranking being prepared; {DateExclusions.Count} case(s) left out for their dates", ct);
            return;
        }
        Flagged = engine.Evaluate(riskFacts, Scores.AsOf).Where(f => f.Subject == "officer")
            .GroupBy(f => f.SubjectId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        await audit.RecordAsync("view", "risk_scores", $"top {Shown} of {Scores.Officers.Count} as at {Scores.AsOf:yyyy-MM-dd}, ranking {Scores.Choice.InUse}", ct);
    }
}

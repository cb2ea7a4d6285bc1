using Probity.AuditTrail.Contracts;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Probity.Identity.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Risk.Facts;
using Probity.Risk.Thresholds;

namespace Probity.Risk.Scores;

/// <summary>An officer's threshold flags and place in the risk ranking, with the explanations, for their profile page.</summary>
/// <param name="Ranked">Their place in the ranking in use and its factors; null while the ranking is being prepared or if they are not serving.</param>
internal sealed record OfficerRiskView(DateOnly AsOf, IReadOnlyList<RiskFlag> Flags, ScoredOfficer? Ranked, int RankedOf, RankingChoiceSummary? Ranking);

internal sealed record RankingChoiceSummary(string InUseTitle, bool ModelInUse, string Reason);

/// <summary>
/// What the Risk Identification Unit holds about one officer, for the officer profile: only for readers the ReadRisk policy
/// admits, never for the officer themself (need-to-know), and every view of it on the audit trail.
/// </summary>
internal sealed class OfficerRisk(IAuthorizationService authz, ProbityDb db, RiskFactsCache facts, ThresholdEngine engine, RiskScoresCache scores, Audit audit, TimeProvider time, Cases.Contracts.CaseReferences references)
{
    /// <summary>Null when the reader may not see it.</summary>
    public async Task<OfficerRiskView?> ForAsync(string staffId, ClaimsPrincipal reader, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(reader, Policies.ReadRisk)).Succeeded || !db.Scope.MayReadAbout(staffId)) return null;
        var ranked = scores.Peek();
        var asOf = ranked?.AsOf ?? time.Today();
        var flags = await Flags.FlagReferences.ForReaderAsync(references, FlagsOn(await facts.GetAsync(ct), asOf)[staffId].ToList(), ct);
        var mine = ranked?.VisibleTo(db.Scope).FirstOrDefault(o => o.StaffId == staffId);
        await audit.RecordAsync("view", "staff:" + staffId, $"risk flags ({flags.Count}) and ranking{(mine is null ? "" : $" (place {mine.Rank} of {ranked!.Officers.Count})")} on the officer profile, as at {asOf:yyyy-MM-dd}", ct);
        return new OfficerRiskView(asOf, flags, mine, ranked?.Officers.Count ?? 0,
            ranked is null ? null : new RankingChoiceSummary(ranked.Choice.InUseTitle, ranked.Choice.ModelInUse, ranked.Choice.Reason));
    }

    // Evaluating every trigger over the force takes a while and the profile is a busy page: the flags are kept per facts
    // snapshot (a new one when the store changes; the old one goes with it) and date.
    private static readonly ConditionalWeakTable<RiskFacts, StrongBox<(DateOnly AsOf, ILookup<string, RiskFlag> ByOfficer)>> Evaluated = new();

    private ILookup<string, RiskFlag> FlagsOn(RiskFacts riskFacts, DateOnly asOf)
    {
        if (Evaluated.TryGetValue(riskFacts, out var kept) && kept.Value.AsOf == asOf) return kept.Value.ByOfficer;
        var byOfficer = engine.Evaluate(riskFacts, asOf).Where(f => f.Subject == "officer").ToLookup(f => f.SubjectId, StringComparer.Ordinal);
        Evaluated.AddOrUpdate(riskFacts, new StrongBox<(DateOnly, ILookup<string, RiskFlag>)>((asOf, byOfficer)));
        return byOfficer;
    }
}

using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;

namespace Probity.DemoForce;

/// <summary>
/// The demo force's civil claims, employment tribunal claims and grievances get their lifecycle and money (ADR 0024; PIF-1
/// carries only the case): amounts claimed, representation, heads of claim, liability decisions, hearings (some still to
/// come), settlements, damages, awards, compensation and both sides' costs. Deterministic (its own random stream of the
/// demo's seed). Costs per case fall over the years, as the strategy aims (seed 001), so the litigation cost page shows a
/// trend rather than noise.
/// </summary>
internal static class DemoLitigation
{
    private static readonly string[] Firms =
        ["Hickman & Rose", "Bhatt Murphy", "Birnberg Peirce", "Deighton Pierce Glynn", "Hodge Jones & Allen", "Saunders Law", "Irwin Mitchell", "Leigh Day"];

    public static async Task LoadAsync(ProbityDb db, Audit audit, DateOnly until, int seed, CancellationToken ct)
    {
        var types = new[] { LitigationRules.CivilClaim, LitigationRules.EmploymentTribunal, LitigationRules.Grievance };
        var cases = await db.Cases.AsNoTracking().Where(c => types.Contains(c.CaseType) && c.RecordedOn != null)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.CaseType, c.ReceivedOn, c.FinalisedOn }).ToListAsync(ct);
        if (cases.Count == 0) return;
        var rng = DemoRandom.Stream(seed, 24);
        var now = new DateTimeOffset(until.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        long Pounds(double pounds) => (long)Math.Round(Math.Max(0, pounds)) * 100;
        var hearings = 0;
        foreach (var c in cases)
        {
            // Dearer further back: about 1.6 times today's cost per case ten years ago.
            var trend = 1 + Math.Min(0.6, 0.07 * ((until.DayNumber - c.ReceivedOn.DayNumber) / 365.25));
            var l = new CaseLitigation { CaseId = c.Id };
            void Hearing(DateOnly on, string kind)
            {
                l.Hearings.Add(new LitigationHearing { CaseId = c.Id, HearingOn = on, Kind = kind, ListedBy = "demo force", ListedAt = now });
                hearings++;
            }
            DateOnly? end = c.FinalisedOn;
            switch (c.CaseType)
            {
                case LitigationRules.CivilClaim:
                {
                    var claimed = rng.LogNormal(15_000 * trend, 0.9);
                    l.AmountClaimedPence = Pounds(claimed);
                    var solicitor = rng.Chance(0.8);
                    l.Representation = solicitor ? "solicitor" : "in_person";
                    l.Representative = solicitor ? rng.Pick(Firms) : null;
                    var decided = DemoRandom.Weekday(c.ReceivedOn.AddDays(60 + rng.Next(60)));
                    if (decided <= until && (end is null || decided <= end))
                    {
                        l.Liability = rng.Pick(new[] { "admitted", "denied", "denied", "partial" });
                        l.LiabilityDecidedOn = decided;
                        l.LiabilityDecidedBy = "Directorate of Legal Services";
                    }
                    if (end is { } done)
                    {
                        var roll = rng.NextDouble();
                        l.Outcome = roll < 0.55 ? "settled" : roll < 0.63 ? "judgment_for_claimant" : roll < 0.73 ? "judgment_for_force" : roll < 0.93 ? "discontinued" : "struck_out";
                        if (l.LiabilityDecidedOn > done) l.LiabilityDecidedOn = done;
                        if (l.Outcome == "settled") l.SettlementPence = Pounds(claimed * (0.3 + 0.5 * rng.NextDouble()));
                        if (l.Outcome == "judgment_for_claimant") l.DamagesPence = Pounds(claimed * (0.5 + 0.5 * rng.NextDouble()));
                        if (l.Outcome is "judgment_for_claimant" or "judgment_for_force") Hearing(done, "full");
                        l.OwnCostsPence = Pounds(rng.LogNormal(6_000 * trend, 0.7));
                        if (l.Outcome is "settled" or "judgment_for_claimant") l.ClaimantCostsPence = Pounds(rng.LogNormal(9_000 * trend, 0.7));
                    }
                    else if (rng.Chance(0.3)) Hearing(DemoRandom.Weekday(until.AddDays(30 + rng.Next(200))), "full");
                    break;
                }
                case LitigationRules.EmploymentTribunal:
                {
                    var claimed = rng.LogNormal(30_000 * trend, 0.8);
                    l.AmountClaimedPence = Pounds(claimed);
                    var roll = rng.NextDouble();
                    l.Representation = roll < 0.5 ? "solicitor" : roll < 0.65 ? "trade_union" : roll < 0.8 ? "police_federation" : "in_person";
                    l.Representative = l.Representation switch { "solicitor" => rng.Pick(Firms), "trade_union" => "UNISON", "police_federation" => "Police Federation", _ => null };
                    var heads = new HashSet<string>(StringComparer.Ordinal);
                    for (var h = 0; h < 1 + rng.Next(3); h++) heads.Add(LitigationRules.HeadsOfClaim[rng.Next(LitigationRules.HeadsOfClaim.Count - 1)]);
                    l.HeadsOfClaim = string.Join(',', LitigationRules.HeadsOfClaim.Where(heads.Contains));
                    var preliminary = DemoRandom.Weekday(c.ReceivedOn.AddDays(40 + rng.Next(40)));
                    if (preliminary <= until && (end is null || preliminary <= end)) Hearing(preliminary, "preliminary");
                    if (end is { } done)
                    {
                        var outcome = rng.NextDouble();
                        l.Outcome = outcome < 0.45 ? "settled" : outcome < 0.55 ? "claim_upheld" : outcome < 0.75 ? "claim_dismissed" : outcome < 0.95 ? "withdrawn" : "struck_out";
                        if (l.Outcome == "settled") l.SettlementPence = Pounds(claimed * (0.2 + 0.3 * rng.NextDouble()));
                        if (l.Outcome == "claim_upheld") l.DamagesPence = Pounds(claimed * (0.3 + 0.6 * rng.NextDouble()));
                        if (l.Outcome is "claim_upheld" or "claim_dismissed") Hearing(done, "full");
                        l.OwnCostsPence = Pounds(rng.LogNormal(8_000 * trend, 0.7));
                        if (l.Outcome == "claim_upheld" && rng.Chance(0.1)) l.ClaimantCostsPence = Pounds(rng.LogNormal(5_000 * trend, 0.6));
                    }
                    else if (rng.Chance(0.4)) Hearing(DemoRandom.Weekday(until.AddDays(20 + rng.Next(250))), "full");
                    break;
                }
                default:
                {
                    var stage = rng.NextDouble();
                    l.GrievanceStage = stage < 0.5 ? "informal" : stage < 0.95 ? "formal" : "appeal";
                    if (rng.Chance(0.3)) l.Representation = rng.Chance(0.5) ? "trade_union" : "police_federation";
                    if (end is not null)
                    {
                        if (l.GrievanceStage == "formal" && rng.Chance(0.15)) l.GrievanceStage = "appeal";
                        var outcome = rng.NextDouble();
                        l.Outcome = outcome < 0.2 ? "upheld" : outcome < 0.45 ? "partly_upheld" : outcome < 0.9 ? "not_upheld" : "withdrawn";
                        if ((l.Outcome == "upheld" && rng.Chance(0.3)) || (l.Outcome == "partly_upheld" && rng.Chance(0.15)))
                            l.DamagesPence = Pounds(rng.LogNormal(1_500 * trend, 0.6));
                    }
                    break;
                }
            }
            l.OutcomeOn = l.Outcome is null ? null : end;
            db.CaseLitigation.Add(l);
        }
        audit.Change("create", "cases", $"demo litigation: {cases.Count} claims, tribunals and grievances with their money, {hearings} hearings");
        await db.SaveChangesAsync(ct);
    }
}

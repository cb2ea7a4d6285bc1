using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;

namespace Probity.Performance.LitigationCost;

/// <summary>
/// The cost of litigation and compensation (ADR 0024; seed 001: reducing it is an aim of the strategy): what concluded
/// civil claims, employment tribunals and grievances cost the force, by financial year of their outcome and by the unit
/// where the matter arose. Read from the shared analytic view like every performance figure (ADR 0006): a need-to-know
/// case is left out for every reader, and so is a case withdrawn as recorded in error, an outcome dated outside the
/// working-day calendar or an amount no step could have recorded. Returns pence; the page formats them.
/// </summary>
internal static class LitigationCosts
{
    /// <summary>One concluded case's money.</summary>
    internal sealed record Paid(string CaseId, string CaseType, DateOnly OutcomeOn, string? UnitId, long Settlement, long Damages, long Compensation, long OwnCosts, long ClaimantCosts);

    /// <summary>A row of the figures: a financial year or a unit.</summary>
    internal sealed record CostRow(string Key, string Label, int Cases, long Settlements, long Damages, long Compensation, long OwnCosts, long ClaimantCosts)
    {
        public long Total => Settlements + Damages + Compensation + OwnCosts + ClaimantCosts;
    }

    internal sealed record Figures(IReadOnlyList<CostRow> ByYear, IReadOnlyList<CostRow> ByUnit, CostRow AllYears, IReadOnlyList<int> Years);

    /// <summary>The financial year (April to March) a date falls in, named by the year it starts: 15 Feb 2024 is in 2023 (2023/24).</summary>
    public static int FinancialYear(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;

    public static string YearLabel(int year) => $"{year}/{(year + 1) % 100:00}";

    public static async Task<IReadOnlyList<Paid>> LoadAsync(ProbityDb db, CancellationToken ct)
    {
        // The shared analytic view: the same figures for every reader, never including a need-to-know case.
        using var shared = db.ReadAsSharedAnalytics();
        var rows = await db.CaseLitigation.AsNoTracking()
            .Where(l => l.OutcomeOn != null && l.Case!.RecordedInErrorOn == null)
            .Select(l => new
            {
                l.CaseId, l.Case!.CaseType, l.OutcomeOn, UnitId = l.Case.LocationUnitId ?? l.Case.HandlingUnitId,
                l.SettlementPence, l.DamagesPence, l.OwnCostsPence, l.ClaimantCostsPence,
            }).ToListAsync(ct);
        // An amount no step could have recorded (negative, or more than the largest accepted: written round the application)
        // leaves its case out, as an outcome dated outside the calendar does: added up, it would give a false total, or none.
        return [.. rows.Where(r => WorkingDays.Covers(r.OutcomeOn!.Value) && LitigationRules.Recordable(r.SettlementPence) && LitigationRules.Recordable(r.DamagesPence)
            && LitigationRules.Recordable(r.OwnCostsPence) && LitigationRules.Recordable(r.ClaimantCostsPence)).Select(r =>
        {
            var grievance = r.CaseType == LitigationRules.Grievance;
            return new Paid(r.CaseId, r.CaseType, r.OutcomeOn!.Value, r.UnitId, r.SettlementPence ?? 0,
                grievance ? 0 : r.DamagesPence ?? 0, grievance ? r.DamagesPence ?? 0 : 0, r.OwnCostsPence ?? 0, r.ClaimantCostsPence ?? 0);
        })];
    }

    /// <param name="year">A financial year to break down by unit, or null for every year.</param>
    public static Figures Compute(IReadOnlyList<Paid> paid, IReadOnlyDictionary<string, string> unitNames, int? year)
    {
        var years = paid.Select(p => FinancialYear(p.OutcomeOn)).Distinct().Order().ToList();
        // Every year from the first to the last, a year with nothing paid included as zero: a gap is a figure too.
        var span = years.Count == 0 ? [] : Enumerable.Range(years[0], years[^1] - years[0] + 1).ToList();
        var byYear = span.Select(y => Row(y.ToString(System.Globalization.CultureInfo.InvariantCulture), YearLabel(y), paid.Where(p => FinancialYear(p.OutcomeOn) == y))).ToList();
        var inYear = year is { } chosen ? paid.Where(p => FinancialYear(p.OutcomeOn) == chosen).ToList() : paid;
        var byUnit = inYear.GroupBy(p => p.UnitId ?? "")
            .Select(g => Row(g.Key, g.Key.Length == 0 ? "Unit not known" : unitNames.TryGetValue(g.Key, out var n) ? n : g.Key, g))
            .OrderByDescending(r => r.Total).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        return new Figures(byYear, byUnit, Row("all", "All years", paid), span);
    }

    private static CostRow Row(string key, string label, IEnumerable<Paid> rows)
    {
        var list = rows as IReadOnlyCollection<Paid> ?? rows.ToList();
        return new CostRow(key, label, list.Count, list.Sum(p => p.Settlement), list.Sum(p => p.Damages), list.Sum(p => p.Compensation),
            list.Sum(p => p.OwnCosts), list.Sum(p => p.ClaimantCosts));
    }
}

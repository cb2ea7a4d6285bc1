using Probity.Cases.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Intelligence.Contracts;

namespace Probity.Performance.Facts;

/// <summary>
/// A compact, read-only snapshot of everything the Performance Management Framework measures, loaded in a
/// handful of projections and held in memory: every measure is then computed by plain code over arrays, the
/// same way on SQLite and PostgreSQL, in milliseconds. Restricted (need-to-know) cases are left out of every
/// figure (docs/adr/0006-performance-measures.md), and so is every date outside the working-day calendar
/// (<see cref="DateExclusions"/>): the calculator only ever meets dates it can count working days between.
/// </summary>
internal sealed class PerformanceFacts
{
    public required IReadOnlyList<CaseFact> Cases { get; init; }
    public required IReadOnlyList<AllegationFact> Allegations { get; init; }
    public required IReadOnlyList<AppealFact> Appeals { get; init; }
    public required IReadOnlyList<SanctionFact> Sanctions { get; init; }
    public required IReadOnlyList<ComplainantFact> Complainants { get; init; }
    public required IReadOnlyList<StaffFact> Staff { get; init; }
    public required IReadOnlyList<UnitFact> Units { get; init; }
    public required IReadOnlyList<PopulationFact> Population { get; init; }
    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>
    /// What was left out because a stored date lies outside the working-day calendar: a case whose own dates do
    /// (received, recorded, handling decision, finalised) is left out of every figure with everything on it; an
    /// allegation's finding, an outcome or an appeal dated outside it is left out on its own. Listed on the
    /// dashboard and in the report so the figures are not silently short (docs/adr/0006-performance-measures.md).
    /// </summary>
    public IReadOnlyList<DateExclusion> DateExclusions { get; init; } = [];

    /// <summary>The day each Right Line report arrived: counted force-wide only, since a report names no unit and nothing that could point at its reporter.</summary>
    public IReadOnlyList<DateOnly> RightLineReports { get; init; } = [];

    /// <summary>
    /// The boroughs' monthly returns (ADR 0026 addendum), every borough's: the calculator keeps a borough-scoped reader to
    /// their own borough's row, as ProbityDb does for the returns themselves.
    /// </summary>
    public IReadOnlyList<BoroughReturnFact> BoroughReturns { get; init; } = [];

    private Dictionary<string, UnitFact>? _unitsById;
    public IReadOnlyDictionary<string, UnitFact> UnitsById => _unitsById ??= Units.ToDictionary(u => u.Id, StringComparer.Ordinal);

    /// <summary>The unit and every unit below it (a BSU's teams, Territorial Policing's boroughs ...).</summary>
    public HashSet<string> Subtree(string unitId)
    {
        var children = Units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, u => u.Id, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal) { unitId };
        var queue = new Queue<string>([unitId]);
        while (queue.Count > 0)
            foreach (var child in children[queue.Dequeue()])
                if (result.Add(child)) queue.Enqueue(child);
        return result;
    }

    public static async Task<PerformanceFacts> LoadAsync(ProbityDb db, TimeProvider time, CancellationToken ct)
    {
        // The shared analytic view: the same figures for every reader, never including a need-to-know case.
        using var shared = db.ReadAsSharedAnalytics();
        // A case withdrawn as recorded in error never happened for the figures: the shared view leaves it out (ADR 0025).
        var stored = await db.Cases.AsNoTracking()
            .Select(c => new CaseFact(c.Id, c.CaseType, c.Regime, c.Source, c.ReceivedOn, c.RecordedOn, c.RouteDecidedOn, c.FinalisedOn,
                c.HandlingRoute, c.HandlingUnitId, c.LocationUnitId))
            .ToListAsync(ct);
        var exclusions = new List<DateExclusion>();
        var cases = new List<CaseFact>(stored.Count);
        foreach (var c in stored)
        {
            var outside = CaseDates.CheckCase(c.Id, c.ReceivedOn, c.RecordedOn, c.RouteDecidedOn, c.FinalisedOn).ToList();
            if (outside.Count == 0) cases.Add(c);
            else exclusions.AddRange(outside.Select(w => new DateExclusion(w, true, c.HandlingUnitId, c.LocationUnitId)));
        }
        var index = new Dictionary<string, int>(cases.Count, StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i++) index[cases[i].Id] = i;
        // A dated row of a counted case, or null (and an exclusion) when its date is outside the calendar.
        T? Dated<T>(string caseId, CaseDateWarning? outside, Func<int, T> fact) where T : class
        {
            if (outside is null) return fact(index[caseId]);
            var c = cases[index[caseId]];
            exclusions.Add(new DateExclusion(outside, false, c.HandlingUnitId, c.LocationUnitId));
            return null;
        }

        var allegations = (await db.Allegations.AsNoTracking()
                .Select(a => new { a.Id, a.CaseId, a.Category, a.Finding, a.FinalisedOn, a.StaffId }).ToListAsync(ct))
            .Where(a => index.ContainsKey(a.CaseId))
            .Select(a => Dated(a.CaseId, CaseDates.CheckFinding(a.CaseId, a.Id, a.FinalisedOn), i => new AllegationFact(i, a.Category, a.Finding, a.FinalisedOn, a.StaffId)))
            .OfType<AllegationFact>().ToList();
        // Appeals to the Police Appeals Tribunal against a hearing's outcome (ADR 0023) are not complaint appeals: not in these measures.
        var appeals = (await db.Appeals.AsNoTracking().Where(a => a.HearingId == null)
                .Select(a => new { a.Id, a.CaseId, a.AppealType, a.LodgedOn, a.DecidedOn, a.Upheld }).ToListAsync(ct))
            .Where(a => index.ContainsKey(a.CaseId))
            .Select(a => Dated(a.CaseId, CaseDates.CheckAppeal(a.CaseId, a.Id, a.LodgedOn, a.DecidedOn).FirstOrDefault(), i => new AppealFact(i, a.AppealType, a.LodgedOn, a.DecidedOn, a.Upheld)))
            .OfType<AppealFact>().ToList();
        var sanctions = (await db.Sanctions.AsNoTracking()
                .Select(s => new { s.CaseId, s.StaffId, s.Outcome, s.DecidedOn }).ToListAsync(ct))
            .Where(s => index.ContainsKey(s.CaseId))
            .Select(s => Dated(s.CaseId, CaseDates.CheckOutcome(s.CaseId, s.StaffId, s.DecidedOn), i => new SanctionFact(i, s.StaffId, s.Outcome, s.DecidedOn)))
            .OfType<SanctionFact>().ToList();
        var complainants = (await db.Complainants.AsNoTracking()
                .Select(c => new { c.CaseId, c.Gender, c.Ethnicity, c.AgeBand, c.HomeUnitId }).ToListAsync(ct))
            .Where(c => index.ContainsKey(c.CaseId))
            .Select(c => new ComplainantFact(index[c.CaseId], c.Gender, c.Ethnicity, c.AgeBand, c.HomeUnitId)).ToList();
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new StaffFact(s.Id, s.StaffType, s.UnitId, s.JoinedOn, s.LeftOn, s.Gender, s.Ethnicity)).ToListAsync(ct);
        var unitFacts = await db.Units.AsNoTracking().Select(u => new UnitFact(u.Id, u.Name, u.Kind, u.ParentUnitId, u.ResidentPopulation)).ToListAsync(ct);
        var population = await db.Population.AsNoTracking().Select(p => new PopulationFact(p.UnitId, p.Ethnicity, p.Gender, p.AgeBand, p.Residents)).ToListAsync(ct);
        var rightLine = await RightLineVolumes.DaysReceivedAsync(db, ct);
        // Read inside the shared view, which is kept to no borough: the calculator applies the reader's borough.
        var boroughReturns = await db.BoroughReturns.AsNoTracking()
            .Select(r => new BoroughReturnFact(r.BoroughUnitId, r.Year, r.Month, r.WrittenWarnings, r.FinalWrittenWarnings, r.ManagementAdvice)).ToListAsync(ct);
        return new PerformanceFacts
        {
            Cases = cases, Allegations = allegations, Appeals = appeals, Sanctions = sanctions, Complainants = complainants,
            Staff = staff, Units = unitFacts, Population = population, LoadedAt = time.GetUtcNow(),
            RightLineReports = rightLine, BoroughReturns = boroughReturns,
            DateExclusions = exclusions.OrderBy(e => e.Warning.CaseId, StringComparer.Ordinal).ToList(),
        };
    }
}

/// <summary>A date left out of the figures: the whole case (<paramref name="WholeCase"/>) or one dated row of it; with the case's units, so a unit's figures list only their own.</summary>
internal sealed record DateExclusion(CaseDateWarning Warning, bool WholeCase, string? HandlingUnitId, string? LocationUnitId);

internal sealed record CaseFact(string Id, string CaseType, string? Regime, string? Source, DateOnly ReceivedOn, DateOnly? RecordedOn,
    DateOnly? RouteDecidedOn, DateOnly? FinalisedOn, string? Route, string? HandlingUnitId, string? LocationUnitId);
internal sealed record AllegationFact(int Case, string Category, string? Finding, DateOnly? FinalisedOn, string? StaffId);
internal sealed record AppealFact(int Case, string AppealType, DateOnly LodgedOn, DateOnly? DecidedOn, bool? Upheld);
internal sealed record SanctionFact(int Case, string StaffId, string Outcome, DateOnly? DecidedOn);
internal sealed record ComplainantFact(int Case, string? Gender, string? Ethnicity, string? AgeBand, string? HomeUnitId);
internal sealed record StaffFact(string Id, string StaffType, string? UnitId, DateOnly? JoinedOn, DateOnly? LeftOn, string? Gender, string? Ethnicity)
{
    public bool ServingOn(DateOnly d) => (JoinedOn is null || JoinedOn <= d) && (LeftOn is null || LeftOn > d);
}
internal sealed record UnitFact(string Id, string Name, string Kind, string? ParentId, int? ResidentPopulation);
internal sealed record BoroughReturnFact(string BoroughUnitId, int Year, int Month, int WrittenWarnings, int FinalWrittenWarnings, int ManagementAdvice);
internal sealed record PopulationFact(string UnitId, string Ethnicity, string Gender, string AgeBand, int Residents);

using Probity.Cases.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.Risk.Facts;

/// <summary>
/// Everything the Risk Identification Unit combines, per member of staff, loaded once into memory: complaints and
/// conduct (with the dates each fact became known), civil claims, tribunals and grievances, sanctions, business
/// interests, vetting, monthly activity (exposure) and postings. Every rule and model reads it "as at" a date and
/// sees only what was known by then: an allegation from its case's received date, a finding from its finalised
/// date, a sanction from its decision date (no leakage from the future into a score).
/// Unlike the performance figures, restricted cases are included: the unit's own work is need-to-know, and its
/// outputs are restricted to the roles that may see them.
/// </summary>
internal sealed class RiskFacts
{
    public required IReadOnlyList<RiskStaff> Staff { get; init; }
    public required IReadOnlyList<RiskUnit> Units { get; init; }
    /// <summary>Allegations naming a member of staff, with their case's type and dates.</summary>
    public required IReadOnlyList<RiskAllegation> Allegations { get; init; }
    public required IReadOnlyList<RiskSanction> Sanctions { get; init; }
    public required IReadOnlyList<RiskInterest> BusinessInterests { get; init; }
    public required IReadOnlyList<RiskExposure> Exposure { get; init; }
    public required IReadOnlyList<RiskPosting> Postings { get; init; }
    /// <summary>Officers the Risk Management meeting put on the watch list, from the day it decided, until resolved.</summary>
    public IReadOnlyList<RiskWatch> WatchList { get; init; } = [];

    /// <summary>
    /// Case dates outside the working-day calendar, and what was done with them: an allegation on a case received
    /// outside it is left out (when it became known cannot be told); a finding dated outside it is treated as not yet
    /// reached; an outcome dated outside it is left out. Shown on the risk pages (ADR "Dates outside the working-day calendar").
    /// </summary>
    public IReadOnlyList<CaseDateWarning> DateExclusions { get; init; } = [];

    public const string ExcludedNote = "These dates lie outside the working-day calendar and are left out of the risk figures until corrected: an allegation on a case received outside it is left out, a finding dated outside it is treated as not yet reached, and an outcome dated outside it is left out.";

    private Dictionary<string, int>? _staffIndex;

    /// <summary>Position of a staff id in <see cref="Staff"/>.</summary>
    public IReadOnlyDictionary<string, int> StaffIndex => _staffIndex ??= Staff.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

    public static async Task<RiskFacts> LoadAsync(ProbityDb db, CancellationToken ct)
    {
        // The shared analytic view: flags, scores and their explanations are read by people outside a restricted case's
        // team, so a restricted case never enters them (ADR 0009).
        using var shared = db.ReadAsSharedAnalytics();
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new RiskStaff(s.Id, s.DisplayName, s.StaffType, s.Rank, s.UnitId, s.JoinedOn, s.LeftOn, s.VettingLevel, s.VettingExpiresOn, s.Gender, s.Ethnicity))
            .ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new RiskUnit(u.Id, u.Name, u.Kind, u.ParentUnitId)).ToListAsync(ct);
        var exclusions = new List<CaseDateWarning>();
        var allegations = new List<RiskAllegation>();
        foreach (var row in await db.Allegations.AsNoTracking().Where(a => a.StaffId != null)
                     .Select(a => new { a.Id, Fact = new RiskAllegation(a.StaffId!, a.CaseId, a.Case!.CaseType, a.Category, a.Case.ReceivedOn, a.Finding, a.FinalisedOn, a.Case.LocationUnitId) })
                     .ToListAsync(ct))
        {
            var a = row.Fact;
            if (CaseDates.CheckCase(a.CaseId, a.ReceivedOn, null, null, null).FirstOrDefault() is { } received)
            {
                exclusions.Add(received);
                continue;
            }
            if (CaseDates.CheckFinding(a.CaseId, row.Id, a.FinalisedOn) is { } finding)
            {
                exclusions.Add(finding);
                a = a with { Finding = null, FinalisedOn = null };
            }
            allegations.Add(a);
        }
        var sanctions = new List<RiskSanction>();
        foreach (var s in await db.Sanctions.AsNoTracking().Select(s => new RiskSanction(s.StaffId, s.CaseId, s.Outcome, s.DecidedOn)).ToListAsync(ct))
        {
            if (CaseDates.CheckOutcome(s.CaseId, s.StaffId, s.DecidedOn) is { } outside) exclusions.Add(outside);
            else sanctions.Add(s);
        }
        var interests = await db.BusinessInterests.AsNoTracking()
            .Select(b => new RiskInterest(b.StaffId, b.InterestType, b.AppliedOn, b.Decision, b.DecidedOn)).ToListAsync(ct);
        var exposure = await db.Exposure.AsNoTracking()
            .Select(x => new RiskExposure(x.StaffId, x.Month, x.HoursOnDuty, x.CallsAttended, x.Arrests, x.StopSearches, x.UsesOfForce)).ToListAsync(ct);
        var postings = await db.Postings.AsNoTracking().Select(p => new RiskPosting(p.StaffId, p.UnitId, p.FromDate, p.ToDate)).ToListAsync(ct);
        var watch = await db.RiskInterventions.AsNoTracking().Where(i => i.Decision == "watch_list" && i.Subject == "officer")
            .Select(i => new RiskWatch(i.SubjectId, i.DecidedOn, i.Outcome == "resolved" ? i.OutcomeOn : null, i.Notes)).ToListAsync(ct);
        return new RiskFacts
        {
            Staff = staff, Units = units, Allegations = allegations, Sanctions = sanctions, BusinessInterests = interests,
            Exposure = exposure, Postings = postings, WatchList = watch,
            // One line per date, however many of the case's allegations it kept out.
            DateExclusions = exclusions.Distinct().OrderBy(w => w.CaseId, StringComparer.Ordinal).ThenBy(w => w.What, StringComparer.Ordinal).ToList(),
        };
    }
}

/// <param name="Gender">PIF-1 gender code, for the fairness figures (flag and score rates by group).</param>
/// <param name="Ethnicity">PIF-1 ethnicity code (16+1 census codes or the broad groups), for the fairness figures.</param>
internal sealed record RiskStaff(string Id, string Name, string StaffType, string? Rank, string? UnitId, DateOnly? JoinedOn, DateOnly? LeftOn,
    string? VettingLevel, DateOnly? VettingExpiresOn, string? Gender = null, string? Ethnicity = null)
{
    public bool ServingOn(DateOnly d) => (JoinedOn is null || JoinedOn <= d) && (LeftOn is null || LeftOn > d);
}

internal sealed record RiskUnit(string Id, string Name, string Kind, string? ParentId);

/// <summary>
/// An allegation known from <see cref="ReceivedOn"/>; its finding known from <see cref="FinalisedOn"/>, or, when the export
/// gives a finding without a date (many real ones do), <see cref="UndatedFindingMonths"/> after receipt (ADR "Risk outcome").
/// </summary>
internal sealed record RiskAllegation(string StaffId, string CaseId, string CaseType, string Category, DateOnly ReceivedOn, string? Finding, DateOnly? FinalisedOn, string? LocationUnitId)
{
    /// <summary>
    /// How long after receipt an undated finding is taken to have been known. Findings usually arrive within a year (in
    /// real data a median near 90 working days, a mean above 200); taking them as known earlier would let features see the
    /// future, later would hide what a unit did know. Stated in the ADR and varied in the benchmark.
    /// </summary>
    public const int UndatedFindingMonthsDefault = 12;

    public int UndatedFindingMonths { get; init; } = UndatedFindingMonthsDefault;

    /// <summary>When the finding became known: its finalised date, or the assumed date of an undated one; null while open.</summary>
    public DateOnly? FindingKnownOn => Finding is null ? null : FinalisedOn ?? ReceivedOn.AddMonths(UndatedFindingMonths);

    /// <summary>The finding as it stood on a date: null if not yet reached (or not yet known) by then.</summary>
    public string? FindingOn(DateOnly d) => FindingKnownOn is { } f && f <= d ? Finding : null;
}

internal sealed record RiskSanction(string StaffId, string CaseId, string Outcome, DateOnly? DecidedOn);
internal sealed record RiskInterest(string StaffId, string InterestType, DateOnly? AppliedOn, string? Decision, DateOnly? DecidedOn);
/// <summary>One month's activity; <see cref="Month"/> is YYYY-MM.</summary>
internal sealed record RiskExposure(string StaffId, string Month, decimal? HoursOnDuty, int? CallsAttended, int? Arrests, int? StopSearches, int? UsesOfForce);
internal sealed record RiskPosting(string StaffId, string UnitId, DateOnly FromDate, DateOnly? ToDate);
internal sealed record RiskWatch(string StaffId, DateOnly Since, DateOnly? Until, string Reason);

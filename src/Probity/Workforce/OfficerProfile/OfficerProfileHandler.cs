using Probity.Cases.Contracts;
using Probity.Workforce.Contracts;
using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;

namespace Probity.Workforce.OfficerProfile;

/// <summary>An officer's (or staff member's) full complaint, conduct, claims and outcomes history, as far as the reader may see.</summary>
internal sealed class OfficerProfileHandler(ProbityDb db, Audit audit)
{
    internal sealed record CaseLine(string CaseId, string CaseType, DateOnly ReceivedOn, string? Route, DateOnly? FinalisedOn, string Status,
        IReadOnlyList<(string Category, string? Finding)> Allegations, IReadOnlyList<string> Outcomes)
    {
        /// <summary>The officer's misconduct meetings and hearings in the case, earliest first, with any appeal to the tribunal (ADR 0023).</summary>
        public IReadOnlyList<HearingLine> Hearings { get; init; } = [];
    }

    /// <param name="Outcome">The panel's outcome (a sanction code or not_proven); null until decided.</param>
    /// <param name="Appeal">The tribunal's result in words ("not upheld", "final written warning substituted", "awaiting decision"), or null when not appealed.</param>
    internal sealed record HearingLine(string Kind, DateOnly HeldOn, string? Outcome, string? Appeal);

    internal sealed record View(StaffMember Staff, Unit? Unit, IReadOnlyList<Posting> Postings, IReadOnlyList<CaseLine> Cases,
        int Allegations, int Substantiated, IReadOnlyDictionary<string, int> ByCategory)
    {
        /// <summary>The names of the units in <see cref="Postings"/>, by id.</summary>
        public IReadOnlyDictionary<string, string> PostingUnits { get; init; } = new Dictionary<string, string>();
    }

    public async Task<View> HandleAsync(string staffId, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId, ct) ?? throw new RecordNotFoundException($"Staff member {staffId}");
        await audit.RecordAsync("view", "staff:" + staffId, "officer profile", ct);
        var unit = staff.UnitId is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == staff.UnitId, ct);
        var postings = await db.Postings.AsNoTracking().Where(p => p.StaffId == staffId).OrderByDescending(p => p.FromDate).ToListAsync(ct);
        // The query filters drop allegations on cases the reader may not know about.
        var allegations = await db.Allegations.AsNoTracking().Where(a => a.StaffId == staffId)
            .Select(a => new { a.CaseId, a.Category, a.Finding, a.Case!.CaseType, a.Case.ReceivedOn, a.Case.HandlingRoute, a.Case.FinalisedOn, a.Case.RecordedOn, a.Case.RecordedInErrorOn })
            .ToListAsync(ct);
        var sanctions = await db.Sanctions.AsNoTracking().Where(s => s.StaffId == staffId).Select(s => new { s.CaseId, s.Outcome }).ToListAsync(ct);
        var outcomes = sanctions.ToLookup(s => s.CaseId, s => s.Outcome);
        // Filtered through their case like the allegations; never shown to the officer they are about (ADR 0023).
        var hearings = await db.ConductHearings.AsNoTracking().Where(h => h.StaffId == staffId).OrderBy(h => h.HeldOn)
            .Select(h => new { h.Id, h.CaseId, h.Kind, h.HeldOn, h.Outcome }).ToListAsync(ct);
        var hearingIds = hearings.Select(h => h.Id).ToList();
        var appeals = hearingIds.Count == 0 ? [] : await db.Appeals.AsNoTracking().Where(a => a.HearingId != null && hearingIds.Contains(a.HearingId))
            .Select(a => new { a.HearingId, a.DecidedOn, a.Upheld, a.SubstitutedOutcome }).ToListAsync(ct);
        string? AppealOf(string hearingId) => appeals.LastOrDefault(a => a.HearingId == hearingId) switch
        {
            null => null,
            { DecidedOn: null } => "awaiting the tribunal's decision",
            { Upheld: true, SubstitutedOutcome: { } lesser } => $"appeal upheld: {Vocabulary.Describe(lesser).ToLowerInvariant()} substituted",
            { Upheld: true } => "appeal upheld: outcome set aside",
            _ => "appeal not upheld",
        };
        var hearingsByCase = hearings.ToLookup(h => h.CaseId, h => new HearingLine(h.Kind, h.HeldOn, h.Outcome, AppealOf(h.Id)));
        var lines = allegations.GroupBy(a => a.CaseId).Select(g =>
        {
            var f = g.First();
            var status = CaseStatus.Of(f.RecordedInErrorOn, f.FinalisedOn, f.HandlingRoute, f.RecordedOn);
            return new CaseLine(g.Key, f.CaseType, f.ReceivedOn, f.HandlingRoute, f.FinalisedOn, status,
                g.Select(a => (a.Category, a.Finding)).ToList(), outcomes[g.Key].ToList()) { Hearings = [.. hearingsByCase[g.Key]] };
        }).OrderByDescending(l => l.ReceivedOn).ToList();
        // A case withdrawn as recorded in error is listed, marked, but counts against nobody (ADR 0025).
        allegations = [.. allegations.Where(a => a.RecordedInErrorOn is null)];
        var byCategory = allegations.GroupBy(a => a.Category).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
        var postedTo = postings.Select(p => p.UnitId).Distinct().ToList();
        var postingUnits = await db.Units.AsNoTracking().Where(u => postedTo.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return new View(staff, unit, postings, lines, allegations.Count, allegations.Count(a => a.Finding == "substantiated"), byCategory) { PostingUnits = postingUnits };
    }
}

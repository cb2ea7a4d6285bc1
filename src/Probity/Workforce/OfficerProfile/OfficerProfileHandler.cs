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
        IReadOnlyList<(string Category, string? Finding)> Allegations, IReadOnlyList<string> Outcomes);

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
        var lines = allegations.GroupBy(a => a.CaseId).Select(g =>
        {
            var f = g.First();
            var status = CaseStatus.Of(f.RecordedInErrorOn, f.FinalisedOn, f.HandlingRoute, f.RecordedOn);
            return new CaseLine(g.Key, f.CaseType, f.ReceivedOn, f.HandlingRoute, f.FinalisedOn, status,
                g.Select(a => (a.Category, a.Finding)).ToList(), outcomes[g.Key].ToList());
        }).OrderByDescending(l => l.ReceivedOn).ToList();
        // A case withdrawn as recorded in error is listed, marked, but counts against nobody (ADR 0025).
        allegations = [.. allegations.Where(a => a.RecordedInErrorOn is null)];
        var byCategory = allegations.GroupBy(a => a.Category).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
        var postedTo = postings.Select(p => p.UnitId).Distinct().ToList();
        var postingUnits = await db.Units.AsNoTracking().Where(u => postedTo.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return new View(staff, unit, postings, lines, allegations.Count, allegations.Count(a => a.Finding == "substantiated"), byCategory) { PostingUnits = postingUnits };
    }
}

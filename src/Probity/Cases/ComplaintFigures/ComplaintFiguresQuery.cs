using Microsoft.EntityFrameworkCore;
using Probity.Cases.Contracts;
using Probity.Database;

namespace Probity.Cases.ComplaintFigures;

/// <summary>
/// <see cref="IComplaintFigures"/> over the shared analytic view (<see cref="ProbityDb.ReadAsSharedAnalytics"/>), as the
/// performance measures read it: the same figures for every reader, never a restricted case.
/// </summary>
internal sealed class ComplaintFiguresQuery(ProbityDb db) : IComplaintFigures
{
    public async Task<IReadOnlyList<ComplaintFigure>> ReceivedAsync(IReadOnlySet<string> unitIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (unitIds.Count == 0 || to < from) return [];
        var units = unitIds.ToArray();
        using var shared = db.ReadAsSharedAnalytics();
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.CaseType == "public_complaint" && c.ReceivedOn >= from && c.ReceivedOn <= to
                && ((c.LocationUnitId != null && units.Contains(c.LocationUnitId)) || (c.HandlingUnitId != null && units.Contains(c.HandlingUnitId))))
            .Select(c => new
            {
                c.ReceivedOn,
                Allegations = c.Allegations.Select(a => new { a.Category, a.StaffId }).ToList(),
                Complainants = c.Complainants.Count,
            })
            .ToListAsync(ct);
        return cases.Select(c => new ComplaintFigure(c.ReceivedOn, c.Allegations.Select(a => new ComplaintAllegation(a.Category, a.StaffId)).ToList(), c.Complainants)).ToList();
    }
}

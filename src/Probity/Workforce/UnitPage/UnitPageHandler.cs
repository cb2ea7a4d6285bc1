using Probity.Workforce.Contracts;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Probity.Database;
using Probity.Kernel;
using Probity.Cases.Contracts;

namespace Probity.Workforce.UnitPage;

/// <summary>A unit: where it sits, who is in it, the cases it handles and the cases arising in it.</summary>
internal sealed class UnitPageHandler(ProbityDb db, Audit audit, TimeProvider time, ICaseSearch search)
{
    internal sealed record View(Unit Unit, Unit? Parent, IReadOnlyList<Unit> Children, int Staff, int Officers,
        int Live, int HandlingTotal, int ArisingLast12Months, IReadOnlyList<(string Category, int Count)> TopCategories);

    public async Task<View> HandleAsync(string unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new RecordNotFoundException($"Unit {unitId}");
        await audit.RecordAsync("view", "unit:" + unitId, null, ct);
        var yearAgo = time.Today().AddYears(-1);
        var parent = unit.ParentUnitId is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unit.ParentUnitId, ct);
        var children = await db.Units.AsNoTracking().Where(u => u.ParentUnitId == unitId).OrderBy(u => u.Name).ToListAsync(ct);
        var staff = await db.Staff.CountAsync(s => s.UnitId == unitId && s.LeftOn == null, ct);
        var officers = await db.Staff.CountAsync(s => s.UnitId == unitId && s.LeftOn == null && s.StaffType == "officer", ct);
        // The case list's own count for the list the tile links to (the unit and the units within it, handling or
        // arising): one definition, so the number and the list always agree.
        var live = await search.CountAsync(LiveCases(unitId), ct);
        // Like every count, these leave out a case withdrawn as recorded in error (ADR 0025).
        var standing = db.Cases.Where(CaseStatus.Stands);
        var handlingTotal = await standing.CountAsync(c => c.HandlingUnitId == unitId, ct);
        var arising12 = await standing.CountAsync(c => c.LocationUnitId == unitId && c.ReceivedOn > yearAgo, ct);
        var arisingIds = standing.Where(c => c.LocationUnitId == unitId && c.ReceivedOn > yearAgo).Select(c => c.Id);
        var top = await db.Allegations.Where(a => arisingIds.Contains(a.CaseId))
            .GroupBy(a => a.Category).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(8).ToListAsync(ct);
        return new View(unit, parent, children, staff, officers, live, handlingTotal, arising12, top.Select(t => (t.Key, t.Count)).ToList());
    }

    /// <summary>The live cases handled or arising in a unit and the units within it: what its page counts and links to.</summary>
    public static CaseFilter LiveCases(string unitId) => new() { Unit = unitId, Status = "live" };
}

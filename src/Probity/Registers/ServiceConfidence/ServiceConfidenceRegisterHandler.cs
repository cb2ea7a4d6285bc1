using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;

namespace Probity.Registers.ServiceConfidence;

/// <summary>
/// The Service Confidence register for a unit (and the units within it) or the whole force: each record with the
/// restrictions in force and when it is next reviewed, overdue reviews first. A reader never sees a record about themselves.
/// </summary>
internal sealed class ServiceConfidenceRegisterHandler(ProbityDb db, Audit audit, RegisterUnits units, TimeProvider time)
{
    public const int PageSize = 500;

    public static readonly IReadOnlyDictionary<string, string> Shows = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["open"] = "Restrictions in force", ["overdue"] = "Review overdue", ["closed"] = "Closed", ["all"] = "All",
    };

    internal sealed record Row(ServiceConfidenceRecord Record, string StaffName, string? UnitName, IReadOnlyList<string> Restrictions, ServiceConfidenceState State);

    internal sealed record View(RegisterUnits.Scope Units, string Show, IReadOnlyList<Row> Rows, int Total);

    public async Task<View> HandleAsync(string? unit, string? show, CancellationToken ct)
    {
        show = string.IsNullOrEmpty(show) ? "open" : show;
        if (!Shows.ContainsKey(show)) throw new ActionRefusedException($"Show: choose one of {string.Join(", ", Shows.Values)}.");
        var scope = await units.ForAsync(unit, ct);
        var today = time.Today();
        var q = from r in db.ServiceConfidence.AsNoTracking()
                join s in db.Staff.AsNoTracking() on r.StaffId equals s.Id
                select new { r, s.DisplayName, s.UnitId };
        if (scope.UnitIds is { } ids) q = q.Where(x => x.UnitId != null && ids.Contains(x.UnitId));
        q = show switch
        {
            "open" => q.Where(x => x.r.ClosedOn == null),
            "overdue" => q.Where(x => x.r.ClosedOn == null && x.r.NextReviewOn != null && x.r.NextReviewOn < today),
            "closed" => q.Where(x => x.r.ClosedOn != null),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        // Open before closed, then the review furthest overdue first.
        var rows = await q.OrderBy(x => x.r.ClosedOn != null).ThenBy(x => x.r.NextReviewOn ?? x.r.ClosedOn).ThenBy(x => x.r.Id).Take(PageSize).ToListAsync(ct);
        var recordIds = rows.Select(x => x.r.Id).ToList();
        var restrictions = (await db.ServiceConfidenceRestrictions.AsNoTracking().Where(x => recordIds.Contains(x.RecordId) && x.LiftedOn == null)
            .Select(x => new { x.RecordId, x.Kind }).ToListAsync(ct)).ToLookup(x => x.RecordId, x => ServiceConfidenceVocabulary.Restriction(x.Kind), StringComparer.Ordinal);
        var unitNames = (await units.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        await audit.RecordAsync("view", "service_confidence_register", $"{(scope.Unit is null ? "whole force" : "unit " + scope.Unit.Id)}, {show}: {rows.Count} of {total}", ct);
        return new View(scope, show, [.. rows.Select(x => new Row(x.r, x.DisplayName, x.UnitId is null ? null : unitNames.GetValueOrDefault(x.UnitId, x.UnitId),
            [.. restrictions[x.r.Id].Distinct(StringComparer.Ordinal)], ServiceConfidenceState.Of(x.r, today)))], total);
    }
}

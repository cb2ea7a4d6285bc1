using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;

namespace Probity.Registers.GoldGroups;

/// <summary>
/// The register of gold groups: those still sitting first, then the most recently declared; with each group's chair and
/// its open and overdue actions.
/// </summary>
internal sealed class GoldGroupsHandler(ProbityDb db, Audit audit, TimeProvider time, CaseReferences references)
{
    public const int PageSize = 500;

    public static readonly IReadOnlyDictionary<string, string> Shows = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sitting"] = "Still sitting", ["closed"] = "Stood down", ["all"] = "All",
    };

    internal sealed record Row(string Id, string Incident, DateOnly TriggeredOn, string Chair, DateOnly? ClosedOn, int OpenActions, int OverdueActions);
    internal sealed record View(string Show, IReadOnlyList<Row> Rows, int Total);

    public async Task<View> HandleAsync(string? show, CancellationToken ct)
    {
        show = string.IsNullOrEmpty(show) ? "all" : show;
        if (!Shows.ContainsKey(show)) throw new ActionRefusedException($"Show: choose one of {string.Join(", ", Shows.Values)}.");
        var today = time.Today();
        var q = db.GoldGroups.AsNoTracking();
        q = show switch { "sitting" => q.Where(g => g.ClosedOn == null), "closed" => q.Where(g => g.ClosedOn != null), _ => q };
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(g => g.ClosedOn == null).ThenByDescending(g => g.TriggeredOn).ThenBy(g => g.Id).Take(PageSize)
            .Select(g => new
            {
                g.Id, g.Incident, g.TriggeredOn, g.ChairStaffId, g.ClosedOn,
                Open = db.GoldGroupActions.Count(a => a.GroupId == g.Id && a.State == "open"),
                Overdue = db.GoldGroupActions.Count(a => a.GroupId == g.Id && a.State == "open" && a.DueOn < today),
            }).ToListAsync(ct);
        var chairs = rows.Select(r => r.ChairStaffId).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => chairs.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        var hidden = await references.HiddenAsync(rows.SelectMany(r => CaseReferences.Words(r.Incident)), ct);
        await audit.RecordAsync("view", "gold_groups", $"{show}: {rows.Count} of {total}", ct);
        return new View(show, rows.Select(r => new Row(r.Id, CaseReferences.Redact(r.Incident, hidden)!, r.TriggeredOn, names.GetValueOrDefault(r.ChairStaffId, r.ChairStaffId),
            r.ClosedOn, r.Open, r.Overdue)).ToList(), total);
    }
}

using Probity.AuditTrail.Contracts;
using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.AccessMonitoring.Alerts;

/// <summary>The alert queue: by default the alerts still to work (open and assigned), highest score first.</summary>
internal sealed class SearchAlerts(ProbityDb db, Audit audit, Cases.Contracts.CaseReferences references, ReviewCapacity capacity)
{
    public const int PageSize = 50;

    /// <summary>
    /// Status "to_work" (the default: open and assigned), "all", or one status. The default queue (to work, no staff or
    /// subject named) holds each London day's highest-scoring alerts up to the unit's review capacity, unless
    /// <see cref="BeyondCapacity"/> asks for the rest too.
    /// </summary>
    internal sealed record Filter(string? Status, string? Rule, string? Staff, string? Key, int Page, bool BeyondCapacity = false)
    {
        public string StatusOrDefault => Status is not null && (Status == "all" || AlertStatus.All.Contains(Status)) ? Status : "to_work";

        public bool WithinCapacity => StatusOrDefault == "to_work" && !BeyondCapacity && string.IsNullOrWhiteSpace(Staff) && string.IsNullOrWhiteSpace(Key);
    }

    internal sealed record Row(string Id, string StaffId, string? StaffName, string Rule, string Key, double Score, DateTimeOffset FirstEventTime, DateTimeOffset LastEventTime,
        long EventCount, string Explanation, string Status, string? AssignedTo, string? CaseId, string? ConcernId);

    /// <param name="Capacity">The unit's review capacity, when the queue was cut to it.</param>
    /// <param name="Beyond">Alerts to work that the capacity left out (one click away).</param>
    internal sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages, int? Capacity = null, int Beyond = 0);

    public async Task<Result> HandleAsync(Filter filter, CancellationToken ct)
    {
        var q = db.MisuseAlerts.AsNoTracking();
        q = filter.StatusOrDefault switch
        {
            "to_work" => q.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Assigned),
            "all" => q,
            var status => q.Where(a => a.Status == status),
        };
        if (!string.IsNullOrWhiteSpace(filter.Rule)) q = q.Where(a => a.Rule == filter.Rule);
        if (!string.IsNullOrWhiteSpace(filter.Staff))
        {
            var staff = filter.Staff.Trim();
            q = q.Where(a => a.StaffId == staff);
        }
        if (!string.IsNullOrWhiteSpace(filter.Key)) q = q.Where(a => a.Key == filter.Key);
        int? cut = null;
        var beyond = 0;
        if (filter.WithinCapacity)
        {
            cut = (await capacity.ReadAsync(ct)).PerDay;
            var toWork = await q.Select(a => new { a.Id, a.FirstEventTime }).ToListAsync(ct);
            var within = await WithinCapacityAsync(toWork.Select(a => a.FirstEventTime).ToList(), cut.Value, ct);
            var kept = toWork.Where(a => within.Contains(a.Id)).Select(a => a.Id).ToList();
            beyond = toWork.Count - kept.Count;
            q = q.Where(a => kept.Contains(a.Id));
        }
        var total = await q.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await q.OrderByDescending(a => a.Score).ThenByDescending(a => a.FirstEventTime).ThenBy(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.StaffId, null, a.Rule, a.Key, a.Score, a.FirstEventTime, a.LastEventTime, a.EventCount, a.Explanation, a.Status, a.AssignedTo, a.CaseId, a.ConcernId))
            .ToListAsync(ct);
        // The case an alert became may be restricted since: its id is withheld from readers who may not see it.
        var hidden = await references.HiddenAsync(rows.Select(r => r.CaseId), ct);
        rows = rows.Select(r => r.CaseId is { } c && hidden.Contains(c) ? r with { CaseId = Cases.Contracts.CaseReferences.Withheld } : r).ToList();
        var ids = rows.Select(r => r.StaffId).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        await audit.RecordAsync("search", "misuse_alerts",
            $"status={filter.StatusOrDefault} rule={filter.Rule} staff={filter.Staff} key={filter.Key} page={page}" +
            $"{(cut is { } c ? $" within capacity {c}/day ({beyond} beyond)" : "")}: {total} found", ct);
        return new Result(rows.Select(r => r with { StaffName = names.GetValueOrDefault(r.StaffId) }).ToList(), total, page, pages, cut, beyond);
    }

    /// <summary>
    /// The ids of each London day's <paramref name="perDay"/> highest-scoring alerts, on the days of these times. Every
    /// alert of the day is ranked whatever its status: one already decided used that day's capacity.
    /// </summary>
    private async Task<HashSet<string>> WithinCapacityAsync(IReadOnlyList<DateTimeOffset> times, int perDay, CancellationToken ct)
    {
        if (times.Count == 0) return [];
        var from = Detection.LondonTime.StartOfDay(DateOnly.FromDateTime(Detection.LondonTime.ToLocal(times.Min()).DateTime));
        var to = Detection.LondonTime.StartOfDay(DateOnly.FromDateTime(Detection.LondonTime.ToLocal(times.Max()).DateTime).AddDays(1));
        var ranked = await db.MisuseAlerts.AsNoTracking().Where(a => a.FirstEventTime >= from && a.FirstEventTime < to)
            .Select(a => new { a.Id, a.Score, a.FirstEventTime }).ToListAsync(ct);
        return ranked.GroupBy(a => Detection.LondonTime.ToLocal(a.FirstEventTime).Date)
            .SelectMany(day => day.OrderByDescending(a => a.Score).ThenBy(a => a.Id, StringComparer.Ordinal).Take(perDay))
            .Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
    }
}

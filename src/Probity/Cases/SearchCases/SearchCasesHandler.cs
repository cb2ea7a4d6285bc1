using Probity.Cases.Contracts;
using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Probity.Database;

namespace Probity.Cases.SearchCases;

/// <summary>The case list: filter by unit (with the units within it), officer, category, route, status, type and overdue;
/// newest first (the overdue list: longest overdue first), a page at a time.</summary>
internal sealed class SearchCasesHandler(ProbityDb db, CaseTargets targets, Audit audit, TimeProvider time, SearchCounts counts) : ICaseSearch
{
    public const int PageSize = 50;

    internal sealed record Row(string Id, string CaseType, DateOnly ReceivedOn, string? HandlingRoute, string? HandlingUnit, string? Location,
        DateOnly? FinalisedOn, string Status, CaseClock? Clock, bool Restricted);

    internal sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages);

    public async Task<Result> HandleAsync(CaseFilter f, CancellationToken ct)
    {
        var today = time.Today();
        var query = Apply(db.Cases.AsNoTracking(), f, today);
        var total = await counts.GetOrCountAsync(f, today, db.Scope, () => query.CountAsync(ct));
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(f.Page, 1, pages);
        var cases = f.Overdue ? await MostOverdueFirstAsync(query, page, today, ct)
            : await query.OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var unitIds = cases.SelectMany(c => new[] { c.HandlingUnitId, c.LocationUnitId }).Where(u => u is not null).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = cases.Select(c => new Row(c.Id, c.CaseType, c.ReceivedOn, c.HandlingRoute,
            c.HandlingUnitId is null ? null : names.GetValueOrDefault(c.HandlingUnitId, c.HandlingUnitId),
            c.LocationUnitId is null ? null : names.GetValueOrDefault(c.LocationUnitId, c.LocationUnitId),
            c.FinalisedOn, CaseStatus.Of(c), CaseClock.Of(c, targets, today), c.Restricted)).ToList();
        await audit.RecordAsync("search", "cases", $"{f} -> {total} case(s)", ct);
        return new Result(rows, total, page, pages);
    }

    /// <summary>
    /// The overdue list, the longest past its due date first. The due date depends on each case's regime and route
    /// (its target in working days), which SQL cannot order by, so the overdue set's dates are read and ordered here:
    /// that set is the live cases past their target, a small part of the store.
    /// </summary>
    private async Task<List<Case>> MostOverdueFirstAsync(IQueryable<Case> query, int page, DateOnly today, CancellationToken ct)
    {
        var all = await query.ToListAsync(ct);
        return CaseClock.MostOverdueFirst(all, targets, today).Skip((page - 1) * PageSize).Take(PageSize).ToList();
    }

    /// <summary>How many cases match, as the reader may see them (remembered like the list's totals; not audited:
    /// callers record what they show).</summary>
    public Task<int> CountAsync(CaseFilter f, CancellationToken ct)
    {
        var today = time.Today();
        return counts.GetOrCountAsync(f, today, db.Scope, () => Apply(db.Cases.AsNoTracking(), f, today).CountAsync(ct));
    }

    public IQueryable<Case> Apply(IQueryable<Case> query, CaseFilter f, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(c => c.Id.StartsWith(q) || (c.Summary != null && c.Summary.Contains(q)));
        }
        if (!string.IsNullOrWhiteSpace(f.Unit))
        {
            // A unit means the unit and the units within it (a business group's commands, a command's teams: three
            // levels below, as deep as the force's structure goes), handling a case or where it arose. The home page,
            // a unit's page and the export count with this same filter, so a count and the list it links to agree.
            var unit = f.Unit.Trim();
            var within = db.Units.Where(u => u.Id == unit || u.ParentUnitId == unit
                || db.Units.Any(p => p.Id == u.ParentUnitId && (p.ParentUnitId == unit
                    || db.Units.Any(g => g.Id == p.ParentUnitId && g.ParentUnitId == unit)))).Select(u => u.Id);
            query = query.Where(c => (c.HandlingUnitId != null && within.Contains(c.HandlingUnitId)) || (c.LocationUnitId != null && within.Contains(c.LocationUnitId)));
        }
        // As "id IN (SELECT case_id ... )" over the (staff, case) and (category, case) indexes: a correlated
        // EXISTS re-applies need-to-know through the allegation's case for every candidate row (see bench/README.md).
        // The inner set is the unfiltered allegation keys, never IgnoreQueryFilters (which would lift need-to-know from
        // the outer query too): the outer query is the filtered cases, so only visible cases come out.
        if (!string.IsNullOrWhiteSpace(f.Officer))
            query = query.Where(c => db.AllegationKeys.Where(a => a.StaffId == f.Officer).Select(a => a.CaseId).Contains(c.Id));
        if (!string.IsNullOrWhiteSpace(f.Category))
            query = query.Where(c => db.AllegationKeys.Where(a => a.Category == f.Category).Select(a => a.CaseId).Contains(c.Id));
        if (!string.IsNullOrWhiteSpace(f.Route)) query = query.Where(c => c.HandlingRoute == f.Route);
        if (!string.IsNullOrWhiteSpace(f.Type)) query = query.Where(c => c.CaseType == f.Type);
        // A case withdrawn as recorded in error is in no count and no list but its own (ADR 0025).
        query = f.Status == CaseStatus.RecordedInError
            ? query.Where(c => c.RecordedInErrorOn != null)
            : query.Where(CaseStatus.Stands);
        query = f.Status switch
        {
            CaseStatus.Finalised => query.Where(c => c.FinalisedOn != null),
            CaseStatus.InHand => query.Where(c => c.FinalisedOn == null && c.HandlingRoute != null),
            CaseStatus.Recorded => query.Where(c => c.FinalisedOn == null && c.HandlingRoute == null && c.RecordedOn != null),
            CaseStatus.Received => query.Where(c => c.FinalisedOn == null && c.HandlingRoute == null && c.RecordedOn == null),
            "live" => query.Where(c => c.FinalisedOn == null),
            _ => query,
        };
        if (f.Overdue) query = query.Where(OverdueOn(today));
        return query;
    }

    /// <summary>
    /// Live cases past their due date, as SQL: for each distinct target T, a case is overdue when it was received
    /// on or before the last date whose T-working-day deadline has already passed.
    /// </summary>
    private Expression<Func<Case, bool>> OverdueOn(DateOnly today)
    {
        var c = Expression.Parameter(typeof(Case), "c");
        var route = Expression.Property(c, nameof(Case.HandlingRoute));
        var received = Expression.Property(c, nameof(Case.ReceivedOn));
        Expression? any = null;
        foreach (var (target, routes) in targets.Groups())
        {
            var cutoff = CaseClock.LastReceivedDateOverdueOn(today, target);
            Expression inGroup = routes.Select(r => (Expression)Expression.Equal(route, Expression.Constant(r, typeof(string))))
                .Aggregate(Expression.OrElse);
            var clause = Expression.AndAlso(inGroup, Expression.LessThanOrEqual(received, Expression.Constant(cutoff)));
            any = any is null ? clause : Expression.OrElse(any, clause);
        }
        var open = Expression.Equal(Expression.Property(c, nameof(Case.FinalisedOn)), Expression.Constant(null, typeof(DateOnly?)));
        return Expression.Lambda<Func<Case, bool>>(any is null ? open : Expression.AndAlso(open, any), c);
    }
}

/// <summary>
/// Remembers how many cases each filter matched, per reader's visibility and per state of the store: the total is
/// shown on every page of a result, and counting a filtered set costs as much as the filter itself. Any change
/// to case data (<see cref="StoreChanges"/>) starts afresh.
/// </summary>
internal sealed class SearchCounts(StoreChanges changes)
{
    private const int MaxEntries = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private long _generation = -1;

    public async Task<int> GetOrCountAsync(CaseFilter f, DateOnly today, Probity.Kernel.CaseAccessScope scope, Func<Task<int>> count)
    {
        var generation = changes.Generation;
        if (Interlocked.Exchange(ref _generation, generation) != generation || _counts.Count > MaxEntries) _counts.Clear();
        // Everything that decides the count: the filter (not the page), the day (overdue), and what the reader may see.
        var key = string.Join('\u001f', f.Q, f.Unit, f.Officer, f.Category, f.Route, f.Status, f.Type, f.Overdue ? today.DayNumber : 0,
            scope.SeesEverything, scope.OnlyFinalised, string.Join(',', scope.Principals));
        if (_counts.TryGetValue(key, out var cached)) return cached;
        var n = await count();
        if (changes.Generation == generation) _counts[key] = n;
        return n;
    }
}

using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Kernel;
using Probity.Registers.Contracts;

namespace Probity.Registers.Interests;

/// <summary>
/// The business interests register for a unit (and the units within it) or the whole force: each interest with its
/// state (awaiting a decision, refused, continuing after refusal, review due or overdue, expired), most urgent first.
/// </summary>
internal sealed class BusinessInterestsRegisterHandler(ProbityDb db, Audit audit, RegisterUnits units, TimeProvider time)
{
    /// <summary>Rows a page shows at most: a unit's register fits; the whole force's is narrowed by unit or state.</summary>
    public const int PageSize = 500;

    /// <summary>Days ahead a review counts as due.</summary>
    public const int ReviewDueDays = 30;

    public static readonly IReadOnlyDictionary<string, string> Shows = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["attention"] = "Needing attention", ["all"] = "All", ["awaiting"] = "Awaiting a decision", ["review_due"] = "Review due",
        ["overdue"] = "Review overdue or expired", ["continuing"] = "Continuing after refusal", ["refused"] = "Refused",
    };

    internal sealed record Row(BusinessInterest Interest, string StaffName, string? UnitName, InterestState State);

    internal sealed record View(RegisterUnits.Scope Units, string Show, IReadOnlyList<Row> Rows, int Total);

    public async Task<View> HandleAsync(string? unit, string? show, CancellationToken ct)
    {
        show = string.IsNullOrEmpty(show) ? "attention" : show;
        if (!Shows.ContainsKey(show)) throw new ActionRefusedException($"Show: choose one of {string.Join(", ", Shows.Values)}.");
        var scope = await units.ForAsync(unit, ct);
        var today = time.Today();
        var due = today.AddDays(ReviewDueDays);
        var q = from b in db.BusinessInterests.AsNoTracking()
                join s in db.Staff.AsNoTracking() on b.StaffId equals s.Id
                select new { b, s.DisplayName, s.UnitId };
        if (scope.UnitIds is { } ids) q = q.Where(x => x.UnitId != null && ids.Contains(x.UnitId));
        var approved = new[] { "approved", "approved_with_conditions" };
        q = show switch
        {
            "awaiting" => q.Where(x => x.b.Decision == null),
            "refused" => q.Where(x => x.b.Decision == "refused"),
            "continuing" => q.Where(x => x.b.ContinuedAfterRefusalOn != null),
            "review_due" => q.Where(x => approved.Contains(x.b.Decision!) && x.b.ReviewOn != null && x.b.ReviewOn >= today && x.b.ReviewOn <= due),
            "overdue" => q.Where(x => approved.Contains(x.b.Decision!) && ((x.b.ReviewOn != null && x.b.ReviewOn < today) || (x.b.ExpiresOn != null && x.b.ExpiresOn < today))),
            "attention" => q.Where(x => x.b.Decision == null || x.b.ContinuedAfterRefusalOn != null
                || (approved.Contains(x.b.Decision) && ((x.b.ReviewOn != null && x.b.ReviewOn <= due) || (x.b.ExpiresOn != null && x.b.ExpiresOn < today)))),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        // Most urgent first: continuing after refusal, awaiting decision (oldest application first), then by review date.
        var rows = await q.OrderByDescending(x => x.b.ContinuedAfterRefusalOn != null).ThenByDescending(x => x.b.Decision == null)
            .ThenBy(x => x.b.ReviewOn ?? x.b.AppliedOn).ThenBy(x => x.b.Id).Take(PageSize).ToListAsync(ct);
        var unitNames = (await units.AllAsync(ct)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        await audit.RecordAsync("view", "business_interests_register",
            $"{(scope.Unit is null ? "whole force" : "unit " + scope.Unit.Id)}, {show}: {rows.Count} of {total}", ct);
        return new View(scope, show, rows.Select(x => new Row(x.b, x.DisplayName, x.UnitId is null ? null : unitNames.GetValueOrDefault(x.UnitId, x.UnitId),
            InterestState.Of(x.b, today))).ToList(), total);
    }
}

/// <summary>Where an interest stands today, in the words the register shows.</summary>
internal sealed record InterestState(string Text, string Tag)
{
    public static InterestState Of(BusinessInterest b, DateOnly today)
    {
        if (b.ContinuedAfterRefusalOn is { } c) return new($"Continuing after refusal (found {c:d MMM yyyy})", "overdue");
        if (b.Decision is null) return new("Awaiting a decision", "live");
        if (b.Decision is "refused") return new("Refused", "finalised");
        if (b.Decision is "withdrawn") return new("Withdrawn", "finalised");
        if (b.ExpiresOn is { } e && e < today) return new($"Expired {e:d MMM yyyy}", "overdue");
        if (b.ReviewOn is { } r && r < today) return new($"Review overdue since {r:d MMM yyyy}", "overdue");
        if (b.ReviewOn is { } d && d <= today.AddDays(BusinessInterestsRegisterHandler.ReviewDueDays)) return new($"Review due {d:d MMM yyyy}", "live");
        return new(b.Decision == "approved" ? "Approved" : "Approved with conditions", "finalised");
    }
}

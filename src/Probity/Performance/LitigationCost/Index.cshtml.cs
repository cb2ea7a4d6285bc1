using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Probity.AuditTrail.Contracts;
using Probity.Identity.Contracts;

namespace Probity.Performance.LitigationCost;

/// <summary>
/// <c>/performance/litigation</c>: the cost of litigation and compensation by financial year and by unit (ADR 0024), a
/// chart and the tables behind it; printable. The figures are the shared analytic view's, the same for every reader.
/// </summary>
[Authorize(Policy = Policies.ReadPerformance)]
internal sealed class LitigationCostPage(Database.ProbityDb db, Audit audit) : PageModel
{
    /// <summary>A financial year (by the year it starts: 2024 is 2024/25) to break down by unit; empty for every year.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public LitigationCosts.Figures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var paid = await LitigationCosts.LoadAsync(db, ct);
        var unitIds = paid.Select(p => p.UnitId).OfType<string>().Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Figures = LitigationCosts.Compute(paid, names, Year);
        // A year with nothing concluded shows an empty breakdown, not an error: it is a true answer.
        await audit.RecordAsync("view", "performance:litigation", Year is { } year ? $"year={LitigationCosts.YearLabel(year)}" : "all years", ct);
    }
}

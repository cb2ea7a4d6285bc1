using Probity.AuditTrail.Contracts;
using Probity.Infrastructure.Time;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probity.Identity.Contracts;
using Probity.Risk.Model;

namespace Probity.Risk.Themes;

/// <summary>Thematic and location risk: where a kind of allegation is rising, with its monthly trend.</summary>
[Authorize(Policy = Policies.ReadRisk)]
internal sealed class ThemesModel(RiskFactsCache facts, Audit audit, TimeProvider time, Cases.Contracts.CaseReferences references) : PageModel
{
    internal sealed record Row(string UnitId, string UnitName, string Theme, IReadOnlyList<int> Monthly, int Recent, int Before, string Change, double Score);

    public DateOnly AsOf { get; private set; }
    [BindProperty(SupportsGet = true)] public int? Theme { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Cases.Contracts.CaseDateWarning> DateExclusions { get; private set; } = [];

    public async Task OnGetAsync([FromQuery] DateOnly? asOf, CancellationToken ct)
    {
        AsOf = WorkingDays.RequireCovered(asOf ?? time.Today(), "the as-at date");
        var f = await facts.GetAsync(ct);
        DateExclusions = await references.VisibleAsync(f.DateExclusions, w => w.CaseId, ct);
        var boroughs = f.Units.Where(u => u.Kind == "borough").ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var firstMonth = new DateOnly(AsOf.Year, AsOf.Month, 1).AddMonths(-23);
        int MonthIndex(DateOnly d) => (d.Year - firstMonth.Year) * 12 + d.Month - firstMonth.Month;
        var rows = new List<Row>();
        foreach (var group in f.Allegations
                     .Where(a => a.LocationUnitId is not null && boroughs.ContainsKey(a.LocationUnitId) && a.ReceivedOn >= firstMonth && a.ReceivedOn <= AsOf)
                     .Select(a => (Allegation: a, Group: RiskFeatures.GroupOf(a.Category)))
                     .Where(x => x.Group >= 0 && (Theme is null || x.Group == Theme))
                     .GroupBy(x => (x.Allegation.LocationUnitId!, x.Group)))
        {
            var monthly = new int[24];
            foreach (var (a, _) in group) monthly[MonthIndex(a.ReceivedOn)]++;
            var recent = monthly[18..].Sum();
            var before = monthly[12..18].Sum();
            var change = before == 0 ? (recent == 0 ? "—" : "new") : ((recent - before) * 100.0 / before).ToString("+0;-0;0", CultureInfo.InvariantCulture) + "%";
            // Rank by the rise weighted by volume, so 1 → 3 does not outrank 20 → 35.
            var score = (recent - before) / Math.Sqrt(Math.Max(1, recent + before));
            rows.Add(new Row(group.Key.Item1, boroughs[group.Key.Item1], RiskFeatures.GroupNames[group.Key.Group], monthly, recent, before, change, score));
        }
        Rows = rows.OrderByDescending(r => r.Score).ToList();
        await audit.RecordAsync("view", "risk_themes", $"as at {AsOf:yyyy-MM-dd} theme={Theme}", ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Probity.AccessMonitoring.Contracts;
using Probity.Cases.Contracts;
using Probity.Database;
using Probity.Infrastructure.Time;
using Probity.Intelligence.Contracts;
using Probity.Intelligence.Log;

namespace Probity.Intelligence.ControlStrategy;

/// <summary>One year's evidence for a priority. Cases and allegations come from the shared analytic view: no restricted case.</summary>
internal sealed record EvidenceYear(int Year, int Cases, int Allegations, int Intelligence, int Alerts, int BusinessInterests, int VettingClearances)
{
    public int Total => Allegations + Intelligence + Alerts + BusinessInterests + VettingClearances;
}

/// <summary>How many of a priority's intelligence items carry one grading: the picture without a word of any item.</summary>
internal sealed record GradingCount(string Scheme, string Grading, string HandlingCode, int Items);

/// <summary>A priority's evidence, year by year, and its intelligence picture.</summary>
internal sealed record PriorityPicture(ControlPriority Priority, IReadOnlyList<EvidenceYear> Years, IReadOnlyList<GradingCount> Grading, int RestrictedItems)
{
    public int Items => Grading.Sum(g => g.Items);
}

/// <summary>
/// The evidence Probity already holds counted by control-strategy priority (ADR control-strategy): cases and allegations in the
/// priority's categories (the shared analytic view, so a restricted case never counts), intelligence items linked to it (as the
/// reader may see them), information-misuse alerts and register entries where the priority names the register. Counts only.
/// </summary>
internal sealed class PriorityEvidence(ProbityDb db, CaseReferences cases, AlertCounts alerts, TimeProvider time)
{
    /// <summary>The years a trend shows: this one and the five before.</summary>
    public const int TrendYears = 6;

    public IReadOnlyList<int> Years
    {
        get
        {
            var now = time.Today().Year;
            return [.. Enumerable.Range(now - TrendYears + 1, TrendYears)];
        }
    }

    public async Task<IReadOnlyList<PriorityPicture>> CountAsync(IReadOnlyList<ControlPriority> priorities, CancellationToken ct)
    {
        var years = Years;
        var from = new DateOnly(years[0], 1, 1);
        var categories = priorities.SelectMany(p => p.CaseCategories).Distinct().ToList();

        List<(string Category, string CaseId, int Year)> allegations;
        using (db.ReadAsSharedAnalytics())
            allegations = [.. (await db.Allegations.AsNoTracking().Where(a => categories.Contains(a.Category) && a.Case!.ReceivedOn >= from)
                .Select(a => new { a.Category, a.CaseId, a.Case!.ReceivedOn }).ToListAsync(ct)).Select(a => (a.Category, a.CaseId, a.ReceivedOn.Year))];

        var items = await db.Set<IntelligenceItem>().AsNoTracking()
            .Where(i => i.Links.Any(l => l.Kind == IntelligenceLinkKinds.Priority))
            .Select(i => new
            {
                i.ReceivedOn, i.Scheme, Grading = i.SourceGrade + i.IntelligenceGrade, i.HandlingCode, i.Restricted,
                Priorities = i.Links.Where(l => l.Kind == IntelligenceLinkKinds.Priority).Select(l => l.Value).ToList(),
                Cases = i.Links.Where(l => l.Kind == IntelligenceLinkKinds.Case).Select(l => l.Value).ToList(),
            }).ToListAsync(ct);
        // An item quoting a case the reader may not see is not counted for them, as it is not listed (IntelligenceLog).
        var hidden = await cases.HiddenAsync(items.SelectMany(i => i.Cases), ct);
        items = [.. items.Where(i => !i.Cases.Any(hidden.Contains))];

        var alertYears = (await alerts.ByYearAsync(ct)).ToDictionary(a => a.Year);
        var interests = (await db.BusinessInterests.AsNoTracking().Where(b => (b.AppliedOn ?? b.DecidedOn) >= from)
            .Select(b => b.AppliedOn ?? b.DecidedOn).ToListAsync(ct)).CountBy(d => d!.Value.Year).ToDictionary();
        var clearances = (await db.VettingClearances.AsNoTracking().Where(c => c.DecidedOn >= from).Select(c => c.DecidedOn).ToListAsync(ct))
            .CountBy(d => d.Year).ToDictionary();

        var pictures = new List<PriorityPicture>();
        foreach (var p in priorities)
        {
            var own = allegations.Where(a => p.CaseCategories.Contains(a.Category)).ToList();
            var linked = items.Where(i => i.Priorities.Contains(p.Code)).ToList();
            var counted = years.Select(y => new EvidenceYear(y,
                own.Where(a => a.Year == y).Select(a => a.CaseId).Distinct().Count(),
                own.Count(a => a.Year == y),
                linked.Count(i => i.ReceivedOn.Year == y),
                p.Registers.Contains(ControlPriority.MisuseAlerts) ? alertYears.GetValueOrDefault(y)?.Detected ?? 0 : 0,
                p.Registers.Contains(ControlPriority.BusinessInterests) ? interests.GetValueOrDefault(y) : 0,
                p.Registers.Contains(ControlPriority.VettingClearances) ? clearances.GetValueOrDefault(y) : 0)).ToList();
            var grading = linked.GroupBy(i => (i.Scheme, i.Grading, i.HandlingCode))
                .Select(g => new GradingCount(g.Key.Scheme, g.Key.Grading, g.Key.HandlingCode, g.Count()))
                .OrderBy(g => g.Scheme, StringComparer.Ordinal).ThenBy(g => g.Grading, StringComparer.Ordinal).ThenBy(g => g.HandlingCode, StringComparer.Ordinal).ToList();
            pictures.Add(new PriorityPicture(p, counted, grading, linked.Count(i => i.Restricted)));
        }
        return pictures;
    }
}
